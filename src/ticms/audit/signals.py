import functools
import ipaddress

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ticms.accounts.models import SignInNotice

from .services import record


def client_ip(request):
    """The address of whoever sent the request, for audit events and the objection rate limit.

    X-Forwarded-For is written by whoever sends it, so it is believed only when the immediate peer (REMOTE_ADDR)
    is one of settings.TICMS_TRUSTED_PROXIES; then the right-most address that is not itself a trusted proxy is
    the client (the left part of the header is the client's own claim). Otherwise REMOTE_ADDR.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = _trusted_networks(tuple(settings.TICMS_TRUSTED_PROXIES))
    if not remote or not _is_trusted(remote, trusted):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:  # not an address: the proxy did not write it, so nothing in it is believed
                return remote
    return remote


@functools.cache
def _trusted_networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(e, strict=False) for e in entries)


def _is_trusted(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


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
