import functools
import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

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


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The password is never recorded; the username is, so repeated guessing shows in the log.
    record("auth.sign_in_failed", data={"username": credentials.get("username", "")}, ip=client_ip(request))
