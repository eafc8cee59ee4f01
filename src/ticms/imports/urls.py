from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.index, name="index"),
    path("imports/<slug:kind>/", views.upload, name="upload"),
    path("imports/<slug:kind>/apply", views.apply, name="apply"),
    path("imports/<slug:kind>/template.xlsx", views.template_download, name="template"),
]
