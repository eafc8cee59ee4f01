"""绩效评估 (Art. 16): rounds, one evaluation per center due, and rectification with a re-check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse

from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.centers.models import Center
from ticms.pages import HasPage
from ticms.storedfiles import StoredFile
from ticms.vocabulary import Vocabulary
from ticms.workflow.fields import StateField, StateModel

vocabulary = Vocabulary(__name__)
RoundState = vocabulary.choices("RoundState")
EvaluationState = vocabulary.choices("EvaluationState")
Outcome = vocabulary.choices("Outcome")
Grade = vocabulary.choices("Grade")
RectificationState = vocabulary.choices("RectificationState")


class RoundQuerySet(ScopedQuerySet):
    pass


class EvaluationRound(HasPage, StateModel, models.Model):
    """评估批次: the evaluations of one year, against the indicator system frozen when the round opened."""

    page_route = "evaluations:round_detail"

    year = models.PositiveIntegerField("评估年度", unique=True)
    title = models.CharField("批次名称", max_length=200)
    materials_deadline = models.DateField("材料提交截止日期")
    indicator_version = models.CharField("指标体系版本", max_length=40)
    indicator_system = models.JSONField("指标体系（开评时冻结）")
    state = StateField("状态", max_length=20, choices=RoundState.choices, default=RoundState.OPEN)
    opened_at = models.DateTimeField("开评时间")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = RoundQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("evaluations__center__host_unit",),
        competent_unit=("evaluations__center__host_unit__competent_unit",),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "评估批次"

    def __str__(self) -> str:
        return self.title


class Evaluation(HasPage, StateModel, models.Model):
    """One center's performance evaluation in a round (Art. 16)."""

    page_route = "evaluations:evaluation_detail"

    round = models.ForeignKey(EvaluationRound, verbose_name="评估批次", on_delete=models.PROTECT,
                              related_name="evaluations")
    center = models.ForeignKey(Center, verbose_name="技术创新中心", on_delete=models.PROTECT,
                               related_name="evaluations")
    due_on = models.DateField("到期日")
    period_start = models.DateField("评估期起")
    period_end = models.DateField("评估期止")
    data_years = models.JSONField("填报年度", default=list)
    state = StateField("状态", max_length=20, choices=EvaluationState.choices,
                       default=EvaluationState.MATERIALS_PENDING)
    self_assessment = models.TextField("自评报告", blank=True)
    # {"2023": {"revenue": "12000000.00", "transfers": 3, …}, …}; money in yuan as strings (exact Decimals).
    indicator_data = models.JSONField("指标数据", default=dict, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    materials_overdue_flagged_on = models.DateField("材料逾期提醒日期", null=True, blank=True)
    # The score sheet computed at conclusion: {"data": {...}, "expert": {...}, "expert_total": "…", …}.
    scores = models.JSONField("评分明细", default=dict, blank=True)
    total_score = models.DecimalField("总分", max_digits=6, decimal_places=2, null=True, blank=True)
    suggested_grade = models.CharField("按分数线的等级", max_length=10, choices=Grade.choices, blank=True)
    grade = models.CharField("评定等级", max_length=10, choices=Grade.choices, blank=True)
    outcome = models.CharField("评估结论", max_length=10, choices=Outcome.choices, blank=True)
    conclusion = models.TextField("结论说明", blank=True)
    concluded_at = models.DateTimeField("结论时间", null=True, blank=True)
    priority_support = models.BooleanField("重点支持", default=False)
    provincial_recommendation = models.BooleanField("推荐申报省级技术创新中心", default=False)

    panels = GenericRelation("reviews.Panel", related_query_name="evaluation")

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("center__host_unit",),
        competent_unit=("center__host_unit__competent_unit",),
        panels="panels",
    )

    class Meta:
        ordering = ["round", "due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "center"], name="evaluation_once_per_round")]
        verbose_name = verbose_name_plural = "绩效评估"

    def __str__(self) -> str:
        return f"{self.center} · {self.round.year}年绩效评估"

    def review_subject(self) -> dict:
        center = self.center
        return {
            "title": f"{center.official_name}（{self.round.year}年绩效评估）",
            "field": center.field,
            "organisations": [center.host_unit, center.lead_unit, *center.partner_units.all()],
            "url": self.get_absolute_url(),
        }


class Rectification(StateModel, models.Model):
    """整改: requirements and a deadline set at conclusion; the host unit reports; the bureau re-checks."""

    evaluation = models.OneToOneField(Evaluation, on_delete=models.PROTECT, related_name="rectification")
    requirements = models.TextField("整改要求")
    deadline = models.DateField("整改期限")
    state = StateField("状态", max_length=20, choices=RectificationState.choices,
                       default=RectificationState.PENDING_REPORT)
    report = models.TextField("整改报告", blank=True)
    report_submitted_at = models.DateTimeField("报告提交时间", null=True, blank=True)
    overdue_flagged_on = models.DateField("逾期提醒日期", null=True, blank=True)
    verdict_at = models.DateTimeField("复查时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("evaluation__center__host_unit",),
        competent_unit=("evaluation__center__host_unit__competent_unit",),
    )

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = verbose_name_plural = "整改"

    def __str__(self) -> str:
        return f"{self.evaluation.center} 整改"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:evaluation_detail", args=[self.evaluation_id]) + "#rectification"


class EvaluationAttachment(StoredFile):
    """A supporting file of the self-assessment (audit reports, certificates …), with its SHA-256 and SM3."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="attachments")

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(
        organisation=("evaluation__center__host_unit",),
        competent_unit=("evaluation__center__host_unit__competent_unit",),
        panels="evaluation__panels",
    )

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = "评估附件"

    def storage_dir(self) -> str:
        return f"evaluations/{self.evaluation_id}"
