from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("evaluations/", views.round_list, name="round_list"),
    path("evaluations/rounds/new/", views.round_create, name="round_create"),
    path("evaluations/rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("evaluations/rounds/<int:pk>/results/", views.round_results_view, name="round_results"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/materials/", views.materials_edit, name="materials_edit"),
    path("evaluations/rectifications/<int:pk>/report/", views.rectification_report, name="rectification_report"),
]
