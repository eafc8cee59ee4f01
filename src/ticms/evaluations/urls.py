from ticms.web import routes

from . import overdue_views, views

app_name = "evaluations"
urlpatterns = routes.collect(views, overdue_views)
