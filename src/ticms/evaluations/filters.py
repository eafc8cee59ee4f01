"""The filters of the evaluation rounds and of a round's results."""

from __future__ import annotations

import django_filters

from ticms.centers.filters import CenterRecordFilter
from ticms.web.filters import (
    FieldFilter,
    ListFilterSet,
    choice_filter,
    county_filter,
    keyword_filter,
    state_filter,
    year_filter,
)

from .models import EvaluationState, Grade, Outcome, RoundState
from .selectors import OVERDUE_EVALUATION_STATES, OVERDUE_RECTIFICATION_STATES


class RoundFilter(ListFilterSet):
    year = year_filter("year", label="评估年度")
    state = state_filter(RoundState.choices)


class ResultFilter(CenterRecordFilter):
    field = FieldFilter(field_name="center__field")
    grade = choice_filter("grade", Grade.choices, "等级")
    outcome = django_filters.ChoiceFilter(
        label="结论", empty_label="全部", method="filter_outcome", choices=[*Outcome.choices, ("pending", "未出结论")]
    )
    state = state_filter(EvaluationState.choices)

    def filter_outcome(self, queryset, name, value):
        return queryset.filter(outcome="" if value == "pending" else value)


class OverdueEvaluationFilter(CenterRecordFilter):
    year = year_filter("round__year", label="评估年度")
    state = choice_filter("state", [(s.value, s.label) for s in OVERDUE_EVALUATION_STATES], "状态")


class OverdueRectificationFilter(ListFilterSet):
    q = keyword_filter("evaluation__center__official_name", "evaluation__center__host_unit__name",
                       placeholder="中心名称或依托单位")
    county = county_filter("evaluation__center__host_unit__competent_unit")
    year = year_filter("evaluation__round__year", label="评估年度")
    state = choice_filter("state", [(s.value, s.label) for s in OVERDUE_RECTIFICATION_STATES], "状态")
