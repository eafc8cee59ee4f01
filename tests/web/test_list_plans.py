"""The main lists read their page through an index in their order, not by sorting the whole table (PostgreSQL).

The test tables are tiny, so the planner would rightly scan them; with sequential scans and sorts priced out
(`enable_seqscan`/`enable_sort` off) it still picks a sequential scan and a sort when no index serves the
order, which is what happens on the big tables at the province's size.
"""

import datetime

import pytest
from django.db import connection

from ticms.applications.selectors import applications_visible_to
from ticms.audit.models import Event
from ticms.centers.selectors import centers_visible_to, public_centers, with_attention
from ticms.notices.selectors import objections_visible_to
from ticms.reviews.models import Panel
from ticms.reviews.selectors import applications_without_panel

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans of PostgreSQL"),
]


def _plan(qs) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return qs.explain()


def _reads_by_index(plan: str, table: str) -> None:
    assert f"Seq Scan on {table}" not in plan, plan
    assert "Sort" not in plan.replace("Sort Key", ""), plan
    assert "Index" in plan, plan


def test_application_list_pages_by_the_last_change_index(bureau_officer):
    qs = applications_visible_to(bureau_officer).order_by("-updated_at", "-pk")[:25]
    _reads_by_index(_plan(qs), "applications_application")


def test_public_directory_pages_by_recognition_date_index():
    _reads_by_index(_plan(public_centers()[:20]), "centers_center")


def test_bureau_center_list_pages_by_name_index(bureau_officer):
    qs = with_attention(centers_visible_to(bureau_officer)).order_by("official_name")[:50]
    _reads_by_index(_plan(qs), "centers_center")


def test_audit_log_pages_by_seq_and_filters_by_time():
    _reads_by_index(_plan(Event.objects.order_by("-seq")[:50]), "audit_event")
    _reads_by_index(_plan(Event.objects.filter(seq__lt=1000).order_by("-seq")[:50]), "audit_event")


def test_application_list_sorted_by_number_reads_the_unique_index(bureau_officer):
    qs = applications_visible_to(bureau_officer).order_by("number")[:25]
    _reads_by_index(_plan(qs), "applications_application")
    qs = applications_visible_to(bureau_officer).order_by("-number")[:25]
    _reads_by_index(_plan(qs), "applications_application")


def test_public_directory_sorted_by_name_reads_the_name_index():
    _reads_by_index(_plan(public_centers().order_by("official_name")[:25]), "centers_center")


def test_panel_list_pages_by_the_draw_index(bureau_officer):
    qs = Panel.objects.visible_to(bureau_officer).select_related("content_type").order_by("-drawn_at", "-pk")[:25]
    _reads_by_index(_plan(qs), "reviews_panel")


def test_objection_list_pages_by_the_state_and_time_indexes(bureau_officer):
    qs = objections_visible_to(bureau_officer)
    _reads_by_index(_plan(qs.order_by("state", "-submitted_at", "pk")[:25]), "notices_objection")  # the default
    _reads_by_index(_plan(qs.order_by("-state", "submitted_at", "-pk")[:25]), "notices_objection")
    _reads_by_index(_plan(qs.order_by("-submitted_at", "-pk")[:25]), "notices_objection")


def test_workbench_to_do_lines_read_one_state_by_index(bureau_officer, county_officer):
    """Each to-do line is one state, the longest waiting first: without the index the bureau's workbench walked the
    primary key past 48,000 rows of other states at the province's size."""
    _reads_by_index(_plan(applications_without_panel(bureau_officer)[:20]), "applications_application")
    qs = applications_visible_to(county_officer).filter(state="submitted").order_by("updated_at", "pk")[:20]
    _reads_by_index(_plan(qs), "applications_application")


def test_centers_due_walk_the_due_order_index_and_count_on_the_cohort_index(bureau_officer, organisation):
    """/evaluations/ and the bureau's workbench: a page of the centers due in a year in due-date order, and their
    count, read by index; before, every center's interval was computed and the due ones sorted."""
    from tests.evaluations.factories import make_center
    from ticms.evaluations.schedule import due_queryset

    make_center(bureau_officer, organisation, recognized_on=datetime.date(2023, 2, 28))
    page = _plan(due_queryset(2026).select_related("host_unit")[:25])
    _reads_by_index(page, "centers_center")
    assert "center_due_order_idx" in page, page
    assert "center_due_cohort_idx" in _plan(due_queryset(2026).order_by().values("due_cohort")), "count"
    # In a leap year 29 February sorts after the 28th: a few rows of one day sorted, the rest in index order.
    leap = _plan(due_queryset(2028)[:25])
    assert "center_due_order_idx" in leap and "Presorted Key: due_month, due_day" in leap, leap


def test_workbench_review_lines_read_their_partial_indexes(bureau_officer):
    """Panels still waiting for opinions and recused experts awaiting a replacement are a handful among every panel
    and assignment ever made: their lines and counts read partial indexes, not every panel's experts and
    opinions (90 ms at the province's size)."""
    from ticms.reviews.models import Assignment

    waiting = Panel.objects.visible_to(bureau_officer).filter(awaiting_opinions__gt=0, closed_at__isnull=True)
    _reads_by_index(_plan(waiting.order_by("-drawn_at", "-pk")[:20]), "reviews_panel")
    assert "reviews_panel_awaiting_idx" in _plan(waiting.order_by())
    recused = Assignment.objects.filter(active=True, declaration="recused")
    _reads_by_index(_plan(recused.order_by("pk")[:20]), "reviews_assignment")
    assert "assignment_recused_idx" in _plan(recused.order_by())
