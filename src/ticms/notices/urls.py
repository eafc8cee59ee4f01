from ticms.web import routes

from . import views

app_name = "notices"
urlpatterns = routes.collect(views)
