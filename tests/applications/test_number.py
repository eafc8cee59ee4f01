"""申报编号: SZCX-<year of its call>-<four-digit sequence of that year>, given at creation, unique, backfilled."""

import re
import threading

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, connection, transaction

from ticms.applications.models import Application, ApplicationSequence

from .factories import CallFactory, new_application

pytestmark = pytest.mark.django_db


def test_each_application_gets_the_next_number_of_its_calls_year(applicant, organisation):
    first = new_application(applicant, organisation, call=CallFactory(year=2026))
    second = new_application(applicant, organisation, call=CallFactory(year=2026))
    other_year = new_application(applicant, organisation, call=CallFactory(year=2025))
    assert (first.number, second.number, other_year.number) == ("SZCX-2026-0001", "SZCX-2026-0002", "SZCX-2025-0001")
    assert re.fullmatch(r"SZCX-\d{4}-\d{4}", first.number)


def test_a_number_is_never_given_twice_and_never_changes(applicant, organisation):
    app = new_application(applicant, organisation, call=CallFactory(year=2026))
    app.name = "改名"
    app.save()
    app.refresh_from_db()
    assert app.number == "SZCX-2026-0001"
    numbers = [new_application(applicant, organisation, call=CallFactory(year=2026)).number for _ in range(5)]
    assert len(set(numbers + [app.number])) == 6
    with pytest.raises(IntegrityError), transaction.atomic():  # the unique constraint is the last guard
        Application.objects.filter(pk=app.pk).update(number=numbers[0])


def test_backfill_numbers_existing_rows_year_by_year_in_creation_order(applicant, organisation):
    apps = [new_application(applicant, organisation, call=CallFactory(year=y)) for y in (2026, 2025, 2026)]
    Application.objects.update(number=None)
    ApplicationSequence.objects.all().delete()
    backfill = __import__("ticms.applications.migrations.0007_application_number", fromlist=["backfill"]).backfill
    backfill(django_apps, None)
    got = [Application.objects.get(pk=a.pk).number for a in apps]
    assert got == ["SZCX-2026-0001", "SZCX-2025-0001", "SZCX-2026-0002"]
    # New ones continue the sequence.
    assert new_application(applicant, organisation, call=CallFactory(year=2026)).number == "SZCX-2026-0003"


def test_number_is_shown_on_the_record_page_and_sent_by_the_api(client, applicant, organisation):
    app = new_application(applicant, organisation, call=CallFactory(year=2026), name="储能")
    client.force_login(applicant)
    html = client.get(f"/applications/{app.pk}/").content.decode()
    assert "申报编号：SZCX-2026-0001" in html and "#" + str(app.pk) not in html
    body = client.get(f"/api/v1/applications/{app.pk}").json()
    assert body["number"] == "SZCX-2026-0001" and body["id"] == app.pk
    items = client.get("/api/v1/applications").json()["items"]
    assert items[0]["number"] == "SZCX-2026-0001"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_simultaneous_creations_get_different_numbers():
    got, errors = [], []

    def take():
        try:
            got.append(ApplicationSequence.take(2030))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and sorted(got) == [f"SZCX-2030-{i:04d}" for i in range(1, 9)]
