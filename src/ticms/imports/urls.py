from ticms.web import routes

from . import views

app_name = "imports"
urlpatterns = routes.collect(views)
