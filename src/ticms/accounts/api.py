from datetime import datetime

from ninja import Router, Schema, Status

from ticms.audit.signals import client_ip

from . import services
from .models import ApiToken

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    role: str
    organisation_id: int | None
    organisation: str | None
    competent_unit_id: int | None
    competent_unit: str | None


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    roles: list[str]
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="The signed-in user and their roles")
def me(request):
    user = request.user
    memberships = user.memberships.select_related("organisation", "competent_unit")
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": str(user),
        "roles": sorted(user.role_set),
        "memberships": [
            {
                "role": m.role,
                "organisation_id": m.organisation_id,
                "organisation": m.organisation.name if m.organisation else None,
                "competent_unit_id": m.competent_unit_id,
                "competent_unit": m.competent_unit.name if m.competent_unit else None,
            }
            for m in memberships
        ],
    }


class TokenIn(Schema):
    name: str
    expires_in_days: int = 90  # 1 to 180


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str


@router.get("/tokens", response=list[TokenOut], summary="My API tokens")
def list_tokens(request):
    return list(ApiToken.objects.filter(user=request.user))


@router.post("/tokens", response={201: TokenCreated}, summary="Create a personal API token (shown once)")
def create_token(request, payload: TokenIn):
    token, raw = services.create_api_token(
        user=request.user, name=payload.name, expires_in_days=payload.expires_in_days, ip=client_ip(request)
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", response=TokenOut, summary="Revoke one of my API tokens")
def revoke_token(request, token_id: int):
    return services.revoke_api_token(user=request.user, token_id=token_id, ip=client_ip(request))
