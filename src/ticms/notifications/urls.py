from ticms.web import routes

from . import views

app_name = "notifications"
urlpatterns = routes.collect(views)
