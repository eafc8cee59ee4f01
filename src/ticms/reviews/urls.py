from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reviews/experts/", views.expert_list, name="expert_list"),
    path("reviews/experts/new/", views.expert_create, name="expert_create"),
    path("reviews/experts/<int:pk>/edit/", views.expert_edit, name="expert_edit"),
    path("reviews/panels/", views.panel_list, name="panel_list"),
    path("reviews/panels/new/<str:subject_type>/<int:subject_id>/", views.panel_create, name="panel_create"),
    path("reviews/panels/<int:pk>/", views.panel_detail, name="panel_detail"),
    path("reviews/assignments/", views.my_assignments, name="my_assignments"),
    path("reviews/assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("reviews/assignments/<int:pk>/opinion/", views.assignment_opinion, name="assignment_opinion"),
    path("reviews/assignments/<int:pk>/replace/", views.assignment_replace, name="assignment_replace"),
]
