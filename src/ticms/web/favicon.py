"""/favicon.ico, which browsers ask for on their own whatever the page links: sent to the static icon."""

from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    # Resolved per request: with the manifest storage the hashed name exists only after collectstatic.
    return redirect(static("web/favicon.ico"))
