"""Forms in Chromium: the self-check names an invalid field instead of going quiet, and the change-request form
shows only the chosen type's fields."""

import pytest
from playwright.sync_api import expect

from tests.centers.factories import make_center
from tests.factories import user_with_role
from ticms.accounts.roles import Role


def test_self_check_names_an_invalid_field_and_recovers(page, live_server):
    page.goto(f"{live_server.url}/eligibility/")
    page.fill("#id_fixed_staff", "-5")
    page.locator("#id_fixed_staff").dispatch_event("change")
    invalid = page.locator("#eligibility-invalid")
    expect(invalid).to_be_visible()
    expect(invalid).to_contain_text("不能为负数")
    page.fill("#id_fixed_staff", "20")
    page.locator("#id_fixed_staff").dispatch_event("change")
    expect(invalid).to_have_count(0)
    expect(page.locator("#eligibility [data-status]").first).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_change_request_form_shows_the_fields_of_the_chosen_type(page, live_server, login, organisation):
    bureau = user_with_role(Role.BUREAU_OFFICER)
    center = make_center(organisation, bureau=bureau)
    login(page, live_server, user_with_role(Role.APPLICANT, organisation=organisation))
    page.goto(f"{live_server.url}/centers/{center.pk}/changes/new/")
    name, unit, matter = page.locator("#id_new_name"), page.locator("#id_new_unit"), page.locator("#id_matter")
    value, target = page.locator("#id_new_value"), page.locator("#id_new_target_date")
    expect(name).to_be_visible()
    for hidden in (unit, matter, value, target):
        expect(hidden).to_be_hidden()
    page.select_option("#id_kind", "host_unit")
    expect(unit).to_be_visible()
    expect(name).to_be_hidden()
    page.select_option("#id_kind", "other")
    expect(matter).to_be_visible()
    expect(unit).to_be_hidden()
    page.select_option("#id_matter", "legal_form")
    expect(value).to_be_visible()
    expect(target).to_be_visible()
    page.select_option("#id_matter", "lead_unit")
    expect(unit).to_be_visible()
    expect(value).to_be_hidden()
    expect(page.locator("#id_reasons")).to_be_visible()
