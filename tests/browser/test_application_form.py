"""The 申请书 form in Chromium (issue 13): the section navigation jumps to a section, required fields are marked,
共建单位 are ticked in a list filtered as one types, and the page runs under the Content-Security-Policy (no
inline script or style) without asking anything of the internet."""

import pytest

from tests.applications.factories import new_application
from tests.factories import OrganisationFactory
from ticms.applications import fields as spec

pytestmark = pytest.mark.browser


def test_form_navigation_required_marks_and_partner_filter(
    page, live_server, login, foreign_requests, applicant, organisation, county
):
    wanted = OrganisationFactory(competent_unit=county, name="朔州职业技术学院")
    other = OrganisationFactory(competent_unit=county, name="晋北煤化工研究所")
    app = new_application(applicant, organisation)
    foreign = foreign_requests(page, live_server)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    login(page, live_server, applicant)
    page.goto(f"{live_server.url}/applications/{app.pk}/edit/")

    # Section headings are larger than the labels under them.
    heading = page.locator("#section-units legend.ticms-section-title")
    label = page.locator("label[for=id_independent_legal_person]")
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    assert heading.evaluate(size) > label.evaluate(size)

    # The navigation at the top leads to each section.
    page.click("#section-nav a[href='#section-integrity']")
    assert page.url.endswith("#section-integrity")
    assert page.locator("#section-integrity").is_visible()

    # Every field the spec requires to submit is marked, for the eye and for a screen reader.
    marks = page.locator("#application-form .ticms-required")
    assert marks.count() == len(spec.required())
    assert "必填" in page.inner_text("label[for=id_director]")

    # Typing part of a name leaves the matching units; a ticked one stays in view.
    page.fill("#id_partner_units_filter", "职业")
    assert page.get_by_label(wanted.name).is_visible() and not page.get_by_label(other.name).is_visible()
    page.get_by_label(wanted.name).check()
    page.fill("#id_partner_units_filter", "煤化工")
    assert page.get_by_label(wanted.name).is_visible() and page.get_by_label(other.name).is_visible()
    assert "已选 1 家" in page.inner_text("[data-picker] .form-text")
    page.press("#id_partner_units_filter", "Enter")  # Enter in the filter does not submit the form
    assert "/edit/" in page.url and "申请书已保存" not in page.content()

    page.click("button[name=save]")
    page.wait_for_load_state()
    assert "申请书已保存" in page.content()
    assert list(app.partner_units.all()) == [wanted]
    assert foreign == [] and refused == []
