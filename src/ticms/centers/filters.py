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
    CenterStatus,
    ChangeRequest,
    ChangeState,
    Filing,
    FilingState,
    Output,
    Support,
)


def center_keyword(*paths: str, placeholder: str = "中心名称或依托单位"):
    """The keyword box of a list of centers' records: the center's name and unit, and the record's own `paths`."""
    return keyword_filter("center__official_name", "center__host_unit__name", *paths, placeholder=placeholder)


class CenterRecordFilter(ListFilterSet):
    """A list of records of centers (filings, change requests, supports, outputs, evaluations): found by the center
    and narrowed to its county. A list that searches more redeclares `q`; django-filter keeps a redeclared filter
    where the base put it, so the keyword box stays first."""

    q = center_keyword()
    county = county_filter("center__host_unit__competent_unit")


class CenterFilter(ListFilterSet):
    q = keyword_filter("official_name", "host_unit__name", "lead_unit__name", placeholder="中心名称或单位")
    county = county_filter("host_unit__competent_unit")
    field = FieldFilter(field_name="field")
    category = choice_filter("category", Category.choices, "类别")
    status = choice_filter("status", CenterStatus.choices, "状态")
    year = year_filter("recognized_on__year", label="认定年度")


class FilingFilter(CenterRecordFilter):
    q = center_keyword("person_name", placeholder="中心、单位或人员")
    kind = choice_filter("kind", Filing.Kind.choices, "备案事项")
    state = state_filter(FilingState.choices)
    year = year_filter("submitted_at__year", label="报备年度")


class ChangeRequestFilter(CenterRecordFilter):
    q = center_keyword("new_name", placeholder="中心、单位或新名称")
    kind = choice_filter("kind", ChangeRequest.Kind.choices, "变更类型")
    state = state_filter(ChangeState.choices)
    year = year_filter("created_at__year", label="年度")


class SupportFilter(CenterRecordFilter):
    q = center_keyword("title", placeholder="中心、单位或名称")
    field = FieldFilter(field_name="center__field")
    kind = choice_filter("kind", Support.Kind.choices, "类型")
    year = year_filter("year")


class OutputFilter(CenterRecordFilter):
    q = center_keyword("title", "reference", placeholder="中心、名称或编号")
    field = FieldFilter(field_name="center__field")
    kind = choice_filter("kind", Output.Kind.choices, "类型")
    year = year_filter("year")
