from ticms.web import routes

from . import views

app_name = "documents"
urlpatterns = routes.collect(views)
