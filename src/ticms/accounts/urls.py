from ticms.web import routes

from . import roles_views, security_views, views

urlpatterns = routes.collect(views, roles_views, security_views)
