"""May this user edit this public notice? The bureau, while it is a draft (Art. 5, 9(4))."""

import pytest
from django.core.exceptions import PermissionDenied

from ticms.errors import ServiceError
from ticms.notices import services
from ticms.notices.rights import may_edit

from .factories import draft_notice

pytestmark = pytest.mark.django_db


def test_bureau_marks_items_of_a_draft(client, bureau_officer):
    notice = draft_notice(bureau_officer)
    assert may_edit(bureau_officer, notice) == (True, None)
    client.force_login(bureau_officer)
    assert "/mark/" in client.get(notice.get_absolute_url()).content.decode()
    item = notice.items.get()
    services.mark_item(actor=bureau_officer, item=item, proposed="preparatory")


def test_published_notice_is_fixed_with_the_reason(client, bureau_officer):
    notice = services.publish_notice(actor=bureau_officer, notice=draft_notice(bureau_officer))
    allowed, reason = may_edit(bureau_officer, notice)
    assert not allowed and reason.article == "9(4)"
    with pytest.raises(ServiceError) as exc:
        services.mark_item(actor=bureau_officer, item=notice.items.get(), proposed="preparatory")
    assert exc.value.status == 409 and "（第九条第（四）项）" in exc.value.detail
    client.force_login(bureau_officer)
    assert "/mark/" not in client.get(notice.get_absolute_url()).content.decode()
    assert client.get(f"/api/v1/notices/{notice.pk}").json()["may_edit"]["reason"]["code"] == "notice_published"


def test_others_may_not_edit_a_draft(bureau_officer, applicant, county_officer):
    notice = draft_notice(bureau_officer)
    for user in (applicant, county_officer):
        assert may_edit(user, notice)[1].code == "forbidden"
        with pytest.raises(PermissionDenied):
            services.mark_item(actor=user, item=notice.items.get(), proposed="preparatory")
