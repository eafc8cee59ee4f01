from django.urls import path

from . import views

urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_new, name="call_new"),
    path("calls/<int:call_id>/", views.call_detail, name="call_detail"),
    path("calls/<int:call_id>/files/", views.call_file_add, name="call_file_add"),
    path("calls/files/<int:pk>/", views.call_file, name="call_file"),
]
