from django.urls import path

from . import audit_views, search, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search.site_search, name="site_search"),
    path("workbench/", views.workbench, name="workbench"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/", audit_views.audit_log, name="audit_log"),
    path("audit/verify/", audit_views.audit_verify, name="audit_verify"),
    path("audit/export.csv", audit_views.audit_export, name="audit_export"),
    path("audit/exports/", audit_views.audit_exports, name="audit_exports"),
    path("audit/exports/<int:pk>/download/", audit_views.audit_export_download, name="audit_export_download"),
]
