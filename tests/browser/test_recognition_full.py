"""The rest of the recognition path in Chromium, for both outcomes: from expert review, the bureau concludes the
review, the applicant uploads and submits the revised plan, the notice runs, and the bureau recognises (or lists as
preparatory). Steps owned by the reviews and notices pages (drawing the panel, opinions, publishing the notice) are
done through their services here; their own browser tests drive those pages."""

import datetime

import pytest
from django.utils import timezone

from tests.applications.factories import recommended_application
from tests.factories import CompetentUnitFactory, OrganisationFactory, user_with_role
from ticms.accounts.roles import Role
from ticms.applications import services
from ticms.applications.models import Application
from ticms.notices.services import create_notice, publish_notice
from ticms.policy import current_policy
from ticms.reviews.models import Assignment
from ticms.reviews.services import create_expert, declare, form_panel, submit_opinion

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    county = CompetentUnitFactory(name="朔城区", division_code="140602")
    org = OrganisationFactory(competent_unit=county)
    return {
        "org": org,
        "bureau": user_with_role(Role.BUREAU_OFFICER),
        "applicant": user_with_role(Role.APPLICANT, organisation=org),
        "county": user_with_role(Role.COUNTY_OFFICER, competent_unit=county),
        "expert": user_with_role(Role.EXPERT),
    }


def in_expert_review(people, recommendation: str, **facts) -> Application:
    app = recommended_application(people["applicant"], people["org"], people["county"], **facts)
    app = services.transition_application(actor=people["bureau"], application=app, name="recheck_pass")
    create_expert(actor=people["bureau"], name="周教授", fields=[app.field], user=people["expert"])
    form_panel(actor=people["bureau"], subject=app, size=1, field=app.field, excluded_org_ids=[app.lead_unit_id],
               purpose="recognition", seed=7)
    assignment = Assignment.objects.get()
    declare(actor=people["expert"], assignment=assignment, no_conflict=True)
    scores = {i.code: i.max for i in current_policy().review_indicators}
    submit_opinion(actor=people["expert"], assignment=assignment, scores=scores, comment="同意",
                   recommendation=recommendation)
    return app


def click(page, name: str):
    page.click(f"button[name=transition][value={name}]")
    page.wait_for_load_state()


def sign_out(page):
    page.click("form[action='/logout/'] button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize(("recommendation", "final", "facts", "state"), [
    ("recognize", "recognize", {}, "recognized"),
    ("preparatory", "list_preparatory",
     {"fixed_staff": 10, "requests_preparatory": True, "preparatory_reason": "发展急需"}, "preparatory"),
])
def test_from_expert_review_to_center(page, live_server, login, people, recommendation, final, facts, state):
    app = in_expert_review(people, recommendation, **facts)
    url = f"{live_server.url}/applications/{app.pk}/"

    login(page, live_server, people["bureau"])
    page.goto(url)
    click(page, "conclude_review")
    assert "完善建设方案" in page.inner_text(".badge[data-state]")
    sign_out(page)

    login(page, live_server, people["applicant"])
    page.goto(url)
    page.select_option("#id_kind", "revised_plan")
    page.set_input_files("#id_file", files=[{"name": "完善后的建设方案.pdf", "mimeType": "application/pdf",
                                             "buffer": PDF + b"revised"}])
    page.click("#attachments button[type=submit]")
    page.wait_for_load_state()
    click(page, "submit_plan")
    assert "建设方案已提交" in page.inner_text(".badge[data-state]")
    sign_out(page)

    app.refresh_from_db()
    starts = timezone.localdate() - datetime.timedelta(days=20)  # a notice whose five working days are over
    notice = create_notice(actor=people["bureau"], title="公示", applications=[app], contact_phone="0349-1234567",
                           starts_on=starts)
    publish_notice(actor=people["bureau"], notice=notice)

    login(page, live_server, people["bureau"])
    page.goto(url)
    click(page, final)
    app.refresh_from_db()
    assert app.state == state and app.center is not None
    assert app.center.official_name in page.content()
