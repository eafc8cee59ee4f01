"""Existing centers and a year's outputs, imported by the bureau officer through the registry's services."""

import datetime

import pytest

from tests.centers.factories import make_center
from tests.factories import OrganisationFactory
from ticms.audit.models import Event
from ticms.centers.models import Center, CenterStatus, Output

from .helpers import dry_run_page, errors_on_page, token_of, upload

pytestmark = pytest.mark.django_db


def _apply(client, kind, rows):
    response = dry_run_page(client, kind, upload(kind, rows))
    assert response.status_code == 200, errors_on_page(response)
    return client.post(f"/imports/{kind}/apply", {"token": token_of(response)})


def test_existing_centers_are_registered_with_their_recognition_number(client, bureau_officer, organisation):
    client.force_login(bureau_officer)
    rows = [
        [
            "朔州市储能技术创新中心",
            organisation.credit_code,
            "朔城区",
            "储能",
            "领域类",
            "朔科发〔2023〕15号",
            datetime.date(2023, 6, 30),
            "运行中",
        ],
        [
            "朔州市智能制造技术创新中心",
            organisation.credit_code,
            "朔城区",
            "智能制造",
            "领域类",
            "朔科发〔2024〕3号",
            datetime.date(2024, 1, 8),
            "筹建",
        ],
    ]
    assert _apply(client, "centers", rows).status_code == 302
    storage = Center.objects.get(official_name="朔州市储能技术创新中心")
    assert storage.host_unit == organisation and storage.lead_unit == organisation
    assert storage.recognized_on == datetime.date(2023, 6, 30) and storage.status == CenterStatus.ACTIVE
    assert "朔科发〔2023〕15号" in storage.status_changes.get().reason
    assert Center.objects.get(official_name="朔州市智能制造技术创新中心").status == CenterStatus.PREPARATORY
    assert Event.objects.filter(action="center.register_existing").count() == 2
    assert Event.objects.get(action="import.centers").data["rows"] == 2


def test_center_rows_are_checked_against_the_registers(client, bureau_officer, organisation, other_county):
    make_center(organisation, official_name="朔州市储能技术创新中心")
    client.force_login(bureau_officer)
    unknown = OrganisationFactory.build().credit_code
    rows = [
        [
            "朔州市储能技术创新中心",
            organisation.credit_code,
            "朔城区",
            "储能",
            "领域类",
            "朔科发〔2023〕15号",
            datetime.date(2023, 6, 30),
            "运行中",
        ],
        [
            "朔州市半导体技术创新中心",
            organisation.credit_code,
            "平鲁区",
            "半导体",
            "领域类",
            "朔科发〔2023〕16号",
            datetime.date(2023, 6, 30),
            "已撤销",
        ],
        [
            "朔州市新能源技术创新中心",
            unknown,
            "朔城区",
            "新能源",
            "综合",
            "朔科发〔2023〕17号",
            datetime.date(2023, 6, 30),
            "运行中",
        ],
        [
            "朔州市新能源技术创新中心",
            organisation.credit_code,
            "朔城区",
            "新能源",
            "领域类",
            "",
            "2023-06-30",
            "运行中",
        ],
    ]
    errors = errors_on_page(dry_run_page(client, "centers", upload("centers", rows)))
    assert "第2行「正式名称」系统中已有同名的技术创新中心，请勿重复导入。" in errors
    assert (
        f"第3行「所属县区」依托单位“{organisation.name}”登记的归口管理单位是“朔城区”，与填写的“平鲁区”不符。" in errors
    )
    assert "第3行「状态」应为“运行中”“筹建”之一，实为“已撤销”。" in errors
    assert "第4行「类别」应为“综合类”“领域类”之一，实为“综合”。" in errors
    assert (
        f"第4行「依托单位统一社会信用代码」系统中没有统一社会信用代码为“{unknown}”的单位，请先登记该单位或核对代码。"
    ) in errors
    assert "第5行「认定文号」未填写（必填）。" in errors
    assert any(e.startswith("第5行「认定日期」是文本“2023-06-30”，不是日期。") for e in errors)
    assert "第5行「正式名称」与第4行重复（同一正式名称）。" in errors
    assert not Center.objects.exclude(official_name="朔州市储能技术创新中心").exists()


def test_a_years_outputs_are_recorded_by_the_bureau(client, bureau_officer, organisation):
    center = make_center(organisation, official_name="朔州市储能技术创新中心")
    client.force_login(bureau_officer)
    rows = [
        [center.official_name, 2025, "自主知识产权", "一种储能电池热管理方法", "ZL202510000000.1", "是", None, None],
        [center.official_name, 2025, "技术转移转化", "储能控制技术许可", None, None, 120.5, "许可给某公司"],
    ]
    assert _apply(client, "outputs", rows).status_code == 302
    patent = Output.objects.get(kind=Output.Kind.IP_ASSET)
    assert patent.carries_center_name is True and patent.recorded_by == bureau_officer
    assert Output.objects.get(kind=Output.Kind.TRANSFER).income == 1205000
    assert Event.objects.filter(action="center.record_output", role="bureau_officer").count() == 2


def test_output_rules_of_the_service_show_in_the_dry_run(client, bureau_officer, organisation):
    center = make_center(organisation, official_name="朔州市储能技术创新中心")
    client.force_login(bureau_officer)
    rows = [
        [center.official_name, 2025, "自主知识产权", "未说明是否标注", None, None, None, None],
        [center.official_name, 2025, "标准", "某标准", None, None, 10, None],
        ["朔州市不存在技术创新中心", 2025, "标准", "某标准", None, None, None, None],
        [center.official_name, "二〇二五", "标准", "另一标准", None, None, None, None],
    ]
    errors = errors_on_page(dry_run_page(client, "outputs", upload("outputs", rows)))
    assert "第2行「是否标注市创中心名称」请说明该知识产权是否标注了市创中心名称（第十四条）。" in errors
    assert "第3行「转化收入（万元）」只有技术转移转化成果填写转化收入。" in errors
    assert "第4行「中心正式名称」系统中没有名为“朔州市不存在技术创新中心”的技术创新中心。" in errors
    assert "第5行「年度」应为整数，实为“二〇二五”。" in errors
    assert not Output.objects.exists()


def test_outputs_already_recorded_are_duplicates(client, bureau_officer, organisation):
    from ticms.centers.services import record_output

    center = make_center(organisation, official_name="朔州市储能技术创新中心")
    record_output(
        actor=bureau_officer, center=center, kind="standard", title="某标准", year=2025, role="bureau_officer"
    )
    client.force_login(bureau_officer)
    rows = [[center.official_name, 2025, "标准", "某标准", None, None, None, None]]
    errors = errors_on_page(dry_run_page(client, "outputs", upload("outputs", rows)))
    assert errors == ["第2行「名称」该中心该年度已登记同类型同名称的成果，请勿重复导入。"]


def test_county_officer_may_not_import_outputs(client, county_officer):
    client.force_login(county_officer)
    assert client.get("/imports/outputs/").status_code == 403
