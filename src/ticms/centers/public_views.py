"""The public directory (Art. 4, 9(4), 11): anyone may browse recognised, preparatory and revoked centers.

What a citizen sees is institution-level only — name, category, field, host/lead/partner units, county, status
with its dates and articles, name and host-unit history, sub-institutes, support given, output counts. No person
is named (not even the director: the appointment is filed with the authorities under Art. 7(2), not published),
no phone, no reasons text written by officers, no attachment. docs/registry.md explains the choice.
"""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from ticms.exports import wants_xlsx
from ticms.web.lists import Column, Listing
from ticms.web.routes import page

from .exports import DIRECTORY_EXPORT
from .filters import CenterFilter
from .models import Center, CenterChange, Output
from .selectors import public_centers

PAGE_SIZE = 25


DIRECTORY_COLUMNS = [
    Column("名称", "name", ("official_name",), unique=True),
    "类别", "领域", "依托单位", "所在县（市、区）", "状态",
    Column("认定日期", "recognized", ("recognized_on", "-official_name"), unique=True),
]


@page("centers/")
def directory(request):
    listing = Listing(request, public_centers(), columns=DIRECTORY_COLUMNS, filterset=CenterFilter,
                      default_sort="-recognized", per_page=PAGE_SIZE)
    if wants_xlsx(request):
        return DIRECTORY_EXPORT.response(request, listing.qs)
    return render(request, "centers/directory.html", {"listing": listing, "page_obj": listing.page_obj,
                                                      "centers": listing.page_obj.object_list})


@page("centers/<int:pk>/")
def public_detail(request, pk: int):
    center = get_object_or_404(Center.objects.public(), pk=pk)
    changes = CenterChange.objects.filter(center=center, kind__in=[CenterChange.Kind.RENAME,
                                                                   CenterChange.Kind.HOST_UNIT]).order_by(
        "effective_on", "pk").only("kind", "old_value", "new_value", "effective_on")
    ctx = {
        "center": center,
        "partners": center.partner_units.only("name").order_by("name"),
        "status_changes": center.status_changes.only("from_status", "to_status", "at", "article"),
        "changes": changes,
        "sub_institutes": center.sub_institutes.only("name", "focus", "opened_on", "closed_on"),
        "supports": center.supports.only("kind", "title", "year"),
        "output_counts": [(Output.Kind(row["kind"]).label, row["n"])
                          for row in center.outputs.values("kind").annotate(n=Count("pk")).order_by("kind")],
    }
    return render(request, "centers/public_detail.html", ctx)
