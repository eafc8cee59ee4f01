"""建设通知 (Art. 9(1)): the bureau's call for applications. Calls are public."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from ticms.accounts.scope import ScopedQuerySet, ScopePaths
from ticms.pages import HasPage
from ticms.storedfiles import StoredFile
from ticms.vocabulary import Vocabulary

vocabulary = Vocabulary(__name__)


def today() -> datetime.date:
    return timezone.localdate()


class CallQuerySet(ScopedQuerySet):
    def open_on(self, day: datetime.date):
        return self.filter(opens__lte=day, closes__gte=day)

    def open_now(self):
        return self.open_on(today())


class Call(HasPage, models.Model):
    page_route = "call_detail"

    title = models.CharField("标题", max_length=200)
    year = models.PositiveIntegerField("年度")
    # Names of the industry clusters (policy fields) this call invites; empty means every field.
    fields = models.JSONField("领域", default=list, blank=True)
    opens = models.DateField("开始申报日期")
    closes = models.DateField("截止申报日期")
    text = models.TextField("通知正文", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CallQuerySet.as_manager()
    # A call is published text: everyone, signed in or not, may read it. (An empty Q() would vanish when
    # OR-ed with the other roles' filters, so "every row" is spelled out.)
    scope_paths = ScopePaths(public=Q(pk__isnull=False))

    class Meta:
        ordering = ["-opens", "-pk"]
        verbose_name = verbose_name_plural = "建设通知"
        constraints = [
            models.CheckConstraint(condition=Q(closes__gte=F("opens")), name="call_closes_after_opens"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="call_year_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day: datetime.date) -> bool:
        return self.opens <= day <= self.closes

    @property
    def is_open(self) -> bool:
        return self.is_open_on(today())


CallFileKind = vocabulary.choices("CallFileKind")


class CallFile(HasPage, StoredFile):
    """A file published with a call (申报指南, templates): public like the call itself."""

    page_route = "call_file"

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField("类型", max_length=20, choices=CallFileKind.choices, default=CallFileKind.GUIDE)

    objects = ScopedQuerySet.as_manager()
    scope_paths = ScopePaths(public=Q(pk__isnull=False))

    class Meta(StoredFile.Meta):
        verbose_name = verbose_name_plural = "建设通知附件"

    def storage_dir(self) -> str:
        return f"calls/{self.call_id}"
