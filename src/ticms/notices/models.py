"""公示 and 异议 (Art. 9(4), 11): the bureau's public notice of centers to be recognized, and objections to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.crypto.fields import EncryptedCharField
from ticms.pages import HasPage
from ticms.vocabulary import Vocabulary
from ticms.workflow.fields import StateField, StateModel

from .period import period_zh

vocabulary = Vocabulary(__name__)
NoticeState = vocabulary.choices("NoticeState")
Proposed = vocabulary.choices("Proposed")


class PublicNotice(HasPage, StateModel, models.Model):
    page_route = "notices:notice_detail"

    title = models.CharField("标题", max_length=200)
    text = models.TextField("公示说明", blank=True)
    starts_on = models.DateField("公示开始日期", default=timezone.localdate)
    ends_on = models.DateField("公示截止日期")
    contact_phone = models.CharField("异议受理电话", max_length=50)
    contact_email = models.EmailField("异议受理邮箱", blank=True)
    contact_address = models.CharField("异议受理地址", max_length=200, blank=True)
    state = StateField("状态", max_length=20, choices=NoticeState.choices, default=NoticeState.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(public=Q(state=NoticeState.PUBLISHED))

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = verbose_name_plural = "公示"

    def __str__(self) -> str:
        return self.title

    @property
    def period_zh(self) -> str:
        return period_zh(self.starts_on, self.ends_on)

    @property
    def ended(self) -> bool:
        return timezone.localdate() > self.ends_on


class NoticeItem(models.Model):
    """One application on a notice. Names are copied at creation so the public page reads public fields only."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT,
                                    related_name="notice_items")
    proposed = models.CharField("公示结论", max_length=20, choices=Proposed.choices)
    organisation_name = models.CharField("牵头单位", max_length=200)
    center_name = models.CharField("拟命名", max_length=200)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(public=Q(notice__state=NoticeState.PUBLISHED))

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["notice", "application"], name="notice_item_once")]
        verbose_name = verbose_name_plural = "公示条目"

    def __str__(self) -> str:
        return f"{self.center_name}（{self.get_proposed_display()}）"


ObjectionState = vocabulary.choices("ObjectionState")


class Objection(HasPage, StateModel, models.Model):
    page_route = "notices:objection_detail"

    item = models.ForeignKey(NoticeItem, on_delete=models.PROTECT, related_name="objections")
    reference = models.CharField("受理编号", max_length=30, unique=True, null=True, blank=True)
    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("工作单位", max_length=200)
    # Sealed with SM4 at rest; the bureau sees it in full on the detail page (audited), masked elsewhere.
    phone = EncryptedCharField("联系电话", max_length=30)
    content = models.TextField("异议内容")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    state = StateField("处理状态", max_length=20, choices=ObjectionState.choices, default=ObjectionState.OPEN,
                     )
    handling = models.TextField("处理意见", blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)

    # Objectors' personal data: the bureau only.
    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["ip", "submitted_at"]),
            # The bureau's list pages in these orders (by state, the default; by time) without sorting the table.
            models.Index(fields=["state", "-submitted_at", "id"], name="objection_list_state"),
            models.Index(fields=["submitted_at", "id"], name="objection_list_submitted"),
        ]
        verbose_name = verbose_name_plural = "异议"

    def __str__(self) -> str:
        return self.reference or f"异议 {self.pk}"


class ObjectionClient(models.Model):
    """One row per client address that has objected. `raise_objection` locks it (SELECT ... FOR UPDATE) while it
    counts that address's objections of the last hour, so parallel posts from one address are counted one after
    another and the limit holds exactly (on SQLite BEGIN IMMEDIATE serialises them already)."""

    ip = models.GenericIPAddressField(unique=True)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "异议提交地址"

    def __str__(self) -> str:
        return self.ip
