"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from ticms.errors import ServiceError

from . import passwords
from .models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        if not token:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True, expires_at__gt=timezone.now(),
                    user__is_active=True)
            .first()
        )
        if found is None:
            return None
        if passwords.change_required(found.user):
            raise ServiceError("password_change_required",
                               "账号密码已过期或须修改，请先在网页“个人中心”修改密码，再新建令牌。", status=403)
        # Record use at most once a minute: a busy client should not write on every request.
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


api_auth = [BearerToken(), SessionAuth()]
