"""The working-day calendar entered by the system administrator for years the package does not know (DESIGN §6)."""

from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """A year whose schedule the system administrator entered completely: its days come from CalendarDay."""

    year = models.PositiveIntegerField("年度", unique=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField("录入时间")
    source = models.CharField("来源", max_length=200, blank=True, help_text="如国务院办公厅通知文号")

    class Meta:
        ordering = ["year"]
        verbose_name = verbose_name_plural = "日历年度"

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A holiday on a weekday or a working weekend (调休) of an entered year; other days follow the week."""

    date = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("工作日")
    note = models.CharField("备注", max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "日历日"

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {'班' if self.is_working_day else '休'}"
