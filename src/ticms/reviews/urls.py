from ticms.web import routes

from . import views

app_name = "reviews"
urlpatterns = routes.collect(views)
