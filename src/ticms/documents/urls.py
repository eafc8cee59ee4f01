from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_register, name="register"),
    path("documents/issue/", views.document_issue, name="issue"),
    path("documents/preview/<str:kind>/<int:record_id>/<str:fmt>/", views.document_preview, name="preview"),
    path("documents/<int:pk>/correct/", views.document_correct, name="correct"),
    path("documents/<int:pk>/<str:fmt>/", views.document_download, name="download"),
]
