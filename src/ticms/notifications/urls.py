from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("messages/", views.inbox, name="inbox"),
    path("messages/settings/", views.preferences, name="preferences"),
    path("messages/read-all/", views.mark_all_read, name="mark_all_read"),
    path("messages/<int:pk>/", views.message_detail, name="message"),
    path("messages/<int:pk>/open/", views.message_open, name="open"),
    path("messages/<int:pk>/read/", views.mark_read, name="mark_read"),
    path("system/jobs/", views.job_list, name="jobs"),
    path("system/jobs/<str:name>/run/", views.job_run, name="job_run"),
    path("system/deliveries/", views.delivery_list, name="deliveries"),
]
