from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ticms.audit.signals import client_ip
from ticms.errors import ServiceError

from . import services


@login_required
def tokens(request):
    created = None
    if request.method == "POST":
        try:
            _token, created = services.create_api_token(
                user=request.user, name=request.POST.get("name", ""), ip=client_ip(request)
            )
        except ServiceError as exc:
            messages.error(request, str(exc.detail))
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": request.user.api_tokens.all(), "created": created},
    )


@login_required
@require_POST
def revoke_token(request, token_id: int):
    try:
        services.revoke_api_token(user=request.user, token_id=token_id, ip=client_ip(request))
        messages.success(request, _("Token revoked; programs using it can no longer connect."))
    except ServiceError as exc:
        messages.error(request, str(exc.detail))
    return redirect("api_tokens")
