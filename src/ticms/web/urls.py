from . import audit_views, home, routes, search, views

urlpatterns = routes.collect(home, search, views, audit_views)
