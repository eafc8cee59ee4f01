import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from ticms.audit.models import Event
from ticms.policy import calendar
from ticms.policy.models import CalendarDay, CalendarYear

from .factories import PROVINCE

pytestmark = pytest.mark.django_db


def test_policy_page_is_public_and_shows_the_file_values(client):
    response = client.get(reverse("policy"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "朔州市技术创新中心管理办法" in page
    assert "2029年12月31日" in page  # expiry, Art. 18
    assert "科研团队固定人员不少于" in page and "15人" in page
    assert "200万元（2,000,000元）" in page
    assert "朔州市××技术创新中心（××为所属产业领域）" in page and "{field}" not in page
    assert "<code>min_fixed_staff" not in page and "政策文件: shuozhou" not in page  # no codes or slugs on screen
    assert "现代生物（中）医药和大健康" in page and "有机旱作农业和现代农业" in page
    assert "建设方案可行性" in page
    assert 'data-rule="rd_investment_3y"' in page and "近三年研发总投入达到要求" in page
    assert "第八条第（三）项" in page
    assert 'id="expiry-warning"' not in page


def test_policy_page_follows_another_policy_file(client):
    with override_settings(TICMS_POLICY_FILE=str(PROVINCE)):
        page = client.get(reverse("policy")).content.decode()
    assert "某省技术创新中心建设与运行管理办法（示例）" in page
    assert "氢能" in page and "1000平方米" in page


def test_policy_page_warns_when_expiry_is_near(client):
    with mock.patch("ticms.policy.views.timezone.localdate", return_value=datetime.date(2029, 9, 1)):
        page = client.get(reverse("policy")).content.decode()
    assert 'id="expiry-warning"' in page and "121" in page


def test_policy_page_shows_a_broken_file_without_a_500(client, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("metadata: {}\n", "utf-8")
    with override_settings(TICMS_POLICY_FILE=str(broken)):
        response = client.get(reverse("policy"))
    assert response.status_code == 503
    assert "metadata.jurisdiction" in response.content.decode()


def test_calendar_page_needs_sign_in(client):
    response = client.get(reverse("calendar_admin"))
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("role", ["bureau_officer", "applicant", "security_admin", "audit_admin"])
def test_calendar_page_is_refused_to_other_roles(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("calendar_admin")).status_code == 403
    assert client.post(reverse("calendar_admin"), {"year": 2027, "text": "2027-01-01,休"}).status_code == 403
    assert not CalendarYear.objects.exists()


def test_calendar_page_lists_known_years(client, system_admin):
    client.force_login(system_admin)
    response = client.get(reverse("calendar_admin"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-year="2026" data-source="package"' in page
    assert "2027" in page  # the first unknown year


def test_system_admin_enters_a_year_by_pasting_lines_and_it_is_used(client, system_admin):
    client.force_login(system_admin)
    text = "2027-01-01,休,元旦\n2027-02-06,班,春节调休\n"
    response = client.post(reverse("calendar_admin"), {"year": 2027, "text": text, "source": "国办发明电"})
    assert response.status_code == 302
    entry = CalendarYear.objects.get(year=2027)
    assert entry.entered_by == system_admin and entry.source == "国办发明电"
    assert calendar.period_end(datetime.date(2026, 12, 28), 5) == datetime.date(2027, 1, 4)
    assert Event.objects.filter(action="calendar.import_year", actor=system_admin).count() == 1
    page = client.get(reverse("calendar_admin")).content.decode()
    assert 'data-year="2027" data-source="entered"' in page


def test_system_admin_uploads_a_gbk_csv(client, system_admin):
    client.force_login(system_admin)
    upload = SimpleUploadedFile("2027.csv", "date,type,note\n2027-01-01,休,元旦\n".encode("gbk"), "text/csv")
    response = client.post(reverse("calendar_admin"), {"year": 2027, "file": upload})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=datetime.date(2027, 1, 1)).note == "元旦"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-02-30,休", "第1行：日期“2027-02-30”无效"),
        ("2027-01-01,休\n2026-10-01,休", "第2行：日期2026-10-01不在2027年内。"),
        ("2027-01-01,休\n2027-01-01,班", "第2行：日期2027-01-01重复（第1行已填写）。"),
        ("2027-01-01,maybe", "第1行：类型“maybe”无法识别"),
    ],
)
def test_bad_lines_are_shown_in_chinese_and_nothing_is_written(client, system_admin, text, message):
    client.force_login(system_admin)
    response = client.post(reverse("calendar_admin"), {"year": 2027, "text": text})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not CalendarYear.objects.exists() and not CalendarDay.objects.exists()


def test_a_form_without_lines_or_year_is_refused_without_a_500(client, system_admin):
    client.force_login(system_admin)
    assert client.post(reverse("calendar_admin"), {"year": "", "text": ""}).status_code == 422
    assert client.post(reverse("calendar_admin"), {"year": "abc", "text": "2027-01-01,休"}).status_code == 422
    binary = SimpleUploadedFile("x.csv", bytes(range(256)) * 4, "text/csv")
    assert client.post(reverse("calendar_admin"), {"year": 2027, "file": binary}).status_code == 422
    assert not CalendarYear.objects.exists()
