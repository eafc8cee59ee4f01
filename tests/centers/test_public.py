"""The public directory and center page: one query per page, filters, no personal data (docs/registry.md)."""

import pytest

from ticms.centers import operations, services
from ticms.centers.models import CenterStatus

from .factories import make_center

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_centers(organisation, other_organisation, bureau_officer):
    centers = [make_center(organisation, bureau=bureau_officer) for _ in range(12)]
    centers += [make_center(other_organisation, bureau=bureau_officer, status="preparatory") for _ in range(6)]
    return centers


def test_directory_is_one_query_per_page(client, many_centers, django_assert_max_num_queries):
    # the newest audit event (ticms.totals) + count + page; sessions/auth add nothing for an anonymous visitor.
    with django_assert_max_num_queries(4):
        response = client.get("/centers/")
    assert response.status_code == 200
    assert response.content.decode().count("/centers/") >= 18


def test_directory_filters_by_county_and_status(client, many_centers, other_county):
    page = client.get("/centers/", {"county": other_county.pk, "status": "preparatory"}).content.decode()
    shown = [c for c in many_centers if c.official_name in page]
    assert shown and all(c.host_unit.competent_unit_id == other_county.pk for c in shown)
    assert all(c.status == CenterStatus.PREPARATORY for c in shown)


def test_directory_filters_by_field_and_category(client, center, other_center):
    page = client.get("/centers/", {"field": "新能源", "category": "domain"}).content.decode()
    assert other_center.official_name in page
    assert center.official_name not in page


def test_bad_filter_values_do_not_break_the_page(client, center):
    response = client.get("/centers/", {"county": "abc", "status": "nonsense", "page": "999"})
    assert response.status_code == 200


def test_public_page_shows_no_person_and_no_phone(client, center, applicant, bureau_officer):
    filing = operations.submit_filing(actor=applicant, center=center, kind="director", person_name="张秘密",
                                      person_title="研究员", appointed_on="2025-01-01")
    operations.transition_filing(actor=bureau_officer, filing=filing, name="acknowledge")
    applicant.phone = "13800000000"
    applicant.save()
    services.update_profile(actor=applicant, center=center, changes={"board": "理事长 王董事"})
    services.change_status(actor=bureau_officer, center=center, transition="revoke", comment="内部原因：王某失联")
    page = client.get(f"/centers/{center.pk}/").content.decode()
    assert center.official_name in page
    for private in ("张秘密", "13800000000", "王董事", "王某失联", str(applicant), str(bureau_officer)):
        assert private not in page


def test_public_page_shows_name_history(client, center, applicant, county_officer, bureau_officer):
    cr = operations.create_change_request(actor=applicant, center=center, kind="rename",
                                          new_name="朔州市新型储能技术创新中心", reasons="改名")
    for user, name in ((applicant, "submit"), (county_officer, "county_agree"), (bureau_officer, "approve")):
        cr = operations.transition_change(actor=user, change_request=cr, name=name)
    page = client.get(f"/centers/{center.pk}/").content.decode()
    assert "朔州市新型储能技术创新中心" in page and "朔州市储能技术创新中心" in page


def test_public_api_lists_public_fields_only(client, center):
    data = client.get("/api/v1/centers/public").json()
    assert [d["official_name"] for d in data] == [center.official_name]
    assert "director" not in data[0] and "charter" not in data[0]


def test_anonymous_gets_401_from_scoped_api(client, center):
    assert client.get("/api/v1/centers").status_code == 401
    assert client.get(f"/api/v1/centers/{center.pk}").status_code == 401
