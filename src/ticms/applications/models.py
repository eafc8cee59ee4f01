"""申请书 (Art. 9(2)): the application, its attachments and the versions frozen at each submission."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse

from ticms.accounts.models import Organisation
from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.centers.models import Category  # one list of categories (Art. 3) for applications and centers
from ticms.money import MAX_YUAN
from ticms.pages import HasPage
from ticms.storedfiles import StoredFile
from ticms.vocabulary import Vocabulary
from ticms.workflow.fields import StateField, StateModel

from .numbering import format_number

MONEY = {"max_digits": 16, "decimal_places": 2, "null": True, "blank": True}

vocabulary = Vocabulary(__name__)
State = vocabulary.choices("State")


# States in which the applicant may still change the form (explicit, not guessed from names).
EDITABLE_STATES = (State.DRAFT, State.RETURNED)
TERMINAL_STATES = (State.RECOGNIZED, State.PREPARATORY, State.REJECTED, State.WITHDRAWN)


Track = vocabulary.choices("Track")
Outcome = vocabulary.choices("Outcome")


class Application(HasPage, StateModel, models.Model):
    page_route = "application_detail"

    call = models.ForeignKey("calls.Call", verbose_name="建设通知", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="applications")
    track = models.CharField("申报类型", max_length=20, choices=Track.choices, default=Track.NEW)
    engineering_center = models.ForeignKey("centers.EngineeringCenter", verbose_name="转建的市工程技术研究中心",
                                           null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="conversion_applications")
    upgrade_of = models.ForeignKey("centers.Center", verbose_name="转正的筹建中心", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="upgrade_applications")
    year = models.PositiveIntegerField("申报年度")
    # 申报编号 (ticms.applications.numbering), given on the first save; unique.
    number = models.CharField("申报编号", max_length=20, unique=True, null=True, blank=True, editable=False)

    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.DOMAIN)
    field = models.CharField("领域", max_length=60, blank=True)
    name = models.CharField("拟建中心名称（简称）", max_length=200, blank=True)
    lead_unit = models.ForeignKey(Organisation, verbose_name="牵头单位", on_delete=models.PROTECT,
                                  related_name="led_applications")
    host_unit = models.ForeignKey(Organisation, verbose_name="依托单位", on_delete=models.PROTECT,
                                  related_name="hosted_applications")
    partner_units = models.ManyToManyField(Organisation, verbose_name="共建单位", blank=True,
                                           related_name="partner_applications")
    independent_legal_person = models.BooleanField("牵头单位具有独立法人资格", null=True, blank=True)

    director = models.CharField("中心负责人", max_length=100, blank=True)
    director_title = models.CharField("负责人职称", max_length=50, blank=True)
    fixed_staff = models.PositiveIntegerField("固定人员（人）", null=True, blank=True)
    visiting_staff = models.PositiveIntegerField("流动人员（人）", null=True, blank=True)
    floor_area_m2 = models.DecimalField("使用面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)
    equipment_value = models.DecimalField("科研仪器设备原值（元）", **MONEY)
    # R&D spending of the three years before the application year (Art. 8(3)): y1 = year-3 … y3 = year-1.
    rd_investment_y1 = models.DecimalField("研发投入（前第三年，元）", **MONEY)
    rd_investment_y2 = models.DecimalField("研发投入（前第二年，元）", **MONEY)
    rd_investment_y3 = models.DecimalField("研发投入（上一年，元）", **MONEY)
    ip_asset_count = models.PositiveIntegerField("自主知识产权（项）", null=True, blank=True)
    ip_assets = models.TextField("知识产权清单", blank=True)
    achievements = models.TextField("主要科技成果", blank=True)
    construction_plan = models.TextField("建设方案（概要）", blank=True)

    integrity_declaration = models.BooleanField("诚信承诺", default=False)
    integrity_signer = models.CharField("承诺人", max_length=100, blank=True)
    integrity_signed_at = models.DateTimeField("承诺时间", null=True, blank=True)

    requests_preparatory = models.BooleanField("申请列为筹建对象（第十一条）", default=False)
    preparatory_reason = models.TextField("申请筹建的理由", blank=True)

    # The reviews app's generic Panel points here through a GenericForeignKey; the expert scope walks this
    # reverse side (panels → assignments → expert). No column, so no migration.
    panels = GenericRelation("reviews.Panel", related_query_name="application")

    state = StateField("状态", max_length=20, choices=State.choices, default=State.DRAFT)
    proposed_outcome = models.CharField("专家论证结论", max_length=20, choices=Outcome.choices, blank=True)
    review_concluded_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    center = models.ForeignKey("centers.Center", verbose_name="认定的中心", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="recognition_applications")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("lead_unit", "host_unit"),
        competent_unit=("lead_unit__competent_unit",),
        # An expert sees an application only through a panel they sit on, after declaring no conflict.
        panels="panels",
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = verbose_name_plural = "申请书"
        constraints = [
            models.CheckConstraint(
                condition=Q(floor_area_m2__isnull=True) | Q(floor_area_m2__gte=0), name="application_area_nonneg"),
            models.CheckConstraint(
                condition=Q(equipment_value__isnull=True)
                | Q(equipment_value__gte=0) & Q(equipment_value__lte=MAX_YUAN),
                name="application_equipment_range"),
            models.CheckConstraint(
                condition=(Q(rd_investment_y1__isnull=True) | Q(rd_investment_y1__gte=0))
                & (Q(rd_investment_y2__isnull=True) | Q(rd_investment_y2__gte=0))
                & (Q(rd_investment_y3__isnull=True) | Q(rd_investment_y3__gte=0)),
                name="application_rd_nonneg"),
            models.CheckConstraint(
                condition=Q(call__isnull=False) | ~Q(track="new"), name="application_new_track_needs_call"),
        ]
        # The lists and to-dos order by the last change (bureau: 50,000 rows at the province's size).
        # The to-do lines: one state, the longest waiting first (applications.workbench, reviews.todos); it also
        # serves every filter by state. Without it the workbench walked the primary key past 48,000 rows of
        # other states to find a section's 20 (issue 15).
        indexes = [models.Index(fields=["state", "updated_at", "id"], name="application_state_todo_idx"),
                   models.Index(fields=["-updated_at", "-id"], name="application_updated_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.number and self.year:
            with transaction.atomic():
                self.number = ApplicationSequence.take(self.year)
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """拟建中心名称, or the field's center when the name is not filled in yet."""
        return self.name or (f"{self.field}技术创新中心" if self.field else "技术创新中心")

    @property
    def title(self) -> str:
        return f"{self.lead_unit.name if self.lead_unit_id else ''} · {self.display_name}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def rd_years(self) -> list[int]:
        return [self.year - 3, self.year - 2, self.year - 1]

    @property
    def rd_investment(self) -> dict[int, Decimal]:
        values = (self.rd_investment_y1, self.rd_investment_y2, self.rd_investment_y3)
        return {y: v for y, v in zip(self.rd_years, values, strict=True) if v is not None}

class ApplicationSequence(models.Model):
    """The last 申报编号 sequence given in a year (ticms.applications.numbering)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    @classmethod
    def take(cls, year: int) -> str:
        """The next 申报编号 of `year`, counted inside the caller's transaction."""
        with transaction.atomic():
            if not cls.objects.filter(year=year).update(last=F("last") + 1):
                try:
                    with transaction.atomic():
                        cls.objects.create(year=year, last=1)
                except IntegrityError:  # another creation made the row first: bump it
                    cls.objects.filter(year=year).update(last=F("last") + 1)
            last = cls.objects.filter(year=year).values_list("last", flat=True).get()
        return format_number(year, last)


AttachmentKind = vocabulary.choices("AttachmentKind")


# Attachments the application needs before it can be submitted (Art. 9(2): 申请书及相关附件).
REQUIRED_ATTACHMENTS = (
    AttachmentKind.BUSINESS_LICENCE,
    AttachmentKind.TITLE_CERTIFICATE,
    AttachmentKind.EQUIPMENT_LIST,
    AttachmentKind.RD_AUDIT,
    AttachmentKind.CONSTRUCTION_PLAN,
)


def attachment_path(instance: Attachment, filename: str) -> str:
    # Named by migration 0001; new rows use storedfiles.stored_path (the same path).
    return f"applications/{instance.application_id}/{instance.sha256}"


class Attachment(StoredFile):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField("附件类型", max_length=30, choices=AttachmentKind.choices)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("application__lead_unit", "application__host_unit"),
        competent_unit=("application__lead_unit__competent_unit",),
        panels="application__panels",
    )

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = "附件"

    def storage_dir(self) -> str:
        return f"applications/{self.application_id}"

    def get_absolute_url(self) -> str:
        return reverse("attachment_download", args=[self.application_id, self.pk])


class ApplicationVersion(models.Model):
    """A frozen copy of the facts and attachment digests, taken at every submit and plan submission."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    reason = models.CharField(max_length=30)  # the transition that froze it: submit | submit_plan
    facts = models.JSONField()
    attachments = models.JSONField(default=list)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField()

    class Meta:
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="application_version_unique")]

    def __str__(self) -> str:
        return f"第{self.number}版"
