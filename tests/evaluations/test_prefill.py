"""Opening a round prefills each evaluation's indicator data from the center's outputs registry (Art. 14, 16)."""

import pytest

from ticms.audit.models import Event
from ticms.centers.services import record_output
from ticms.evaluations import services

from .factories import open_round

pytestmark = pytest.mark.django_db


def output(applicant, center, kind, year, **kw):
    extra = {"carries_center_name": True} if kind == "ip_asset" else {}
    return record_output(actor=applicant, center=center, kind=kind, title=f"{kind}{year}", year=year,
                         **extra, **kw)


def test_round_prefills_counts_and_transfer_income_year_by_year(bureau_officer, applicant, center, this_year):
    y1, y3 = this_year - 3, this_year - 1
    output(applicant, center, "ip_asset", y1)
    output(applicant, center, "ip_asset", y1)
    output(applicant, center, "ip_asset", y3)
    output(applicant, center, "transfer", y3, income="125000")  # yuan, as the service stores it
    output(applicant, center, "transfer", y3, income="75000")
    output(applicant, center, "incubated_sme", y3)
    output(applicant, center, "key_technology", y1)
    output(applicant, center, "standard", y3)                   # no data field of its own
    output(applicant, center, "ip_asset", this_year)            # outside the data years

    evaluation = open_round(bureau_officer, this_year).evaluations.get(center=center)

    assert evaluation.data_years == [y1, this_year - 2, y3]
    assert evaluation.indicator_data == {
        str(y1): {"ip_assets": 2, "key_technologies": 1},
        str(y3): {"ip_assets": 1, "transfers": 2, "transfer_income": "200000.00", "incubated_smes": 1},
    }
    shown = services.indicator_data_for_form(evaluation)
    assert shown[str(y3)]["transfer_income"] == "20"
    assert shown[str(this_year - 2)]["ip_assets"] is None  # nothing recorded: left for the host unit, not 0
    opened = Event.objects.get(action="evaluationround.open")
    assert opened.data["prefilled_from_registry"] == [center.pk]


def test_prefilled_figures_are_the_host_units_to_correct(bureau_officer, applicant, center, this_year):
    output(applicant, center, "ip_asset", this_year - 1)
    evaluation = open_round(bureau_officer, this_year).evaluations.get(center=center)
    services.update_materials(actor=applicant, evaluation=evaluation,
                              indicator_data={str(this_year - 1): {"ip_assets": "3", "transfers": ""}})
    evaluation.refresh_from_db()
    assert evaluation.indicator_data[str(this_year - 1)] == {"ip_assets": 3}


def test_a_center_with_no_outputs_starts_empty(bureau_officer, center, other_center, applicant, this_year):
    output(applicant, center, "ip_asset", this_year - 1)
    rnd = open_round(bureau_officer, this_year)
    assert rnd.evaluations.get(center=other_center).indicator_data == {}


def test_the_materials_page_says_what_was_prefilled(client, bureau_officer, applicant, center, this_year):
    output(applicant, center, "ip_asset", this_year - 1)
    evaluation = open_round(bureau_officer, this_year).evaluations.get(center=center)
    client.force_login(applicant)
    page = client.get(f"/evaluations/{evaluation.pk}/materials/").content.decode()
    assert "已按本中心在成果登记中录入的年度成果预填" in page
    assert f'name="{this_year - 1}__ip_assets" id="id_{this_year - 1}__ip_assets" value="1"' in page
