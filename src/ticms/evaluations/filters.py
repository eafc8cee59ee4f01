"""The filters of the evaluation rounds and of a round's results."""

from __future__ import annotations

import django_filters

from ticms.centers.filters import CenterRecordFilter
from ticms.web.filters import FieldFilter, ListFilterSet, choice_filter, state_filter, year_filter

from .models import EvaluationState, Grade, Outcome, RoundState


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
