"""Web URLs of every workflow table: "<record path>/transitions/<name>/", named "workflow:<endpoint>"."""

from django.urls import path

from . import views
from .endpoints import ENDPOINTS

app_name = "workflow"


def _patterns():
    for name, ep in ENDPOINTS.items():
        kwargs = {"endpoint": name}
        yield path(f"{ep.web_path}/transitions/<str:name>/", views.transition, kwargs, name=name)
        yield path(f"{ep.web_path}/transitions/", views.transition, kwargs, name=f"{name}_chosen")


urlpatterns = list(_patterns())
