"""Account actions: tokens and memberships. Each writes its audit event in the same transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ticms.audit.services import record
from ticms.errors import ServiceError

from .models import ApiToken, Membership, User
from .roles import ROLE_NEEDS_COMPETENT_UNIT, ROLE_NEEDS_ORGANISATION, Role


@transaction.atomic
def create_api_token(*, user: User, name: str, ip: str | None = None) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise ServiceError("validation_error", "请为令牌填写名称，便于日后识别和吊销。", field="name")
    if len(name) > 100:
        raise ServiceError("validation_error", "令牌名称不能超过100个字符。", field="name")
    raw = ApiToken.new_raw()
    token = ApiToken.objects.create(
        user=user, name=name, digest=ApiToken.digest_of(raw), hint=raw[len(ApiToken.PREFIX) :][:6]
    )
    record("api_token.create", actor=user, obj=token, data={"name": name}, ip=ip)
    return token, raw


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
    user.__dict__.pop("_role_set", None)
    return membership


@transaction.atomic
def revoke_role(*, membership_id: int, actor=None, ip: str | None = None) -> Membership:
    membership = Membership.objects.select_related("user").filter(pk=membership_id).first()
    if membership is None:
        raise ServiceError("not_found", "该角色授权不存在。", status=404)
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
