from django.contrib import admin
from django.urls import include, path

from .api import api
from .web.favicon import favicon

# Chinese pages in the site layout, JSON under /api/ (ticms.web.error_pages); used with DEBUG off.
handler400 = "ticms.web.error_pages.bad_request"
handler403 = "ticms.web.error_pages.permission_denied"
handler404 = "ticms.web.error_pages.page_not_found"
handler500 = "ticms.web.error_pages.server_error"

# Django's admin speaks Chinese (LANGUAGE_CODE) but titles itself "Django 管理" unless told otherwise.
admin.site.site_header = "朔州市技术创新中心管理系统 · 系统管理"
admin.site.site_title = "系统管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("captcha/", include("ticms.accounts.captcha")),
    path("", include("ticms.policy.urls")),
    path("", include("ticms.accounts.urls")),
    path("", include("ticms.calls.urls")),
    path("", include("ticms.applications.urls")),
    path("", include("ticms.reviews.urls")),
    path("", include("ticms.notices.urls")),
    path("", include("ticms.centers.urls")),
    path("", include("ticms.evaluations.urls")),
    path("", include("ticms.documents.urls")),
    path("", include("ticms.imports.urls")),
    path("", include("ticms.notifications.urls")),
    path("", include("ticms.web.urls")),
    path("", include("ticms.workflow.urls")),
]
