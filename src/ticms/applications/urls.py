from ticms.web import routes

from . import views

urlpatterns = routes.collect(views)
