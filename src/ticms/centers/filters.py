"""The filters of the centers' lists: the directory and the back-office list, filings, change requests, support
records and outputs (django-filter on ticms.web.filters.ListFilterSet)."""

from __future__ import annotations

from ticms.web.filters import (
    FieldFilter,
    ListFilterSet,
    choice_filter,
    county_filter,
    keyword_filter,
    state_filter,
    year_filter,
)

from .models import (
    Category,
    Center,
    CenterStatus,
    ChangeRequest,
    ChangeState,
    Filing,
    FilingState,
    Output,
    Support,
)

CENTER_KEYWORD = ("center__official_name", "center__host_unit__name")


class CenterFilter(ListFilterSet):
    q = keyword_filter("official_name", "host_unit__name", "lead_unit__name", placeholder="中心名称或单位")
    county = county_filter("host_unit__competent_unit")
    field = FieldFilter(field_name="field")
    category = choice_filter("category", Category.choices, "类别")
    status = choice_filter("status", CenterStatus.choices, "状态")
    year = year_filter("recognized_on__year", label="认定年度")

    class Meta:
        model = Center
        fields: list[str] = []


class FilingFilter(ListFilterSet):
    q = keyword_filter(*CENTER_KEYWORD, "person_name", placeholder="中心、单位或人员")
    county = county_filter("center__host_unit__competent_unit")
    kind = choice_filter("kind", Filing.Kind.choices, "备案事项")
    state = state_filter(FilingState.choices)
    year = year_filter("submitted_at__year", label="报备年度")

    class Meta:
        model = Filing
        fields: list[str] = []


class ChangeRequestFilter(ListFilterSet):
    q = keyword_filter(*CENTER_KEYWORD, "new_name", placeholder="中心、单位或新名称")
    county = county_filter("center__host_unit__competent_unit")
    kind = choice_filter("kind", ChangeRequest.Kind.choices, "变更类型")
    state = state_filter(ChangeState.choices)
    year = year_filter("created_at__year", label="年度")

    class Meta:
        model = ChangeRequest
        fields: list[str] = []


class SupportFilter(ListFilterSet):
    q = keyword_filter(*CENTER_KEYWORD, "title", placeholder="中心、单位或名称")
    county = county_filter("center__host_unit__competent_unit")
    field = FieldFilter(field_name="center__field")
    kind = choice_filter("kind", Support.Kind.choices, "类型")
    year = year_filter("year")

    class Meta:
        model = Support
        fields: list[str] = []


class OutputFilter(ListFilterSet):
    q = keyword_filter(*CENTER_KEYWORD, "title", "reference", placeholder="中心、名称或编号")
    county = county_filter("center__host_unit__competent_unit")
    field = FieldFilter(field_name="center__field")
    kind = choice_filter("kind", Output.Kind.choices, "类型")
    year = year_filter("year")

    class Meta:
        model = Output
        fields: list[str] = []
