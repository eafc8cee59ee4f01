"""专家库, 专家组 and 专家意见 (Art. 9(3), 16): generic panels any subject (application, evaluation) can use."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ticms.accounts.models import Organisation
from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.crypto.fields import EncryptedCharField, EncryptedEmailField
from ticms.pages import HasPage
from ticms.vocabulary import Vocabulary
from ticms.workflow.fields import StateField, StateModel

vocabulary = Vocabulary(__name__)


class Expert(HasPage, models.Model):
    """An expert of the bureau's pool. `fields` holds industry-cluster names of the policy (Art. 3(2))."""

    page_route = "reviews:expert_edit"

    name = models.CharField("姓名", max_length=50)
    title = models.CharField("职称", max_length=50, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name="工作单位", on_delete=models.PROTECT, null=True, blank=True, related_name="experts"
    )
    # Experts from outside the city have no Organisation record; the name of their unit is kept as text.
    organisation_text = models.CharField("工作单位（市外）", max_length=200, blank=True)
    fields = models.JSONField("擅长领域", default=list, blank=True)
    # Sealed with SM4 at rest; masked on lists (ticms.crypto).
    phone = EncryptedCharField("电话", max_length=30, blank=True)
    email = EncryptedEmailField("电子邮箱", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="系统账号", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="expert_profile",
    )
    active = models.BooleanField("在库可抽取", default=True)
    declared_ties = models.ManyToManyField(
        Organisation, verbose_name="申报的关联单位", blank=True, related_name="tied_experts",
        help_text="曾任职、合作发表等须回避的单位",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(expert="user")

    class Meta:
        ordering = ["pk"]
        verbose_name = "专家"
        verbose_name_plural = "专家库"

    def __str__(self) -> str:
        return self.name

    @property
    def unit_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_text


Purpose = vocabulary.choices("Purpose")


class Panel(HasPage, models.Model):
    """专家组 for one subject. The draw (seed, candidates in order, result) is kept in `PanelDraw` rows.

    One active panel per subject and purpose: a redraw closes the previous one (`closed_at`) and is numbered
    (`draw_number`) with its reason, so every redraw stays visible on the file."""

    page_route = "reviews:panel_detail"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    purpose = models.CharField("用途", max_length=20, choices=Purpose.choices)
    size = models.PositiveSmallIntegerField("专家人数")
    field = models.CharField("领域", max_length=60)
    subject_title = models.CharField("评审对象", max_length=300, blank=True)
    site_visit_at = models.DateTimeField("实地考察时间", null=True, blank=True)
    site_visit_place = models.CharField("实地考察地点", max_length=200, blank=True)
    defence_at = models.DateTimeField("现场答辩时间", null=True, blank=True)
    defence_place = models.CharField("现场答辩地点", max_length=200, blank=True)
    seed = models.BigIntegerField("随机种子")
    candidate_ids = models.JSONField("候选专家（按编号排序）", default=list)
    excluded_org_ids = models.JSONField("回避单位", default=list)
    candidates_sm3 = models.CharField("候选名单 SM3 摘要", max_length=64, blank=True)
    # Experts left out by hand, each with the reason: [{"expert_id", "name", "reason"}].
    excluded_experts = models.JSONField("手动回避的专家", default=list, blank=True)
    drawn_at = models.DateTimeField("抽取时间")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    draw_number = models.PositiveSmallIntegerField("第几次抽取", default=1)
    redraw_reason = models.TextField("重新抽取理由", blank=True)
    # Active assignments with no opinion yet, kept by the services (form, submit, replace, redraw): the bureau's
    # "opinions not all in" to-do reads it through a partial index instead of probing every panel's experts and
    # opinions, which cost 90 ms at the province's size (issue 15).
    awaiting_opinions = models.PositiveSmallIntegerField("待提交意见数", default=0, editable=False)
    closed_at = models.DateTimeField("停用时间", null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    # Panels hold confidential opinions: only the bureau sees them (experts reach theirs via Assignment).
    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths()

    class Meta:
        ordering = ["-drawn_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"]),
                   # The panel list and the workbench's incomplete panels are ordered by the draw, newest first.
                   models.Index(fields=["-drawn_at", "-id"], name="reviews_panel_drawn_idx"),
                   models.Index(fields=["-drawn_at", "-id"], name="reviews_panel_awaiting_idx",
                                condition=models.Q(awaiting_opinions__gt=0, closed_at__isnull=True))]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "purpose"],
                                               condition=models.Q(closed_at__isnull=True),
                                               name="one_active_panel_per_subject")]
        verbose_name = verbose_name_plural = "专家组"

    def __str__(self) -> str:
        return f"{self.subject_title or self.pk} 专家组"

    @property
    def active(self) -> bool:
        return self.closed_at is None


class PanelDraw(models.Model):
    """One random draw: the initial one or a replacement. Enough to recompute it: Random(seed).sample(...)."""

    Kind = vocabulary.choices("PanelDraw.Kind")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="draws")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    seed = models.BigIntegerField()
    candidate_ids = models.JSONField(default=list)
    drawn_ids = models.JSONField(default=list)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]


Declaration = vocabulary.choices("Declaration")


class Assignment(HasPage, StateModel, models.Model):
    page_route = "reviews:assignment_detail"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="assignments")
    declaration = StateField(
        "利益冲突声明", max_length=20, choices=Declaration.choices, default=Declaration.PENDING
    )
    declared_at = models.DateTimeField(null=True, blank=True)
    recusal_reason = models.TextField("回避理由", blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    # False once replaced: the assignment stays for the record but no longer counts.
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(expert="expert__user")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["panel", "expert"], name="assignment_once_per_panel")]
        # The bureau's "recused, awaiting a replacement" to-do: a handful among every assignment ever made.
        indexes = [models.Index(fields=["id"], condition=models.Q(active=True, declaration="recused"),
                                name="assignment_recused_idx")]
        verbose_name = verbose_name_plural = "专家任务"

    def __str__(self) -> str:
        return f"{self.expert} · {self.panel}"


class Opinion(models.Model):
    """专家意见. Scores are kept as strings of Decimals ({"code": "18.5"}) so JSON keeps them exact."""

    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="opinion")
    scores = models.JSONField("分项得分", default=dict)
    total = models.DecimalField("总分", max_digits=6, decimal_places=2)
    comment = models.TextField("评审意见")
    recommendation = models.CharField("结论建议", max_length=30)
    submitted_at = models.DateTimeField("提交时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(expert="assignment__expert__user")

    class Meta:
        verbose_name = verbose_name_plural = "专家意见"

    def __str__(self) -> str:
        return f"{self.assignment.expert} 的意见"
