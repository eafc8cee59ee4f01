"""The filters of the 发文登记 (documents register)."""

from __future__ import annotations

from ticms.web.filters import ListFilterSet, choice_filter, date_range_filter, keyword_filter, year_filter

from .kinds import KINDS


class DocumentFilter(ListFilterSet):
    q = keyword_filter("number", "title", "record_title", placeholder="文号、标题或所涉记录")
    year = year_filter("year")
    kind = choice_filter("kind", [(code, k.label) for code, k in KINDS.items()], "文种")
    issued = date_range_filter("issued_on", "成文日期")
