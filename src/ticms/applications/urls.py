from django.urls import path

from . import views

urlpatterns = [
    path("applications/", views.application_list, name="application_list"),
    path("applications/batch/", views.application_batch, name="application_batch"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:application_id>/", views.application_detail, name="application_detail"),
    path("applications/<int:application_id>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:application_id>/eligibility/", views.application_eligibility,
         name="application_eligibility"),
    path("applications/<int:application_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("applications/<int:application_id>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment_download"),
    path("eligibility/", views.self_check, name="eligibility_self_check"),
]
