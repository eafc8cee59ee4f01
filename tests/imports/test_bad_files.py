"""Bad files get a clear Chinese answer on the page — never a 500, never a half import."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ticms.reviews.models import Expert

from .helpers import dry_run_page, errors_on_page, page_error, token_of, upload, workbook_bytes

pytestmark = pytest.mark.django_db

GOOD = ["王五", "某大学", None, "教授", "储能", None, None, None]


@pytest.fixture
def officer(client, bureau_officer):
    client.force_login(bureau_officer)
    return bureau_officer


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("专家.xlsx", "姓名,工作单位\n王五,某大学\n".encode(), "看起来是文本、CSV 或其他格式的文件"),
        ("专家.csv", "姓名,工作单位\n王五,某大学\n".encode("gbk"), "看起来是文本、CSV 或其他格式的文件"),
        ("专家.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel 97-2003（.xls）"),
        ("专家.xlsx", b"PK\x03\x04 not really a zip" + b"\0" * 100, "不是有效的 XLSX 文档"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(client, officer, name, content, says):
    response = dry_run_page(client, "experts", _file(name, content))
    assert response.status_code == 422
    assert says in page_error(response)


def test_a_docx_renamed_to_xlsx_is_refused(client, officer):
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    response = dry_run_page(client, "experts", _file("专家.xlsx", out.getvalue()))
    assert response.status_code == 422
    assert "缺少 Office 文档的必要部件" in page_error(response)


def test_a_20_mb_file_is_refused_by_size_before_parsing(client, officer):
    # Not a valid workbook at all: had it been parsed, the answer would be a different one.
    response = dry_run_page(client, "experts", _file("大表.xlsx", b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024)))
    assert response.status_code == 413
    assert "超过导入上限 5.0 MB" in page_error(response)


def test_rows_are_capped(client, officer, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [[f"专家{i}", "某大学", None, "", "储能", None, None, None] for i in range(4)]
    response = dry_run_page(client, "experts", upload("experts", rows))
    assert response.status_code == 413
    assert "数据超过单次导入上限 3 行" in page_error(response)


def test_wrong_template_names_the_first_wrong_column(client, officer):
    headers = ["姓名", "单位", "职称"]
    response = dry_run_page(client, "experts", upload("experts", [["王五", "某大学", "教授"]], headers=headers))
    assert response.status_code == 422
    assert errors_on_page(response) == [
        "第1行表头与导入模板不符：第B列应为「工作单位」，实为「单位」。请使用本页下载的导入模板，不要增删或改名表头。"
    ]


def test_the_template_of_another_import_is_refused(client, officer):
    rows = [[datetime.date(2027, 1, 1), "休", "元旦"]]
    response = dry_run_page(client, "experts", _file("日历.xlsx", workbook_bytes("calendar", rows)))
    assert "表头与导入模板不符：第A列应为「姓名」，实为「日期」。" in errors_on_page(response)[0]


def test_merged_cells_are_refused(client, officer):
    rows = [GOOD, ["", "某大学", None, "", "储能", None, None, None]]
    response = dry_run_page(client, "experts", upload("experts", rows, merge="A2:A3"))
    assert response.status_code == 422
    assert errors_on_page(response) == ["第2至3行「姓名」起有合并单元格，请取消合并并在每一行填写完整的值。"]


def test_formulas_are_refused(client, officer):
    rows = [["王五", "某大学", None, "教授", '=CONCAT("储","能")', None, None, None]]
    response = dry_run_page(client, "experts", upload("experts", rows))
    assert errors_on_page(response) == ["第2行「擅长领域」是公式，请复制后“选择性粘贴为数值”。"]


def test_dates_typed_as_text_are_refused(client, system_admin):
    client.force_login(system_admin)
    rows = [["2027/1/1", "休", "元旦"], [datetime.date(2027, 2, 6), "班", "春节调休"]]
    response = dry_run_page(client, "calendar", upload("calendar", rows))
    assert errors_on_page(response) == [
        "第2行「日期」是文本“2027/1/1”，不是日期。请将该单元格设为日期格式后重新输入（如 2024-03-15）。"
    ]


def test_an_empty_template_says_so(client, officer):
    response = dry_run_page(client, "experts", upload("experts", []))
    assert errors_on_page(response) == ["模板中没有填写任何数据行（第1行是表头，请从第2行起填写）。"]


def test_a_workbook_without_sheets_content_is_answered(client, officer):
    book = Workbook()
    out = io.BytesIO()
    book.save(out)
    response = dry_run_page(client, "experts", _file("空.xlsx", out.getvalue()))
    assert response.status_code == 422
    assert "第1行应为表头" in errors_on_page(response)[0]


def test_one_bad_row_means_nothing_is_imported(client, officer):
    from ticms.reviews.services import create_expert

    response = dry_run_page(
        client, "experts", upload("experts", [GOOD, ["赵六", "某大学", None, "", "储能"] + [None] * 3])
    )
    token = token_of(response)
    assert token
    # Between the dry run and the apply someone enters 赵六 by hand: the apply re-validates and refuses all rows.
    create_expert(actor=officer, name="赵六", fields=["储能"], organisation_text="某大学")
    response = client.post("/imports/experts/apply", {"token": token})
    assert response.status_code == 422
    assert "预检之后数据已有变化" in page_error(response)
    assert any(e.startswith("第3行「姓名」专家库中已有该专家") for e in errors_on_page(response))
    assert not Expert.objects.filter(name="王五").exists()


def test_a_stale_or_foreign_dry_run_is_refused(client, officer, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC), tick=False)
    token = token_of(dry_run_page(client, "experts", upload("experts", [GOOD])))
    assert client.post("/imports/experts/apply", {"token": "guessed"}).status_code == 409
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, 21, tzinfo=datetime.UTC), tick=False)
    response = client.post("/imports/experts/apply", {"token": token})
    assert response.status_code == 409
    assert "预检结果已失效" in page_error(response)
    assert not Expert.objects.exists()


def test_a_dry_run_can_be_applied_once(client, officer):
    token = token_of(dry_run_page(client, "experts", upload("experts", [GOOD])))
    assert client.post("/imports/experts/apply", {"token": token}).status_code == 302
    assert client.post("/imports/experts/apply", {"token": token}).status_code == 409
    assert Expert.objects.filter(name="王五").count() == 1


def test_a_credit_code_typed_as_a_number_is_refused(client, officer):
    rows = [["王五", "某大学", 121406001234567890, "教授", "储能", None, None, None]]
    response = dry_run_page(client, "experts", upload("experts", rows))
    assert errors_on_page(response) == [
        "第2行「工作单位统一社会信用代码」是数字格式的单元格：Excel 只保留15位有效数字，18位代码会被改动。"
        "请将该列设为“文本”格式后重新输入。"
    ]
