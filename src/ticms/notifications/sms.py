"""SMS through a small gateway interface: `send(phone, text)` raises on failure, returns the gateway's reference.

Two gateways: `log` (the default; writes the message to the log, for installations without an SMS contract) and
`http` (one JSON POST per message to TICMS_SMS_URL with a bearer token — the shape most provincial government SMS
platforms and commercial gateways accept through a small adapter on their side).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

logger = logging.getLogger("ticms.sms")


class SmsError(Exception):
    pass


class LogGateway:
    def send(self, phone: str, text: str) -> str:
        logger.warning("SMS to %s: %s", phone, text)
        return "logged"


class HttpGateway:
    def __init__(self, url: str, token: str = "", timeout: float = 10):
        if not url:
            raise SmsError("TICMS_SMS_URL is not set")
        self.url, self.token, self.timeout = url, token, timeout

    def send(self, phone: str, text: str) -> str:
        body = json.dumps({"phone": phone, "text": text, "signature": settings.TICMS_SMS_SIGNATURE},
                          ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
                answer = json.loads(response.read() or b"{}")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise SmsError(f"gateway unreachable or bad answer: {exc}") from exc
        if not answer.get("ok"):
            raise SmsError(f"gateway refused: {answer.get('error') or answer}")
        return str(answer.get("id", ""))


def gateway():
    backend = settings.TICMS_SMS_BACKEND
    if backend == "http":
        return HttpGateway(settings.TICMS_SMS_URL, settings.TICMS_SMS_TOKEN)
    if backend == "log":
        return LogGateway()
    raise SmsError(f"unknown TICMS_SMS_BACKEND {backend!r} (log or http)")
