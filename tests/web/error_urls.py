"""The site's URLconf plus one view that fails, to see the 500 page (@pytest.mark.urls in test_error_pages)."""

from django.urls import path

from ticms.urls import handler400, handler403, handler404, handler500  # noqa: F401
from ticms.urls import urlpatterns as site_patterns


def fails(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("test-fails/", fails), path("api/test-fails/", fails), *site_patterns]
