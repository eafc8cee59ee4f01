from ticms.web import routes

from . import list_views, public_views, views

app_name = "centers"
urlpatterns = routes.collect(public_views, list_views, views)
