from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .services import record


def client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record("auth.sign_in", actor=user, obj=user, ip=client_ip(request))


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record("auth.sign_out", actor=user, obj=user, ip=client_ip(request))


def _burst(kind: str, username: str, ip) -> bool:
    """True once per burst: django-axes keeps one attempt row per username and address until the lockout
    window passes, so its id names the burst."""
    from axes.models import AccessAttempt

    from ticms.accounts.models import SignInNotice

    attempt = AccessAttempt.objects.filter(username=username, ip_address=ip).order_by("pk").first()
    if attempt is None:
        return True
    return SignInNotice.first(f"{kind}:{attempt.pk}")


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Once per burst, not once per attempt, so nobody can grow the append-only log by guessing (even in
    # parallel): django-axes (whose receiver ran first) counts each failure; we note the first of this username
    # at this address, and `_locked_out` the lockout with its count. The password is never recorded.
    username = credentials.get("username", "")
    ip = client_ip(request)
    if request is not None and getattr(request, "axes_locked_out", False) and not hasattr(
        request, "axes_failures_since_start"
    ):
        return  # refused during a lockout: not counted, not recorded
    if _burst("failed", username, ip):
        record("auth.sign_in_failed", data={"username": username}, ip=ip)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    # django-axes also sends this on every refused attempt during a lockout; only a new lockout has a count.
    count = getattr(request, "axes_failures_since_start", None)
    if count is None or not _burst("locked", username or "", ip_address):
        return
    record("auth.locked_out", data={"username": username or "", "count": count}, ip=ip_address)
