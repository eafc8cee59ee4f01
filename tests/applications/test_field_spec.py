"""Every field of the 申请书 is declared once (ticms.applications.fields); these tests read that list and check that
the form, the API, the record page, the version differences, the XLSX export and the 申报书 all carry each field —
so a field added to the spec (with its model field and migration) shows up everywhere, or a test here says where
it does not."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from ticms.accounts.models import Membership
from ticms.accounts.roles import Role
from ticms.applications import fields as spec
from ticms.applications import services, versions
from ticms.applications.fields import Kind
from ticms.applications.forms import ApplicationForm
from ticms.applications.validation import clean_value
from ticms.documents import services as documents
from ticms.workflow.core import WorkflowError

from ..documents.reading import docx_text, flat
from ..exports.helpers import column, table
from .factories import COMPLETE_FACTS, complete_application, new_application, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_organisation(county):
    from ..factories import OrganisationFactory

    return OrganisationFactory(competent_unit=county, name="朔州第三科技有限公司")


def _other(f: spec.Field, value):
    """A valid value of `f` different from `value`, for any kind the spec knows."""
    if f.kind in (Kind.TEXT, Kind.LONG_TEXT):
        return (value or "")[: (f.max_length or 100) - 3] + "（改）"
    if f.kind == Kind.CHOICE:
        options = f.choices() if f.choices else [c for c, _ in spec_choices(f)]
        return next(o for o in options if o != value)
    if f.kind == Kind.MONEY:
        return (value or Decimal(0)) + Decimal("12345.67")
    if f.kind in (Kind.COUNT, Kind.NUMBER):
        return (value or 0) + 1
    if f.kind in (Kind.TRI_STATE, Kind.DECLARATION):
        return not value
    if f.kind == Kind.DATE:
        return datetime.date(2020, 1, 1) if value != datetime.date(2020, 1, 1) else datetime.date(2021, 1, 1)
    raise AssertionError(f"no sample value for {f.kind}")


def spec_choices(f: spec.Field):
    from ticms.applications.models import Application

    return Application._meta.get_field(f.name).choices


def test_spec_names_are_model_fields_and_unique():
    from ticms.applications.models import Application

    names = [f.name for f in spec.FIELDS]
    assert len(names) == len(set(names))
    for name in names:
        Application._meta.get_field(name)  # raises when the migration is missing
    assert {s.key for s in spec.SECTIONS} and len({s.key for s in spec.SECTIONS}) == len(spec.SECTIONS)


def test_form_has_every_spec_field_in_its_section_with_required_marks(
    client, applicant, organisation, other_organisation
):
    app = new_application(applicant, organisation)
    form = ApplicationForm(application=app, user=applicant)
    assert [f.name for s in form.sections() for f in s["fields"]] == [f.name for f in spec.FIELDS]
    client.force_login(applicant)
    html = client.get(f"/applications/{app.pk}/edit/").content.decode()
    for s in spec.SECTIONS:
        assert f'id="section-{s.key}"' in html and f'href="#section-{s.key}"' in html
    for f in spec.FIELDS:
        assert f'name="{f.name}"' in html, f.name
        if f.kind == Kind.ORGANISATIONS:  # a checkbox list is a group: its name is the legend
            label = re.search(rf"<legend[^>]*>({re.escape(f.label)}.*?)</legend>", html, re.S)
        else:
            label = re.search(rf'<label[^>]*for="id_{f.name}"[^>]*>(.*?)</label>', html, re.S)
        assert label and (f.prompt or f.label_for(app.year)) in label.group(1), f.name
        assert ("ticms-required" in label.group(1)) is f.required, f.name
        assert ("（必填）" in label.group(1)) is f.required, f.name


def test_api_schema_takes_every_editable_field_and_answers_every_field(client, applicant, organisation):
    client.force_login(applicant)
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    facts_in = schemas["FactsIn"]["properties"]
    create_in = schemas["ApplicationCreateIn"]["properties"]
    for f in spec.FIELDS:
        if f.editable:
            assert f.api_name in facts_in and f.api_name in create_in, f.name
    assert "lead_unit_id" in create_in  # chosen once, when the application is created
    app = new_application(applicant, organisation)
    body = client.get(f"/api/v1/applications/{app.pk}").json()
    assert {f.name for f in spec.FIELDS} <= set(body)


def test_record_page_shows_every_field_under_its_section(client, applicant, organisation, other_organisation):
    app = complete_application(applicant, organisation)
    services.update_application(actor=applicant, application=app, changes={}, partner_unit_ids=[other_organisation.pk])
    client.force_login(applicant)
    html = client.get(f"/applications/{app.pk}/").content.decode()
    for s in spec.SECTIONS:
        assert f'id="section-{s.key}">{s.title}<' in html
    for f in spec.FIELDS:
        assert f'data-field="{f.name}"' in html and f.label_for(app.year) in html, f.name
    assert "300.00 万元" in html and other_organisation.name in html and "2025年研发投入（万元）" in html


def test_a_change_of_every_editable_field_shows_in_the_version_difference(
    applicant, organisation, other_organisation, third_organisation, county_officer
):
    # The applicant also works for a second unit, which may host the center.
    Membership.objects.create(user=applicant, role=Role.APPLICANT, organisation=third_organisation)
    app = submitted_application(applicant, organisation)
    app = services.transition_application(actor=county_officer, application=app, name="county_return", comment="改")
    changes = {
        f.name: _other(f, getattr(app, f.name))
        for f in spec.editable()
        if f.kind not in (Kind.ORGANISATION, Kind.ORGANISATIONS)
    }
    changes["integrity_declaration"] = True  # stays signed, so the application can be submitted again
    changes["requests_preparatory"] = True
    services.update_application(
        actor=applicant,
        application=app,
        changes=changes,
        partner_unit_ids=[other_organisation.pk],
        host_unit_id=third_organisation.pk,
    )
    app.refresh_from_db()
    try:
        services.transition_application(actor=applicant, application=app, name="submit")
    except WorkflowError as exc:  # the changed field may be outside the policy's list: the version is what counts
        pytest.fail(f"resubmission refused: {exc.reasons}")
    old, new = app.versions.order_by("number")
    rows = {r["field"]: r for r in versions.diff(old, new)}
    expected = {f.name for f in spec.editable()} - {"integrity_declaration"}
    assert expected <= set(rows)
    for name in expected:
        assert rows[name]["label"] == spec.get(name).full_label
    assert rows["equipment_value"]["after_text"].endswith("万元")
    assert set(versions.LABELS) >= {f.name for f in spec.FIELDS}


def test_export_has_a_column_for_every_exported_field(
    client, bureau_officer, applicant, organisation, other_organisation, third_organisation
):
    app = complete_application(applicant, organisation)
    services.update_application(
        actor=applicant, application=app, changes={}, partner_unit_ids=[other_organisation.pk, third_organisation.pk]
    )
    client.force_login(applicant)
    header, rows = table(client.get("/applications/?format=xlsx"))
    for f in spec.exported():
        assert f.full_label in header, f.name
    assert len(rows) == 1  # the two partners make one row, not two
    assert column(header, rows, "共建单位") == ["、".join(sorted([other_organisation.name, third_organisation.name]))]
    assert column(header, rows, "研发投入（前第三年，万元）") == [80.0]
    assert column(header, rows, "牵头单位具有独立法人资格") == ["是"]
    assert {f.kind for f in spec.FIELDS if not f.exported} == {Kind.LONG_TEXT}


def test_application_form_document_lists_every_field(applicant, organisation):
    app = complete_application(applicant, organisation)
    doc = documents.issue_document(actor=applicant, kind="application_form", record=app)
    with doc.docx.open("rb") as fh:
        text = flat(docx_text(fh.read()))
    for f in spec.FIELDS:
        assert flat(f.label_for(app.year)) in text, f.name
    assert COMPLETE_FACTS["construction_plan"] in text and "300.00万元" in text


def test_facts_feed_the_art_8_rules_named_in_the_spec(applicant, organisation):
    from ticms.applications.eligibility import eligibility_for

    app = complete_application(applicant, organisation)
    results = {r.code: r.status for r in eligibility_for(app)}
    assert results["fixed_staff"] == "met" and results["rd_investment_3y"] == "met"
    app.fixed_staff = 3
    assert {r.code: r.status for r in eligibility_for(app)}["fixed_staff"] == "not_met"
    assert {f.fact for f in spec.fact_fields()} >= {
        "fixed_staff",
        "rd_investment",
        "credit_code",
        "integrity_record_clean",
        "field",
    }


def test_submit_names_each_missing_required_field_from_the_spec(applicant, organisation):
    app = new_application(applicant, organisation)
    with pytest.raises(WorkflowError) as exc:
        services.transition_application(actor=applicant, application=app, name="submit")
    codes = {r.code for r in exc.value.reasons}
    assert {f"missing_{f.name}" for f in spec.required() if not f.checked_by} <= codes
    assert "申请书未填写“2023年研发投入（万元）”。" in [r.message for r in exc.value.reasons]


def test_a_date_field_is_checked_like_the_others():
    f = spec.Field("founded_on", "成立日期", Kind.DATE)
    errors: dict = {}
    assert clean_value(f, "2026-01-31", errors) == datetime.date(2026, 1, 31) and not errors
    clean_value(f, "2026-02-30", errors)
    assert "日期" in errors["founded_on"]


def test_upload_hint_names_the_limit_uploads_are_checked_against(client, settings, applicant, organisation):
    settings.TICMS_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    for url in (f"/applications/{app.pk}/edit/", f"/applications/{app.pk}/"):
        assert "单个文件不超过 5.0 MB" in client.get(url).content.decode()


def test_partner_units_are_a_checkbox_list_and_saved_from_the_form(client, applicant, organisation, other_organisation):
    app = new_application(applicant, organisation)
    client.force_login(applicant)
    html = client.get(f"/applications/{app.pk}/edit/").content.decode()
    assert f'type="checkbox" name="partner_units" value="{other_organisation.pk}"' in html
    assert '<select name="partner_units"' not in html and "data-picker-filter" in html
    data = {"category": "domain", "host_unit": organisation.pk, "partner_units": [other_organisation.pk], "save": "1"}
    assert client.post(f"/applications/{app.pk}/edit/", data).status_code == 302
    assert list(app.partner_units.all()) == [other_organisation]


def test_saving_the_form_leaves_the_integrity_time_and_lead_unit_alone(
    client, applicant, organisation, other_organisation
):
    app = complete_application(applicant, organisation)
    signed = app.integrity_signed_at
    client.force_login(applicant)
    data = {
        "category": "domain",
        "host_unit": organisation.pk,
        "lead_unit": other_organisation.pk,
        "integrity_declaration": "on",
        "integrity_signer": "李法人",
        "integrity_signed_at": "2000-01-01",
        "save": "1",
    }
    assert client.post(f"/applications/{app.pk}/edit/", data).status_code == 302
    app.refresh_from_db()
    assert app.lead_unit == organisation and app.integrity_signed_at == signed
    assert signed is not None and signed <= timezone.now()
