"""文号: per year and series, never repeated or skipped, also under parallel issues; nothing left on failure."""

import datetime
import threading
import zoneinfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections
from django.utils import timezone

from ticms.documents import services
from ticms.documents.models import DocumentSequence, IssuedDocument

from .reading import pdf_text
from .records import call


def test_numbers_run_on_within_a_series_and_each_series_counts_alone(bureau_officer, organisation):
    from .records import decided_notice

    first = services.issue_document(actor=bureau_officer, kind="call", record=call(bureau_officer))
    notice, _ = decided_notice(bureau_officer, organisation)
    second = services.issue_document(actor=bureau_officer, kind="recognition", record=notice)  # also 朔科发
    public = services.issue_document(actor=bureau_officer, kind="notice", record=notice)  # 朔科公示
    numbers = [first.number, second.number, public.number]
    assert numbers == ["朔科发〔2026〕1号", "朔科发〔2026〕2号", "朔科公示〔2026〕1号"]


def test_a_new_year_starts_again_at_one(bureau_officer):
    services.issue_document(actor=bureau_officer, kind="call", record=call(bureau_officer))
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))):
        doc = services.issue_document(actor=bureau_officer, kind="call", record=call(bureau_officer))
    assert doc.number == "朔科发〔2027〕1号"
    with doc.pdf.open("rb") as f:
        assert "2027年1月4日" in pdf_text(f.read())


def test_a_failed_issue_takes_no_number_and_leaves_no_file(bureau_officer, _media):
    # A row holding 朔科发〔2026〕1号 that the sequence does not know about (say, entered by hand) makes the
    # register refuse the insert after both files were written.
    other = call(bureau_officer)
    IssuedDocument.objects.create(
        kind="call", title="手工登记", number="朔科发〔2026〕1号", series="朔科发", year=2026, serial=1,
        content_type=ContentType.objects.get_for_model(other), object_id=other.pk + 1000, record_title="x",
        docx="x.docx", pdf="x.pdf", docx_sm3="0", pdf_sm3="0", fonts="", issued_on=timezone.localdate(),
        issued_at=timezone.now(), issued_by=bureau_officer, issued_role="bureau_officer")
    with pytest.raises(IntegrityError):
        services.issue_document(actor=bureau_officer, kind="call", record=other)
    assert not list(_media.rglob("*.pdf")) and not list(_media.rglob("*.docx"))
    assert not DocumentSequence.objects.filter(last_serial__gt=0).exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_issues_take_consecutive_numbers(bureau_officer):
    calls = [call(bureau_officer) for _ in range(4)]
    barrier = threading.Barrier(len(calls))
    errors: list = []

    def issue(record):
        try:
            barrier.wait()
            services.issue_document(actor=bureau_officer, kind="call", record=record)
        except Exception as exc:  # reported by the assert below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    serials = sorted(IssuedDocument.objects.values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4]
    assert DocumentSequence.objects.get(year=2026, series="朔科发").last_serial == 4
