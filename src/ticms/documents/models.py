"""发文: the official documents the bureau issues (and the applicant's 申报书), frozen once issued.

A 文号 such as 朔科发〔2026〕12号 is `series` + year + serial. Serials come from `DocumentSequence`, one row per
(year, series) taken under a row lock, so they never repeat or skip. A correction is a new `IssuedDocument` with
the same 文号 and the next version; the old one stays.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class DocumentSequence(models.Model):
    """The last serial issued in one 文号 series (发文机关代字, e.g. 朔科发) in one year."""

    year = models.PositiveIntegerField()
    series = models.CharField(max_length=20)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "series"], name="document_sequence_once")]

    def __str__(self) -> str:
        return f"{self.series}〔{self.year}〕{self.last_serial}"


class IssuedDocument(models.Model):
    kind = models.CharField("文种", max_length=40)
    title = models.CharField("标题", max_length=300)
    # Empty for unnumbered documents (the applicant's 申报书, the panel's 汇总表).
    number = models.CharField("文号", max_length=40, blank=True)
    series = models.CharField("发文机关代字", max_length=20, blank=True)
    year = models.PositiveIntegerField("年度")
    serial = models.PositiveIntegerField("序号", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    supersedes = models.OneToOneField("self", verbose_name="更正的前一版本", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="superseded_by")
    correction_reason = models.TextField("更正原因", blank=True)

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    record_title = models.CharField("所涉记录", max_length=300)

    docx = models.FileField("DOCX", upload_to="documents/", max_length=300)
    pdf = models.FileField("PDF", upload_to="documents/", max_length=300)
    docx_sm3 = models.CharField("DOCX SM3", max_length=64)
    pdf_sm3 = models.CharField("PDF SM3", max_length=64)
    fonts = models.CharField("使用字体", max_length=300)
    # Addressed to the public (公示, 认定通知 …): anyone may download it once issued.
    public = models.BooleanField("公开", default=False)

    issued_on = models.DateField("成文日期")
    issued_at = models.DateTimeField("发文时间")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_role = models.CharField("发文角色", max_length=30)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "kind"]), models.Index(fields=["year", "kind"])]
        constraints = [
            # The last line of defence for "never repeats": one serial per series and year, per version.
            models.UniqueConstraint(fields=["series", "year", "serial", "version"], condition=Q(serial__isnull=False),
                                    name="document_number_once"),
            models.UniqueConstraint(fields=["content_type", "object_id", "kind", "version"],
                                    name="document_version_once"),
        ]
        verbose_name = "发文"
        verbose_name_plural = "发文登记"

    def __str__(self) -> str:
        return f"{self.number or self.title}（第{self.version}版）" if self.version > 1 else (self.number or self.title)
