from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .services import record


def client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    record("auth.sign_in", actor=user, obj=user, ip=client_ip(request))


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # The password is never recorded; the username is, so repeated guessing shows in the log.
    record("auth.sign_in_failed", data={"username": credentials.get("username", "")}, ip=client_ip(request))
