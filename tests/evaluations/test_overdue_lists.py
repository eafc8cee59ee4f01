"""The overdue lists the dashboard's tiles open: the same queries for 5 rows as for 50, every row counted."""

import datetime

import pytest
import time_machine

from ticms.evaluations.models import Rectification, RectificationState

from .factories import make_center, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_round(bureau_officer, organisation, this_year, request):
    """A round of `request.param` centers whose materials were due 30 days ago, nothing submitted."""
    for n in range(request.param):
        make_center(bureau_officer, organisation, recognized_on=datetime.date(this_year - 3, 1 + n // 28, 1 + n % 28))
    return open_round(bureau_officer, this_year)


def _after_deadline(rnd):
    return time_machine.travel(datetime.datetime.combine(rnd.materials_deadline + datetime.timedelta(days=30),
                                                         datetime.time(10), tzinfo=datetime.UTC))


@pytest.mark.parametrize("late_round", [5, 50], indirect=True)
def test_overdue_evaluations_with_flat_queries(client, bureau_officer, late_round, django_assert_max_num_queries):
    rows = late_round.evaluations.count()
    with _after_deadline(late_round):
        client.force_login(bureau_officer)  # a session signed in a month ago has expired
        with django_assert_max_num_queries(12):
            html = client.get("/evaluations/overdue/?per=100").content.decode()
    assert f'id="list-total">共 {rows} 条' in html and html.count("30 天") == rows


@pytest.mark.parametrize("late_round", [5, 50], indirect=True)
def test_overdue_rectifications_with_flat_queries(client, bureau_officer, late_round, django_assert_max_num_queries):
    # Rows of the table the page reads (a rectification is otherwise reached through scoring and a conclusion, which
    # the review tests cover); their deadline the round's, so they are as late as the materials.
    Rectification.objects.bulk_create(
        Rectification(evaluation=ev, requirements="完善开放共享制度", deadline=late_round.materials_deadline,
                      state=RectificationState.PENDING_REPORT) for ev in late_round.evaluations.all())
    rows = late_round.evaluations.count()
    with _after_deadline(late_round):
        client.force_login(bureau_officer)  # a session signed in a month ago has expired
        with django_assert_max_num_queries(12):
            html = client.get("/evaluations/rectifications/overdue/?per=100").content.decode()
    assert f'id="list-total">共 {rows} 条' in html and html.count("30 天") == rows
