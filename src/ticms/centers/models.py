from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ticms.accounts.models import Organisation
from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.pages import HasPage
from ticms.storedfiles import StoredFile
from ticms.vocabulary import Vocabulary
from ticms.workflow.fields import StateField, StateModel

vocabulary = Vocabulary(__name__)
Category = vocabulary.choices("Category")
CenterStatus = vocabulary.choices("CenterStatus")
LegalForm = vocabulary.choices("LegalForm")


# What a citizen may see of a center (DESIGN §2 `public`): institution-level facts, never people or files.
PUBLIC_COLUMNS = ("official_name", "category", "field", "status", "recognized_on", "host_unit", "host_unit__name",
                  "host_unit__competent_unit", "host_unit__competent_unit__name", "lead_unit", "lead_unit__name")


# The evaluation schedule (Art. 16; Art. 11 for preparatory centers) kept on each center, so that "due in year Y"
# is an index read instead of arithmetic on every row. The columns hold nothing the policy decides — the interval a
# center runs on follows from its status, the phase from its recognition year — so a new `evaluation_cycle_years`
# or `preparatory_review_years` changes no row: ticms.evaluations.schedule asks for the recognition years that are
# a whole number of the intervals in force before the year asked.
DUE_ON_CYCLE, DUE_ON_PREPARATORY = 1, 2
DUE_FIELDS = ("due_cohort", "due_month", "due_day")


def due_cohort(year: int, kind: int) -> int:
    """The recognition year and the interval a center runs on, as one key: 20231 (2023, the evaluation cycle),
    20242 (2024, the preparatory interval). One key lets one index range count the centers due in a year."""
    return year * 10 + kind


def due_fields(status: str, recognized_on: date | None) -> dict:
    """The stored schedule of a center with this status and recognition date. A revoked center has no cohort: it is
    never due. `due_day` is the due day in a common year: 29 February falls on the 28th (Civil Code Art. 202)."""
    if recognized_on is None:
        return dict.fromkeys(DUE_FIELDS)
    month, day = recognized_on.month, recognized_on.day
    kind = None if status == CenterStatus.REVOKED else (
        DUE_ON_PREPARATORY if status == CenterStatus.PREPARATORY else DUE_ON_CYCLE)
    return {"due_cohort": None if kind is None else due_cohort(recognized_on.year, kind),
            "due_month": month, "due_day": 28 if (month, day) == (2, 29) else day}


class CenterQuerySet(ScopedQuerySet):
    def public(self):
        """The directory anyone may browse (Art. 4: entry and exit are public; revoked stay listed, marked).

        One query: the units are joined, and only public columns are loaded."""
        return self.select_related("host_unit__competent_unit", "lead_unit").only(*PUBLIC_COLUMNS)


class Center(HasPage, StateModel, models.Model):
    """市技术创新中心: created by recognition (Art. 9(4)) or preparatory listing (Art. 11)."""

    page_route = "centers:center_manage"

    official_name = models.CharField("正式名称", max_length=200, unique=True)
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    field = models.CharField("领域", max_length=60, help_text="产业集群名称（取自政策参数）")
    host_unit = models.ForeignKey(
        Organisation, verbose_name="依托单位", on_delete=models.PROTECT, related_name="hosted_centers"
    )
    lead_unit = models.ForeignKey(
        Organisation, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="led_centers"
    )
    partner_units = models.ManyToManyField(
        Organisation, verbose_name="共建单位", blank=True, related_name="partner_centers"
    )
    status = StateField("状态", max_length=20, choices=CenterStatus.choices, default=CenterStatus.ACTIVE)
    recognized_on = models.DateField("认定日期")
    created_at = models.DateTimeField(auto_now_add=True)

    # The profile the host unit keeps current (Art. 7(1), 12, 13, 14); director and committee change by filing.
    legal_form = models.CharField("法人形态", max_length=20, choices=LegalForm.choices, blank=True)
    legal_form_target_date = models.DateField("计划成为独立法人日期", null=True, blank=True)
    charter = models.TextField("章程（要点）", blank=True)
    board = models.TextField("理事会（董事会）组成", blank=True)
    director = models.CharField("中心主任", max_length=100, blank=True)
    director_title = models.CharField("中心主任职称", max_length=50, blank=True)
    committee_chair = models.CharField("专家委员会主任", max_length=100, blank=True)
    committee_members = models.TextField("专家委员会委员（每行一人）", blank=True)
    fixed_staff = models.PositiveIntegerField("固定人员（人）", null=True, blank=True)
    visiting_staff = models.PositiveIntegerField("流动人员（人）", null=True, blank=True)
    floor_area_m2 = models.DecimalField("使用面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True)
    equipment_value = models.DecimalField("科研仪器设备原值（元）", max_digits=16, decimal_places=2, null=True,
                                          blank=True)
    profile_updated_at = models.DateTimeField(null=True, blank=True)

    # The evaluation schedule (see due_fields): written by save() from status and recognized_on, never by hand.
    due_cohort = models.PositiveIntegerField(null=True, blank=True, editable=False)
    due_month = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    due_day = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = CenterQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("host_unit", "lead_unit"),
        competent_unit=("host_unit__competent_unit",),
    )

    class Meta:
        ordering = ["-recognized_on", "official_name"]
        # The public directory's order, and the bureau's list by name.
        indexes = [models.Index(fields=["-recognized_on", "official_name"], name="center_directory_idx"),
                   models.Index(fields=["official_name"], name="center_name_idx"),
                   # The centers due in a year: counted on the cohorts (one range per interval and year; with the
                   # id, those not yet in the year's round too, from the index alone) and listed in due-date order
                   # by walking the second, which leaves out the revoked.
                   models.Index(fields=["due_cohort", "id"], name="center_due_cohort_idx"),
                   models.Index(fields=["due_month", "due_day", "official_name", "id"], name="center_due_order_idx",
                                condition=models.Q(due_cohort__isnull=False))]
        verbose_name = verbose_name_plural = "创新中心"

    def __str__(self) -> str:
        return self.official_name

    def save(self, *args, **kwargs):
        # The one place the schedule follows status and recognition: create_center and every status step of
        # CENTER_FLOW save through here. Bulk writers (bench data) call set_due_fields themselves.
        fields = kwargs.get("update_fields")
        if fields is None or {"status", "recognized_on"} & set(fields):
            self.set_due_fields()
            if fields is not None:
                kwargs["update_fields"] = {*fields, *DUE_FIELDS}
        super().save(*args, **kwargs)

    def get_public_url(self) -> str:
        return reverse("centers:public_detail", args=[self.pk])

    def set_due_fields(self) -> None:
        for name, value in due_fields(self.status, self.recognized_on).items():
            setattr(self, name, value)

    @property
    def is_revoked(self) -> bool:
        return self.status == CenterStatus.REVOKED

    def legal_form_overdue(self, on: date | None = None) -> bool:
        """An internal unit past its date for becoming an independent legal entity (Art. 12)."""
        on = on or timezone.localdate()
        return (self.legal_form == LegalForm.INTERNAL_UNIT and self.legal_form_target_date is not None
                and self.legal_form_target_date < on and not self.is_revoked)

    # The status graph (Art. 11, 16, 5(4)); roles, guards and history are in centers/workflow.py.

class CenterStatusChange(models.Model):
    """Every status a center has had, with who decided, why and under which article (Art. 4 entry and exit)."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=CenterStatus.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    article = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class EngineeringCenter(models.Model):
    """市工程技术研究中心: the predecessor platform that may convert to a domain center (Art. 10)."""

    name = models.CharField("名称", max_length=200, unique=True)
    host_unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="engineering_centers")
    field = models.CharField("领域", max_length=60, blank=True)
    recognized_year = models.PositiveIntegerField("认定年份", null=True, blank=True)
    director = models.CharField("中心主任", max_length=100, blank=True)
    director_title = models.CharField("中心主任职称", max_length=50, blank=True)
    fixed_staff = models.PositiveIntegerField(null=True, blank=True)
    floor_area_m2 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    equipment_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    converted = models.BooleanField(default=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(organisation=("host_unit",), competent_unit=("host_unit__competent_unit",))

    class Meta:
        ordering = ["name"]
        verbose_name = "工程技术研究中心"

    def __str__(self) -> str:
        return self.name


class CenterRecord(models.Model):
    """A record of one center, seen by whoever may see its center. Each model declares its `center` link itself,
    with its related name and deletion rule as the migrations have it."""

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("center__host_unit", "center__lead_unit"),
        competent_unit=("center__host_unit__competent_unit",),
    )

    class Meta:
        abstract = True


class SubInstitute(CenterRecord):
    """专业化创新研发机构 of a comprehensive center (Art. 3(1)): added and closed as the layout is adjusted."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="sub_institutes")
    name = models.CharField("名称", max_length=200)
    focus = models.CharField("研究方向", max_length=300, blank=True)
    opened_on = models.DateField("设立日期")
    closed_on = models.DateField("撤并日期", null=True, blank=True)
    closing_reason = models.CharField("撤并原因", max_length=300, blank=True)

    class Meta:
        ordering = ["opened_on", "pk"]

    def __str__(self) -> str:
        return self.name


class CenterChange(CenterRecord):
    """The history of a center's name, host unit and other major matters (Art. 15), old and new side by side."""

    Kind = vocabulary.choices("CenterChange.Kind")

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_value = models.CharField("原值", max_length=300)
    new_value = models.CharField("新值", max_length=300)
    effective_on = models.DateField("生效日期")
    change_request = models.ForeignKey("ChangeRequest", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="applied_changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["effective_on", "pk"]


class YearlyRecord(CenterRecord):
    """What a center got or produced in a year, under a name (outputs, support records)."""

    title = models.CharField("名称", max_length=300)
    year = models.PositiveIntegerField("年度")
    note = models.CharField("说明", max_length=500, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Output(YearlyRecord):
    """成果 (Art. 2, 14): what the center produces; IP assets say whether they carry the center's name."""

    Kind = vocabulary.choices("Output.Kind")

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    reference = models.CharField("编号（专利号、标准号、统一社会信用代码等）", max_length=100, blank=True)
    carries_center_name = models.BooleanField("标注市创中心名称", null=True, blank=True)
    income = models.DecimalField("转化收入（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "kind", "pk"]

    def __str__(self) -> str:
        return self.title


class Support(YearlyRecord):
    """支持措施 (Art. 16, 17): support the center received, recorded by the bureau."""

    Kind = vocabulary.choices("Support.Kind")

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField("类型", max_length=30, choices=Kind.choices)
    amount = models.DecimalField("金额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    article = models.CharField("依据条款", max_length=30, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.title


class SupervisionVisit(CenterRecord):
    """检查: the competent unit's supervision of a center (Art. 6(3))."""

    center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("检查日期")
    findings = models.TextField("发现的问题")
    follow_up = models.TextField("整改跟进要求", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]


FilingState = vocabulary.choices("FilingState")


class Filing(HasPage, StateModel, CenterRecord):
    """备案 (Art. 7(2)): the host unit's appointment of the director or the expert committee."""

    page_route = "centers:filing_detail"

    Kind = vocabulary.choices("Filing.Kind")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="filings")
    kind = models.CharField("备案事项", max_length=20, choices=Kind.choices)
    person_name = models.CharField("中心主任 / 专家委员会主任", max_length=100)
    person_title = models.CharField("职称", max_length=50, blank=True)
    members = models.TextField("专家委员会委员（每行一人：姓名 职称 单位）", blank=True)
    appointed_on = models.DateField("任命 / 聘任日期")
    note = models.TextField("说明", blank=True)
    # Result of the Art. 8(2) senior-title rule at submission: "met", "not_met" or "needs_review".
    title_check = models.CharField(max_length=20, blank=True)
    title_check_evidence = models.CharField(max_length=300, blank=True)
    state = StateField("状态", max_length=20, choices=FilingState.choices, default=FilingState.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.center.official_name} · {self.get_kind_display()}"

    @property
    def flagged(self) -> bool:
        return self.kind == self.Kind.DIRECTOR and self.title_check in ("not_met", "needs_review")


ChangeState = vocabulary.choices("ChangeState")


class ChangeRequest(HasPage, StateModel, CenterRecord):
    """变更申请 (Art. 7(4), 15): name, host unit or another major matter; approval applies it."""

    page_route = "centers:change_detail"

    Kind = vocabulary.choices("ChangeRequest.Kind")
    Matter = vocabulary.choices("ChangeRequest.Matter")

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="change_requests")
    kind = models.CharField("变更类型", max_length=20, choices=Kind.choices)
    matter = models.CharField("变更事项", max_length=20, choices=Matter.choices, blank=True)
    new_name = models.CharField("新名称", max_length=200, blank=True)
    new_unit = models.ForeignKey(Organisation, verbose_name="新依托单位 / 牵头单位", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    new_value = models.CharField("新值（类别、领域或法人形态）", max_length=60, blank=True)
    new_target_date = models.DateField("计划成为独立法人日期", null=True, blank=True)
    reasons = models.TextField("变更理由")
    state = StateField("状态", max_length=20, choices=ChangeState.choices, default=ChangeState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.center.official_name} · {self.get_kind_display()}"


class ChangeAttachment(StoredFile):
    """The written request and its supporting papers (Art. 15: 书面申请)."""

    change_request = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="attachments")

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("change_request__center__host_unit", "change_request__center__lead_unit"),
        competent_unit=("change_request__center__host_unit__competent_unit",),
    )

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = "变更申请附件"

    def storage_dir(self) -> str:
        return f"centers/changes/{self.change_request_id}"
