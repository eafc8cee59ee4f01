import hashlib
import secrets
from collections.abc import Callable

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from ticms.crypto.fields import EncryptedCharField, EncryptedEmailField
from ticms.vocabulary import Vocabulary

from . import credit_code
from .roles import ROLE_NEEDS_COMPETENT_UNIT, ROLE_NEEDS_ORGANISATION, Role

vocabulary = Vocabulary(__name__)


class CompetentUnit(models.Model):
    """归口管理单位 (Art. 6): a county/district S&T department or another competent body."""

    Kind = vocabulary.choices("CompetentUnit.Kind")

    name = models.CharField("名称", max_length=100, unique=True)
    division_code = models.CharField("行政区划代码", max_length=6, blank=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.COUNTY)

    class Meta:
        ordering = ["division_code", "name"]
        verbose_name = verbose_name_plural = "归口管理单位"

    def __str__(self) -> str:
        return self.name


def validate_credit_code(value: str) -> None:
    try:
        credit_code.validate(value)
    except credit_code.CreditCodeError as exc:
        raise ValidationError(str(exc), code="credit_code") from exc


class Organisation(models.Model):
    """An applicant, host, lead or partner unit, identified by its unified social credit code."""

    Kind = vocabulary.choices("Organisation.Kind")

    name = models.CharField("名称", max_length=200)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.ENTERPRISE)
    registered_address = models.CharField("注册地址", max_length=300, blank=True)
    competent_unit = models.ForeignKey(
        CompetentUnit,
        verbose_name="归口管理单位",
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "单位"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.credit_code = credit_code.normalise(self.credit_code)
        super().save(*args, **kwargs)


class UserManager(DjangoUserManager):
    def create_superuser(self, *args, **kwargs):
        # Django's `createsuperuser` ends here: answer with what to do instead of a traceback.
        raise CommandError("本系统不设常备超级用户（三员分立）。紧急情况下请用 ticms breakglass --reason 原因 "
                           "开启应急账号，该操作记入审计日志。 / No standing superuser: use "
                           "`ticms breakglass --reason ...` (audited).")


# What follows every save of a user, on every path (password history, ending tokens and sessions:
# accounts/credentials.py), registered by AccountsConfig.ready() — that logic builds on this model, so the model
# cannot import it.
AFTER_SAVE: list[Callable[..., None]] = []


class User(AbstractUser):
    """A person. What they may do comes from their memberships, never from flags on the user."""

    objects = UserManager()

    display_name = models.CharField("显示名称", max_length=100, blank=True)
    # Personal data, sealed with SM4 at rest (ticms.crypto).
    email = EncryptedEmailField("电子邮箱", blank=True)
    phone = EncryptedCharField("电话", max_length=30, blank=True)
    # Set on an initial or reset password: every page sends the user to the change page until done.
    must_change_password = models.BooleanField("须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)

    def __str__(self) -> str:
        return self.display_name or self.username

    def get_short_name(self) -> str:
        """What the admin's header greets: the display name (a person's name), not the login name."""
        return self.display_name or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def save(self, *args, **kwargs):
        # Superusers bypass separation of duties; only `ticms breakglass` may make one (it sets the flag).
        if self.is_superuser and not getattr(self, "_breakglass", False):
            if not (self.pk and User.objects.filter(pk=self.pk, is_superuser=True).exists()):
                raise ValidationError("superusers are created only by `ticms breakglass`")
        password_changed = self._password is not None
        super().save(*args, **kwargs)
        for hook in AFTER_SAVE:
            hook(self, password_changed=password_changed)

    def _memberships(self) -> tuple[tuple[tuple[str, int | None, int | None], ...], frozenset[str]]:
        """((role, organisation id, competent unit id) of each membership, the roles), read once per user object:
        a request's roles, and the units its lists are scoped by, cost one query together (`forget_roles` after a
        change)."""
        held = self.__dict__.get("_memberships_held")
        if held is None:
            rows = tuple(self.memberships.values_list("role", "organisation_id", "competent_unit_id")) if self.pk \
                else ()
            held = self.__dict__["_memberships_held"] = (rows, frozenset(role for role, _org, _unit in rows))
        return held

    def forget_roles(self) -> None:
        """After a membership of this user was granted or revoked: read them again on next use."""
        self.__dict__.pop("_memberships_held", None)

    @property
    def role_set(self) -> frozenset[str]:
        return self._memberships()[1]

    def has_role(self, role: str) -> bool:
        return role in self.role_set

    def organisation_ids(self) -> list[int]:
        return [org for role, org, _unit in self._memberships()[0] if role == Role.APPLICANT and org]

    def competent_unit_ids(self) -> list[int]:
        return [unit for role, _org, unit in self._memberships()[0] if role == Role.COUNTY_OFFICER and unit]


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    competent_unit = models.ForeignKey(
        CompetentUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )

    class Meta:
        verbose_name = verbose_name_plural = "角色成员"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "competent_unit"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        target = self.organisation or self.competent_unit or ""
        return f"{self.user} · {self.get_role_display()} {target}".strip()

    def clean(self) -> None:
        if self.role in ROLE_NEEDS_ORGANISATION and not self.organisation_id:
            raise ValidationError("申请单位角色必须关联一个单位。")
        if self.role in ROLE_NEEDS_COMPETENT_UNIT and not self.competent_unit_id:
            raise ValidationError("归口管理单位角色必须关联一个归口管理单位。")


def _token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its digest is stored; the raw value is shown once at creation."""

    PREFIX = "ticms_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("名称", max_length=100)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField("到期时间", editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def new_raw(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @classmethod
    def digest_of(cls, raw: str) -> str:
        return _token_digest(raw)


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so a change cannot go back to one of the last few."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]


class UserSession(models.Model):
    """One sign-in: which session it is, from where, and how it ended (for the online-users page)."""

    EndReason = vocabulary.choices("UserSession.EndReason")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_ins")
    session_key = models.CharField(max_length=40, unique=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        indexes = [models.Index(fields=["user", "ended_at"], name="user_session_open_idx")]


class SignInNotice(models.Model):
    """A burst of failed sign-ins already written to the audit log (one row per burst and kind), so parallel
    guesses cannot add an event each. Old rows are pruned; the audit log keeps the events."""

    key = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    @classmethod
    def first(cls, key: str) -> bool:
        """True for the first caller with this key (the one that should write the event)."""

        cls.objects.filter(created_at__lt=timezone.now() - timezone.timedelta(days=1)).delete()
        try:
            with transaction.atomic():
                cls.objects.create(key=key[:100])
        except IntegrityError:
            return False
        return True
