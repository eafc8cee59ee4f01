import datetime

import pytest
from django.utils import timezone

from ticms.applications import services
from ticms.applications.models import ApplicationVersion, AttachmentKind
from ticms.workflow.core import WorkflowError

from .factories import COMPLETE_FACTS, CallFactory, attach_required, complete_application, new_application, pdf

pytestmark = pytest.mark.django_db


def refusal_codes(exc) -> set[str]:
    return {r.code for r in exc.value.reasons}


def test_submit_of_empty_draft_lists_every_missing_section_and_attachment(applicant, organisation):
    app = new_application(applicant, organisation)
    with pytest.raises(WorkflowError) as exc:
        services.transition_application(actor=applicant, application=app, name="submit")
    codes = refusal_codes(exc)
    assert exc.value.status == 422
    assert {"missing_director", "missing_fixed_staff", "missing_equipment_value", "missing_rd_investment_y1",
            "missing_construction_plan", "missing_field"} <= codes
    assert {f"missing_attachment_{k}" for k in ("business_licence", "title_certificate", "equipment_list",
                                                "rd_audit", "construction_plan")} <= codes
    assert "integrity_not_signed" in codes
    assert all(r.article for r in exc.value.reasons)


def test_submit_refused_without_one_attachment_names_it(applicant, organisation):
    app = new_application(applicant, organisation, **COMPLETE_FACTS)
    for kind in ("business_licence", "title_certificate", "equipment_list", "rd_audit"):
        services.add_attachment(actor=applicant, application=app, kind=kind, upload=pdf(f"{kind}.pdf"))
    with pytest.raises(WorkflowError) as exc:
        services.transition_application(actor=applicant, application=app, name="submit")
    assert refusal_codes(exc) == {"missing_attachment_construction_plan"}
    assert "建设方案" in str(exc.value.reasons[0])


def test_submit_refused_when_integrity_declaration_unsigned(applicant, organisation):
    app = complete_application(applicant, organisation, integrity_declaration=False)
    with pytest.raises(WorkflowError) as exc:
        services.transition_application(actor=applicant, application=app, name="submit")
    assert refusal_codes(exc) == {"integrity_not_signed"}
    assert exc.value.reasons[0].article == "8(4)"


def test_submit_refused_after_call_closed(applicant, organisation):
    call = CallFactory()
    app = complete_application(applicant, organisation, call=call)
    call.closes = timezone.localdate() - datetime.timedelta(days=1)
    call.opens = call.closes - datetime.timedelta(days=10)
    call.save()
    with pytest.raises(WorkflowError) as exc:
        services.transition_application(actor=applicant, application=app, name="submit")
    assert refusal_codes(exc) == {"call_closed"}
    assert exc.value.reasons[0].article == "9(1)"


def test_submit_freezes_a_version_with_facts_and_attachment_digests(applicant, organisation):
    app = complete_application(applicant, organisation)
    app = services.transition_application(actor=applicant, application=app, name="submit")
    version = ApplicationVersion.objects.get(application=app)
    assert app.state == "submitted" and app.submitted_at is not None
    assert version.number == 1 and version.reason == "submit"
    assert version.facts["fixed_staff"] == 20 and version.facts["equipment_value"] == "3000000.00"
    digests = {a["sha256"] for a in version.attachments}
    assert digests == set(app.attachments.values_list("sha256", flat=True))
    assert all(len(a["sm3"]) == 64 for a in version.attachments)


def test_version_stays_frozen_when_returned_application_is_changed(applicant, organisation, county_officer):
    app = complete_application(applicant, organisation)
    app = services.transition_application(actor=applicant, application=app, name="submit")
    app = services.transition_application(actor=county_officer, application=app, name="county_return",
                                          comment="请补充设备清单")
    services.update_application(actor=applicant, application=app, changes={"fixed_staff": 30})
    services.add_attachment(actor=applicant, application=app, kind=AttachmentKind.OTHER, upload=pdf("补充.pdf"))
    first = ApplicationVersion.objects.get(application=app, number=1)
    assert first.facts["fixed_staff"] == 20 and len(first.attachments) == 5
    app = services.transition_application(actor=applicant, application=app, name="submit")
    second = ApplicationVersion.objects.get(application=app, number=2)
    assert second.facts["fixed_staff"] == 30 and len(second.attachments) == 6


def test_withdraw_from_submitted(applicant, organisation):
    app = complete_application(applicant, organisation)
    app = services.transition_application(actor=applicant, application=app, name="submit")
    app = services.transition_application(actor=applicant, application=app, name="withdraw")
    assert app.state == "withdrawn"


def test_withdrawn_application_cannot_be_submitted(applicant, organisation):
    app = new_application(applicant, organisation)
    app = services.transition_application(actor=applicant, application=app, name="withdraw")
    with pytest.raises(WorkflowError) as exc:
        services.transition_application(actor=applicant, application=app, name="submit")
    assert exc.value.status == 409


def test_attach_required_helper_gives_complete_application(applicant, organisation):
    app = new_application(applicant, organisation, **COMPLETE_FACTS)
    attach_required(applicant, app)
    assert services.transition_application(actor=applicant, application=app, name="submit").state == "submitted"
