"""The filters of the expert pool and the panels list (the bureau's)."""

from __future__ import annotations

import django_filters

from ticms.web.filters import FieldFilter, ListFilterSet, choice_filter, keyword_filter, year_filter

from .models import Purpose


class ExpertFilter(ListFilterSet):
    q = keyword_filter("name", "title", "organisation__name", "organisation_text", placeholder="姓名、职称或单位")
    field = FieldFilter(field_name="fields", lookup_expr="icontains", label="擅长领域")
    active = django_filters.ChoiceFilter(
        field_name="active",
        label="状态",
        empty_label="全部",
        choices=[("1", "在库"), ("0", "停用")],
        method="filter_active",
    )

    def filter_active(self, queryset, name, value):
        return queryset.filter(active=value == "1")


class PanelFilter(ListFilterSet):
    q = keyword_filter("subject_title", placeholder="评审对象")
    purpose = choice_filter("purpose", Purpose.choices, "用途")
    field = FieldFilter(field_name="field")
    year = year_filter("drawn_at__year", label="抽取年度")
