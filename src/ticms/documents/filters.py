"""The filters of the 发文登记 (documents register)."""

from __future__ import annotations

import django_filters

from ticms.web.filters import ListFilterSet, date_range_filter, keyword_filter, year_filter

from .kinds import KINDS
from .models import IssuedDocument


class DocumentFilter(ListFilterSet):
    q = keyword_filter("number", "title", "record_title", placeholder="文号、标题或所涉记录")
    year = year_filter("year")
    kind = django_filters.ChoiceFilter(
        field_name="kind", label="文种", empty_label="全部", choices=[(code, k.label) for code, k in KINDS.items()]
    )
    issued = date_range_filter("issued_on", "成文日期")

    class Meta:
        model = IssuedDocument
        fields: list[str] = []
