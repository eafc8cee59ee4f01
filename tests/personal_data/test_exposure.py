"""Who sees a phone in full: masked in lists and the API, in full where the bureau must call back — audited —
and never in the audit log itself."""

import json

import pytest

from ticms.audit.models import Event
from ticms.notices import services
from ticms.notices.models import Objection
from ticms.reviews import services as reviews

from ..notices.factories import published_notice
from .helpers import EMAIL, OBJECTION, PHONE

pytestmark = pytest.mark.django_db
MASKED = "139****5678"


def objection(bureau_officer):
    return services.raise_objection(item=published_notice(bureau_officer).items.get(), ip="10.0.0.9", **OBJECTION)


def reveals():
    return list(Event.objects.filter(action="personal_data.reveal").values_list("data", flat=True))


def test_the_objections_api_masks_phones(client, bureau_officer):
    objection(bureau_officer)
    client.force_login(bureau_officer)
    body = client.get("/api/v1/objections").json()
    assert body[0]["phone"] == MASKED and PHONE not in json.dumps(body)
    assert reveals() == []


def test_the_bureau_reveals_phones_in_the_api_and_the_read_is_audited(client, bureau_officer):
    o = objection(bureau_officer)
    client.force_login(bureau_officer)
    body = client.get("/api/v1/objections?reveal=1").json()
    assert body[0]["phone"] == PHONE
    [data] = reveals()
    assert data["ids"] == [o.pk] and data["fields"] == ["phone"] and data["model"] == "notices.objection"


def test_the_objection_list_page_hides_the_phone_the_detail_page_shows_it_and_audits(client, bureau_officer):
    o = objection(bureau_officer)
    client.force_login(bureau_officer)
    assert PHONE not in client.get("/notices/objections/").content.decode()
    assert reveals() == []
    assert PHONE in client.get(f"/notices/objections/{o.pk}/").content.decode()
    assert [d["ids"] for d in reveals()] == [[o.pk]]
    event = Event.objects.get(action="personal_data.reveal")
    assert event.actor == bureau_officer


def test_opening_an_experts_edit_page_is_an_audited_read(client, bureau_officer):
    expert = reviews.create_expert(actor=bureau_officer, name="张专家", fields=["新材料"], phone=PHONE, email=EMAIL)
    client.force_login(bureau_officer)
    assert PHONE in client.get(f"/reviews/experts/{expert.pk}/edit/").content.decode()
    assert [(d["model"], d["ids"]) for d in reveals()] == [("reviews.expert", [expert.pk])]


def test_an_experts_phone_and_email_never_enter_the_audit_log(bureau_officer):
    expert = reviews.create_expert(actor=bureau_officer, name="张专家", fields=["新材料"], phone=PHONE, email=EMAIL)
    reviews.update_expert(actor=bureau_officer, expert=expert, phone="13700001111")
    logged = json.dumps(list(Event.objects.values_list("data", flat=True)), ensure_ascii=False)
    assert PHONE not in logged and EMAIL not in logged and "13700001111" not in logged
    change = Event.objects.get(action="expert.update").data["changes"]["phone"]
    # A keyed reference tells that the phone changed, not what it is.
    assert change["before"].startswith("ref:") and change["before"] != change["after"]


def test_an_objectors_phone_never_enters_the_audit_log(bureau_officer):
    objection(bureau_officer)
    assert PHONE not in json.dumps(list(Event.objects.values_list("data", flat=True)))
    assert Objection.objects.get().phone == PHONE
