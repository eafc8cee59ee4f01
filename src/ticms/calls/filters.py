"""The filters of the calls list (建设通知)."""

from __future__ import annotations

import django_filters

from ticms.web.filters import ListFilterSet, keyword_filter, year_filter

from .models import today

STATUS = [("open", "申报中"), ("upcoming", "未开始"), ("closed", "已截止")]


class CallFilter(ListFilterSet):
    q = keyword_filter("title", placeholder="标题")
    year = year_filter("year")
    status = django_filters.ChoiceFilter(label="状态", choices=STATUS, empty_label="全部", method="filter_status")

    def filter_status(self, queryset, name, value):
        day = today()
        if value == "open":
            return queryset.filter(opens__lte=day, closes__gte=day)
        if value == "upcoming":
            return queryset.filter(opens__gt=day)
        return queryset.filter(closes__lt=day)
