"""Filings (Art. 7(2)): the host unit files appointments; the bureau acknowledges or returns; Art. 8(2) flag."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from ticms.centers import operations
from ticms.centers.models import FilingState
from ticms.centers.workflow import FILING_FLOW
from ticms.errors import ServiceError
from ticms.workflow.core import WorkflowError

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 1, 5)


def file_director(center, user, title="正高级工程师", name="张主任"):
    return operations.submit_filing(actor=user, center=center, kind="director", person_name=name,
                                    person_title=title, appointed_on=DAY)


def test_filing_flow_matches_fsm():
    assert FILING_FLOW.check_complete() == []


def test_director_without_senior_title_is_flagged(center, applicant):
    filing = file_director(center, applicant, title="工程师")
    assert filing.flagged
    assert filing.title_check == "not_met"
    assert "第八条" in filing.title_check_evidence


def test_director_with_senior_title_is_not_flagged(center, applicant):
    filing = file_director(center, applicant, title="研究员")
    assert (filing.title_check, filing.flagged) == ("met", False)


def test_unknown_title_needs_review_and_is_flagged(center, applicant):
    filing = file_director(center, applicant, title="首席科学家")
    assert (filing.title_check, filing.flagged) == ("needs_review", True)


def test_acknowledgement_puts_the_director_on_the_profile(center, applicant, bureau_officer):
    filing = file_director(center, applicant)
    filing = operations.transition_filing(actor=bureau_officer, filing=filing, name="acknowledge")
    center.refresh_from_db()
    assert filing.state == FilingState.ACKNOWLEDGED
    assert (center.director, center.director_title) == ("张主任", "正高级工程师")


def test_committee_filing_needs_members(center, applicant):
    with pytest.raises(ServiceError) as exc:
        operations.submit_filing(actor=applicant, center=center, kind="committee", person_name="李主任",
                                 appointed_on=DAY)
    assert "members" in exc.value.detail


def test_committee_acknowledged_sets_chair_and_members(center, applicant, bureau_officer):
    filing = operations.submit_filing(actor=applicant, center=center, kind="committee", person_name="李主任",
                                      person_title="教授", members="王委员 研究员 太原理工大学", appointed_on=DAY)
    operations.transition_filing(actor=bureau_officer, filing=filing, name="acknowledge")
    center.refresh_from_db()
    assert (center.committee_chair, center.committee_members) == ("李主任", "王委员 研究员 太原理工大学")


def test_return_needs_a_reason_and_resubmission_rechecks_the_title(center, applicant, bureau_officer):
    filing = file_director(center, applicant, title="工程师")
    with pytest.raises(WorkflowError) as exc:
        operations.transition_filing(actor=bureau_officer, filing=filing, name="return_filing")
    assert [r.code for r in exc.value.reasons] == ["comment_required"]
    filing = operations.transition_filing(actor=bureau_officer, filing=filing, name="return_filing",
                                          comment="主任须具有高级职称")
    assert filing.state == FilingState.RETURNED
    filing = operations.resubmit_filing(actor=applicant, filing=filing, person_title="高级工程师")
    assert (filing.state, filing.title_check) == (FilingState.SUBMITTED, "met")


def test_county_officer_sees_filing_but_cannot_acknowledge(center, applicant, county_officer):
    from ticms.centers.selectors import filings_visible_to

    filing = file_director(center, applicant)
    assert list(filings_visible_to(county_officer)) == [filing]
    with pytest.raises(WorkflowError) as exc:
        operations.transition_filing(actor=county_officer, filing=filing, name="acknowledge")
    assert exc.value.status == 403


def test_other_county_does_not_see_the_filing(center, applicant, other_county_officer):
    from ticms.centers.selectors import filings_visible_to

    file_director(center, applicant)
    assert not filings_visible_to(other_county_officer).exists()


def test_other_host_unit_cannot_file(center, other_applicant):
    with pytest.raises(PermissionDenied):
        file_director(center, other_applicant)


def test_appointment_date_in_the_future_refused(center, applicant):
    with pytest.raises(ServiceError) as exc:
        operations.submit_filing(actor=applicant, center=center, kind="director", person_name="张主任",
                                 person_title="研究员", appointed_on=datetime.date(2999, 1, 1))
    assert "appointed_on" in exc.value.detail
