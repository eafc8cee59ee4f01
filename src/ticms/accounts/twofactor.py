"""The second factor (django-otp): a TOTP app, with one-time recovery codes for a lost phone.

Required for the roles in settings.TICMS_2FA_ROLES (and a break-glass superuser); optional for everyone else.
"""

from __future__ import annotations

import io
import time
from base64 import b32encode

import django_otp
from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ticms.audit.services import record

RECOVERY_CODES = 10


def required(user) -> bool:
    return user.is_superuser or bool(user.role_set & set(settings.TICMS_2FA_ROLES))


def session_verified(request) -> bool:
    """django-otp stores the device that passed in the session (django_otp.login); only a right code gets there.
    Reading the session, not loading the device, keeps every page one query lighter."""
    return bool(request.session.get(django_otp.DEVICE_ID_SESSION_KEY))


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The device being enrolled (made once, so reloading the page keeps the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    out = io.BytesIO()
    # Only the enrolment page draws a QR code; imported at startup it cost every web worker 10 MB (issue 15).
    import qrcode.image.svg

    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg"):]


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def _new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def confirm(request, device: TOTPDevice, token: str, ip=None) -> list[str] | None:
    """Confirm an enrolment with a code from the app; returns the new recovery codes (shown once)."""
    if not device.verify_token((token or "").strip()):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    record("account.2fa_enrol", actor=device.user, obj=device.user, ip=ip)
    return _new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user, ip=None) -> list[str]:
    record("account.2fa_recovery_codes", actor=user, obj=user, ip=ip)
    return _new_recovery_codes(user)


def verify(request, token: str, ip=None) -> bool:
    """Check a code (TOTP or recovery) for the signed-in user and mark the session verified."""
    device = django_otp.match_token(request.user, (token or "").strip().replace(" ", ""))
    if device is None:
        # Once per burst: the device's throttle counts the failures, the log notes that they started.
        totp = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if totp is not None and totp.throttling_failure_count == 1:
            record("auth.second_factor_failed", actor=request.user, obj=request.user, ip=ip)
        return False
    django_otp.login(request, device)
    if isinstance(device, StaticDevice):
        left = StaticToken.objects.filter(device=device).count()
        record("auth.recovery_code_used", actor=request.user, obj=request.user, data={"left": left}, ip=ip)
    return True


@transaction.atomic
def mark_verified(session, user) -> None:
    """Record in `session` that `user` passed the second factor, with a device made for the purpose. Only for
    sessions made outside the sign-in page by code that already proved who the user is: the test client's
    `force_login` and the benchmark's signed-in users. Never called by a view."""
    if required(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def demo_secret(username: str) -> str:
    """The base32 secret of the user's demo device ("" when there is none), for `ticms demo` to print."""
    device = TOTPDevice.objects.filter(user__username=username, name="demo", confirmed=True).first()
    return secret_base32(device) if device else ""


def enrol_known_secret(user, key_hex: str) -> TOTPDevice:
    """For `ticms demo`: a confirmed device whose secret is printed, so the demo can be signed into."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name="demo", defaults={"key": key_hex, "confirmed": True}
    )
    return device
