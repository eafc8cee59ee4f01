"""Account actions: tokens, memberships, passwords. Each writes its audit event in the same transaction.

Separation of duties (三员分立, DESIGN §2) is enforced here, not by convention: nobody grants themselves
anything; only the security administrator grants roles, never an administrator role to the holder of another
one; administrators' passwords are reset by the security administrator only.
"""

from __future__ import annotations

import datetime
import secrets
import string

from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ticms.audit.services import record
from ticms.crypto.masking import reference
from ticms.errors import ServiceError

from . import sessions
from .models import ApiToken, Membership, User, UserSession
from .roles import ADMIN_ROLES, ROLE_NEEDS_COMPETENT_UNIT, ROLE_NEEDS_ORGANISATION, Role

# Django admin may change these on a user only through `ticms breakglass` or the security administrator's pages.
PRIVILEGE_FIELDS = {"is_superuser", "is_staff", "groups", "user_permissions", "memberships"}


@transaction.atomic
def create_api_token(*, user: User, name: str, expires_in_days: int = 90,
                     ip: str | None = None) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise ServiceError("validation_error", "请为令牌填写名称，便于日后识别和吊销。", field="name")
    if len(name) > 100:
        raise ServiceError("validation_error", "令牌名称不能超过100个字符。", field="name")
    limit = settings.TICMS_API_TOKEN_MAX_DAYS
    if not isinstance(expires_in_days, int) or not 1 <= expires_in_days <= limit:
        raise ServiceError("validation_error", f"令牌有效期须为1至{limit}天。", field="expires_in_days")
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=name, digest=ApiToken.digest_of(raw), hint=raw[len(ApiToken.PREFIX) :][:6],
        expires_at=timezone.now() + datetime.timedelta(days=expires_in_days),
    )
    record("api_token.create", actor=user, obj=token, data={"name": name, "expires_at": token.expires_at}, ip=ip)
    return token, raw


def _check_grant(actor: User, user: User, role: Role) -> None:
    if not actor.has_role(Role.SECURITY_ADMIN):
        raise ServiceError("forbidden", "只有安全管理员可以授予角色。", status=403)
    if actor.pk == user.pk:
        raise ServiceError("self_grant", "不能给自己授予角色，请由另一位安全管理员操作。", status=409)
    # An administrator does one duty and sees no business data (DESIGN §2): an administrator role goes to
    # nobody holding another role, and a business role to no administrator.
    held = user.role_set - {role.value}
    clash = held if role in ADMIN_ROLES else held & ADMIN_ROLES
    if clash:
        names = "、".join(str(Role(r).label) for r in sorted(clash))
        raise ServiceError(
            "separation_of_duties",
            f"该用户已担任{names}；系统管理员、安全管理员、审计管理员各由专人担任，不兼任其他角色。",
            status=409,
        )


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int, ip: str | None = None) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise ServiceError("not_found", "令牌不存在。", status=404)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("api_token.revoke", actor=user, obj=token, data={"name": token.name}, ip=ip)
    return token


@transaction.atomic
def grant_role(*, user: User, role: str, organisation=None, competent_unit=None, actor=None,
               ip: str | None = None) -> Membership:
    try:
        role = Role(role)
    except ValueError as exc:
        raise ServiceError("validation_error", f"未知角色：{role}", field="role") from exc
    if role in ROLE_NEEDS_ORGANISATION and organisation is None:
        raise ServiceError("validation_error", "申请单位角色需要指定所属单位。")
    if role in ROLE_NEEDS_COMPETENT_UNIT and competent_unit is None:
        raise ServiceError("validation_error", "归口管理单位角色需要指定归口管理单位。")
    if actor is not None:
        _check_grant(actor, user, role)
    if role not in ROLE_NEEDS_ORGANISATION:
        organisation = None
    if role not in ROLE_NEEDS_COMPETENT_UNIT:
        competent_unit = None
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, organisation=organisation, competent_unit=competent_unit
    )
    if role == Role.SYSTEM_ADMIN and not user.is_staff:
        # Django admin is the system admin's tool for users, organisations and dictionaries.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        record(
            "membership.grant",
            actor=actor,
            role=Role.SECURITY_ADMIN if actor else "",
            ip=ip,
            obj=user,
            data={"role": role.value, "organisation": getattr(organisation, "pk", None),
                  "competent_unit": getattr(competent_unit, "pk", None)},
        )
    user.forget_roles()
    return membership


@transaction.atomic
def revoke_role(*, membership_id: int, actor=None, ip: str | None = None) -> Membership:
    membership = Membership.objects.select_related("user").filter(pk=membership_id).first()
    if membership is None:
        raise ServiceError("not_found", "该角色授权不存在。", status=404)
    if actor is not None and not actor.has_role(Role.SECURITY_ADMIN):
        raise ServiceError("forbidden", "只有安全管理员可以撤销角色。", status=403)
    if actor is not None and membership.user_id == actor.pk and membership.role == Role.SECURITY_ADMIN:
        # Otherwise the last security administrator could lock everyone out of role management.
        raise ServiceError("self_revoke", "不能撤销自己的安全管理员角色，请由另一位安全管理员操作。", status=409)
    data = {"role": membership.role, "organisation": membership.organisation_id,
            "competent_unit": membership.competent_unit_id}
    user = membership.user
    membership.delete()
    if data["role"] == Role.SYSTEM_ADMIN and not user.memberships.filter(role=Role.SYSTEM_ADMIN).exists():
        user.is_staff = False
        user.save(update_fields=["is_staff"])
    record("membership.revoke", actor=actor, role=Role.SECURITY_ADMIN if actor else "", obj=user, data=data, ip=ip)
    return membership


def may_reset_password(actor: User, user: User) -> bool:
    """An administrator's password is reset by the security administrator (not themselves, not the system
    administrator); a business user's by the security or the system administrator."""
    if actor.pk == user.pk:
        return False
    if user.is_superuser or user.role_set & ADMIN_ROLES:
        return actor.has_role(Role.SECURITY_ADMIN)
    return actor.has_role(Role.SECURITY_ADMIN) or actor.has_role(Role.SYSTEM_ADMIN)


def temporary_password() -> str:
    """Random, and satisfying every rule of ticms.accounts.passwords (three classes, length)."""
    alphabet = string.ascii_letters + string.digits
    body = "".join(secrets.choice(alphabet) for _ in range(10))
    return secrets.choice(string.ascii_uppercase) + body + secrets.choice(string.digits) + "-"


@transaction.atomic
def reset_password(*, actor: User, user: User, ip: str | None = None) -> str:
    """Give `user` a temporary password to change at next sign-in; returns it (shown once to the actor)."""
    if not may_reset_password(actor, user):
        raise ServiceError("forbidden", "管理员账号的密码只能由安全管理员重置，且不能重置自己的密码。", status=403)
    raw = temporary_password()
    user.set_password(raw)
    user.must_change_password = True
    user.save()
    record("account.password_reset", actor=actor, role=_acting_admin_role(actor), obj=user, ip=ip)
    return raw


@transaction.atomic
def force_sign_out(*, actor: User, session: UserSession, ip: str | None = None) -> UserSession:
    """End another user's session (the security administrator's 在线用户 page)."""
    sessions.end_one(session, reason=UserSession.EndReason.FORCED)
    record("auth.forced_sign_out", actor=actor, role=Role.SECURITY_ADMIN, obj=session.user,
           data={"session_ip": session.ip}, ip=ip)
    return session


@transaction.atomic
def unlock(*, actor: User, attempt, ip: str | None = None) -> None:
    """Lift a lockout (django-axes `AccessAttempt`): its account and its address may sign in again."""
    reset(username=attempt.username)
    reset(ip=attempt.ip_address)
    record("auth.unlock", actor=actor, role=Role.SECURITY_ADMIN,
           data={"username": attempt.username, "address": attempt.ip_address,
                 "failures": attempt.failures_since_start}, ip=ip)


def _acting_admin_role(actor: User) -> str:
    for role in (Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN):
        if actor.has_role(role):
            return role.value
    return "breakglass" if actor.is_superuser else ""


@transaction.atomic
def change_own_password(*, user: User, form, ip: str | None = None) -> User:
    """Save a validated ChangePasswordForm (old password checked, rules applied) and lift a forced change."""
    user = form.save(commit=False)
    user.must_change_password = False
    user.save()
    record("account.password_change", actor=user, obj=user, ip=ip)
    return user


PERSONAL_FIELDS = ("email", "phone")


@transaction.atomic
def update_own_profile(*, user: User, form, ip: str | None = None) -> User:
    """Save a validated ProfileForm (个人中心) and audit what changed; phone and e-mail as keyed references only."""
    changed = {name: (form.initial.get(name), form.cleaned_data.get(name)) for name in form.changed_data}
    user = form.save()
    if changed:
        record("account.profile_update", actor=user, obj=user, ip=ip, data={"changes": {
            name: {"before": reference(str(old or "")), "after": reference(str(new or ""))}
            if name in PERSONAL_FIELDS else {"before": old, "after": new}
            for name, (old, new) in changed.items()}})
    return user


def check_account_change(*, actor: User, user: User, changed: list[str]) -> None:
    """Django admin (the system administrator's tool) may not touch privileges or anyone's own account flags."""
    touched = PRIVILEGE_FIELDS & set(changed)
    if touched and not actor.is_superuser:
        raise ServiceError("separation_of_duties", "系统管理员不能修改超级用户、职员标志或角色；角色由安全管理员授予。",
                           status=403)
    if "password" in changed and user.pk and not may_reset_password(actor, user):
        raise ServiceError("forbidden", "管理员账号的密码只能由安全管理员重置。", status=403)
