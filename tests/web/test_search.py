"""站内搜索: the portal's one box finds calls, published notices and centers, and nothing the public may not read."""

import datetime

import pytest
from django.utils import timezone

from tests.centers.factories import make_center
from ticms.calls import services as calls
from ticms.notices.models import PublicNotice

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(bureau_officer, organisation):
    today = timezone.localdate()
    call = calls.publish_call(actor=bureau_officer, title="关于申报2026年度储能领域技术创新中心的通知", year=2026,
                              opens=today, closes=today + datetime.timedelta(days=20), fields=[], text="正文")
    center = make_center(organisation, field="储能", bureau=bureau_officer)
    draft = PublicNotice.objects.create(title="储能中心拟认定公示（草稿）", starts_on=today,
                                        ends_on=today + datetime.timedelta(days=7), created_by=bureau_officer)
    return call, center, draft


def test_search_finds_calls_and_centers_by_a_word(client, records):
    call, center, draft = records
    page = client.get("/search/", {"q": "储能"}).content.decode()
    assert call.title in page and center.official_name in page
    assert f"/centers/{center.pk}/" in page  # the public record, not the back office's
    assert draft.title not in page  # a draft notice is not public


def test_a_signed_in_officer_searches_as_the_public_does(client, bureau_officer, records):
    client.force_login(bureau_officer)
    page = client.get("/search/", {"q": "草稿"}).content.decode()
    assert records[2].title not in page and "没有找到相关内容" in page


def test_search_box_is_on_the_portal_and_an_empty_query_explains_itself(client, db):
    page = client.get("/").content.decode()
    assert 'action="/search/"' in page and 'for="ticms-search"' in page
    assert "可搜索建设通知" in client.get("/search/").content.decode()


def test_a_long_query_is_cut_not_refused(client, records):
    response = client.get("/search/", {"q": "储" * 500})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_search_queries_do_not_grow_with_matches(client, bureau_officer, organisation, size,
                                                 django_assert_max_num_queries):
    today = timezone.localdate()
    for i in range(size):
        calls.publish_call(actor=bureau_officer, title=f"储能通知{i}", year=2026, opens=today,
                           closes=today + datetime.timedelta(days=20), fields=[], text="正文")
        make_center(organisation, field="储能", bureau=bureau_officer)
    with django_assert_max_num_queries(8):  # session, then one query per kind: ten rows shown, the rest linked
        page = client.get("/search/", {"q": "储能"}).content.decode()
    assert "在建设通知中查看全部结果" in page if size > 10 else "储能通知0" in page
