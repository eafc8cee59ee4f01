"""The filters of the notices list and the bureau's objections list."""

from __future__ import annotations

from ticms.web.filters import ListFilterSet, date_range_filter, keyword_filter, state_filter, year_filter

from .models import NoticeState, ObjectionState


class NoticeFilter(ListFilterSet):
    q = keyword_filter("title", placeholder="公示标题")
    year = year_filter("starts_on__year", label="公示年度")
    state = state_filter(NoticeState.choices)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # The public sees published notices only: a state filter would offer nothing else.
        if not (request and request.user.is_authenticated and request.user.has_role("bureau_officer")):
            del self.filters["state"]


class ObjectionFilter(ListFilterSet):
    q = keyword_filter(
        "reference",
        "name",
        "organisation",
        "item__center_name",
        "item__notice__title",
        placeholder="受理编号、异议人或对象",
    )
    state = state_filter(ObjectionState.choices)
    submitted = date_range_filter("submitted_at__date", "提交日期")
