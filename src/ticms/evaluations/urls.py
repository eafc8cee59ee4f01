from ticms.web import routes

from . import views

app_name = "evaluations"
urlpatterns = routes.collect(views)
