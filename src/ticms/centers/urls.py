from django.urls import path

from . import list_views, public_views, views

app_name = "centers"

urlpatterns = [
    path("centers/", public_views.directory, name="directory"),
    path("centers/<int:pk>/", public_views.public_detail, name="public_detail"),
    path("centers/manage/", views.center_list, name="center_list"),
    path("centers/filings/", list_views.filing_list, name="filing_list"),
    path("centers/changes/", list_views.change_list, name="change_list"),
    path("centers/supports/", list_views.support_list, name="support_list"),
    path("centers/outputs/", list_views.output_list, name="output_list"),
    path("centers/<int:pk>/manage/", views.center_manage, name="center_manage"),
    path("centers/<int:pk>/profile/", views.profile_edit, name="profile_edit"),
    path("centers/<int:pk>/sub-institutes/new/", views.sub_institute_new, name="sub_institute_new"),
    path("centers/sub-institutes/<int:pk>/close/", views.sub_institute_close, name="sub_institute_close"),
    path("centers/<int:pk>/outputs/new/", views.output_new, name="output_new"),
    path("centers/<int:pk>/supports/new/", views.support_new, name="support_new"),
    path("centers/<int:pk>/visits/new/", views.visit_new, name="visit_new"),
    path("centers/<int:pk>/filings/new/", views.filing_new, name="filing_new"),
    path("centers/filings/<int:pk>/", views.filing_detail, name="filing_detail"),
    path("centers/filings/<int:pk>/resubmit/", views.filing_resubmit, name="filing_resubmit"),
    path("centers/<int:pk>/changes/new/", views.change_new, name="change_new"),
    path("centers/changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("centers/changes/<int:pk>/edit/", views.change_edit, name="change_edit"),
    path("centers/change-attachments/<int:pk>/", views.change_attachment, name="change_attachment"),
]
