"""专家库 import: the bureau officer uploads, reads every problem by row and column, then applies all rows."""

import pytest
from django.db import connection

from tests.factories import OrganisationFactory, make_credit_code
from ticms.audit.models import Event
from ticms.reviews.models import Expert

from .helpers import dry_run_page, errors_on_page, token_of, upload

pytestmark = pytest.mark.django_db


def test_bureau_officer_imports_experts_with_sealed_contacts_and_ties(client, bureau_officer, county):
    unit = OrganisationFactory(competent_unit=county, name="朔州理工学院")
    tied = OrganisationFactory(competent_unit=county)
    client.force_login(bureau_officer)
    rows = [
        [
            "王建国",
            "",
            unit.credit_code,
            "教授",
            "碳基新材料、储能",
            "13800000001",
            "wang@example.com",
            tied.credit_code,
        ],
        ["李梅", "太原理工大学", None, "研究员", "智能制造", None, None, None],
    ]
    response = dry_run_page(client, "experts", upload("experts", rows))
    assert response.status_code == 200
    assert "全部 2 行校验通过" in response.content.decode()
    assert Expert.objects.count() == 0  # a dry run writes nothing

    response = client.post("/imports/experts/apply", {"token": token_of(response)})
    assert response.status_code == 302
    wang = Expert.objects.get(name="王建国")
    assert wang.organisation == unit and wang.fields == ["储能", "碳基新材料"]
    assert list(wang.declared_ties.all()) == [tied]
    assert wang.phone == "13800000001"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM reviews_expert WHERE id = %s", [wang.pk])
        assert "13800000001" not in cursor.fetchone()[0]  # sealed with SM4 at rest
    assert Expert.objects.get(name="李梅").organisation_text == "太原理工大学"
    event = Event.objects.get(action="import.experts")
    assert event.data["rows"] == 2 and len(event.data["file_sm3"]) == 64


def test_problems_are_listed_by_row_and_column(client, bureau_officer):
    client.force_login(bureau_officer)
    good = make_credit_code()
    bad_code = good[:17] + ("0" if good[17] != "0" else "1")
    rows = [
        ["张三", "某大学", None, "教授", "储能", "13800000002", "not-an-email", None],
        ["", "某大学", None, "教授", "量子计算", None, None, None],
        ["赵六", "某大学", bad_code, "教授", "储能", None, None, None],
    ]
    response = dry_run_page(client, "experts", upload("experts", rows))
    assert response.status_code == 422
    errors = errors_on_page(response)
    assert "第2行「电子邮箱」“not-an-email”不是有效的电子邮箱地址。" in errors
    assert "第3行「姓名」未填写（必填）。" in errors
    assert any(e.startswith("第3行「擅长领域」“量子计算”不是政策文件中的产业集群") for e in errors)
    assert any(e.startswith("第4行「工作单位统一社会信用代码」校验位不正确") for e in errors)
    assert "确认导入" not in response.content.decode()


def test_unknown_tie_and_duplicates_in_file_and_database(client, bureau_officer, organisation):
    from ticms.reviews.services import create_expert

    create_expert(actor=bureau_officer, name="周七", fields=["储能"], organisation_text="某大学")
    client.force_login(bureau_officer)
    unknown = make_credit_code()
    rows = [
        ["钱八", "某大学", None, "", "储能", None, None, unknown],
        ["钱八", "某大学", None, "", "储能", None, None, None],
        ["周七", "某大学", None, "", "储能", None, None, None],
    ]
    errors = errors_on_page(dry_run_page(client, "experts", upload("experts", rows)))
    assert (
        f"第2行「回避单位统一社会信用代码」系统中没有统一社会信用代码为“{unknown}”的单位，请先登记该单位或核对代码。"
    ) in errors
    assert "第3行「姓名」与第2行重复（同一姓名和工作单位）。" in errors
    assert any(e.startswith("第4行「姓名」专家库中已有该专家") for e in errors)


def test_only_the_bureau_officer_may_import_experts(client, applicant, system_admin):
    for user in (applicant, system_admin):
        client.force_login(user)
        assert client.get("/imports/experts/").status_code == 403
        assert client.post("/imports/experts/", {"file": upload("experts", [])}).status_code == 403
