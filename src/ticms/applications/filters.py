"""The filters of the applications list (/applications/), the ones the dashboard's bars link with."""

from __future__ import annotations

import django_filters

from ticms.centers.models import Category
from ticms.web.filters import FieldFilter, ListFilterSet, choice_filter, county_filter, keyword_filter, year_filter

from .models import TERMINAL_STATES, State, Track

IN_PROGRESS = "in_progress"
IN_PROGRESS_STATES = tuple(s for s in State.values if s not in TERMINAL_STATES and s != State.DRAFT)


class ApplicationFilter(ListFilterSet):
    q = keyword_filter(
        "number", "name", "field", "lead_unit__name", "host_unit__name", placeholder="申报编号、中心名称或单位"
    )
    year = year_filter("year", label="申报年度")
    county = county_filter("lead_unit__competent_unit")
    field = FieldFilter(field_name="field")
    category = choice_filter("category", Category.choices, "类别")
    track = choice_filter("track", Track.choices, "申报类型")
    state = django_filters.ChoiceFilter(
        label="状态",
        method="filter_state",
        empty_label="全部",
        choices=[(IN_PROGRESS, "办理中（已提交未办结）"), *State.choices],
    )

    def filter_state(self, queryset, name, value):
        if value == IN_PROGRESS:
            return queryset.filter(state__in=IN_PROGRESS_STATES)
        return queryset.filter(state=value)
