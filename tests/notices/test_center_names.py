"""The name a center will get is settled on the notice (Art. 9(4)): 朔州市××技术创新中心, free, public before
recognition — so a second center in a field that already has one is not stuck at recognition."""

import pytest

from ticms.applications import services as applications
from ticms.errors import ServiceError
from ticms.notices.models import PublicNotice

from ..centers.factories import make_center
from .factories import draft_notice, ended_notice, ready_application

pytestmark = pytest.mark.django_db
TAKEN = "朔州市碳基新材料技术创新中心"


@pytest.fixture
def existing_center(organisation, bureau_officer):
    return make_center(organisation, field="碳基新材料", official_name=TAKEN, bureau=bureau_officer)


def test_a_name_already_held_by_a_center_is_refused_naming_both(existing_center, bureau_officer):
    app = ready_application()
    with pytest.raises(ServiceError) as exc:
        draft_notice(bureau_officer, [app])
    assert exc.value.error == "center_name_taken" and TAKEN in exc.value.detail and str(app) in exc.value.detail
    assert not PublicNotice.objects.exists()


def test_two_items_of_one_notice_cannot_share_a_name(bureau_officer):
    with pytest.raises(ServiceError) as exc:
        draft_notice(bureau_officer, [ready_application(), ready_application()])
    assert exc.value.error == "center_name_taken" and "本公示中的另一项" in exc.value.detail


def test_a_name_off_the_pattern_is_refused(bureau_officer):
    with pytest.raises(ServiceError) as exc:
        draft_notice(bureau_officer, [app := ready_application()], center_names={app.pk: "碳纤维创新中心"})
    assert exc.value.error == "center_name_invalid" and "朔州市××技术创新中心" in exc.value.detail


def test_the_chosen_name_is_published_and_given_on_recognition(existing_center, bureau_officer):
    app = ready_application()
    chosen = "朔州市碳纤维复合材料技术创新中心"
    notice = ended_notice(bureau_officer, [app], center_names={app.pk: chosen})
    assert notice.items.get().center_name == chosen
    app.refresh_from_db()
    app = applications.transition_application(actor=bureau_officer, application=app, name="recognize")
    assert app.center.official_name == chosen and app.center.field == "碳基新材料"


def test_the_notice_page_proposes_the_default_name_and_takes_another(client, existing_center, bureau_officer):
    app = ready_application()
    client.force_login(bureau_officer)
    form = client.get("/notices/new/").content.decode()
    assert f'name="center_name_{app.pk}"' in form and f'value="{TAKEN}"' in form
    data = {"title": "关于拟认定的公示", "starts_on": "2026-06-15", "contact_phone": "0349-1234567",
            f"include_{app.pk}": "on", f"proposed_{app.pk}": "recognize"}
    refused = client.post("/notices/new/", data)
    assert refused.status_code == 200 and "已被已认定的中心使用" in refused.content.decode()
    ok = client.post("/notices/new/", {**data, f"center_name_{app.pk}": "朔州市碳纤维技术创新中心"})
    assert ok.status_code == 302
    assert PublicNotice.objects.get().items.get().center_name == "朔州市碳纤维技术创新中心"


def test_the_api_takes_center_names(client, existing_center, bureau_officer):
    app = ready_application()
    client.force_login(bureau_officer)
    body = {"title": "公示", "application_ids": [app.pk], "contact_phone": "0349-1234567",
            "starts_on": "2026-06-15"}
    refused = client.post("/api/v1/notices", body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["error"] == "center_name_taken"
    made = client.post("/api/v1/notices", {**body, "center_names": {str(app.pk): "朔州市碳纤维技术创新中心"}},
                       content_type="application/json")
    assert made.status_code == 201 and made.json()["items"][0]["center_name"] == "朔州市碳纤维技术创新中心"
