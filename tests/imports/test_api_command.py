"""The same imports through POST /api/v1/imports/<kind> and `ticms import`, and the template download."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ticms.audit.models import Event
from ticms.reviews.models import Expert

from .helpers import template_rows, upload, workbook_bytes

pytestmark = pytest.mark.django_db

GOOD = ["王五", "某大学", None, "教授", "储能", None, None, None]


def test_api_dry_run_answers_errors_by_row_and_column(client, bureau_officer):
    client.force_login(bureau_officer)
    rows = [GOOD, ["", "某大学", None, "", "储能", None, None, None]]
    response = client.post("/api/v1/imports/experts?dry_run=true", {"file": upload("experts", rows)})
    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True and body["valid"] is False and body["rows"] == 2
    assert body["errors"] == [
        {"row": 3, "column": "姓名", "message": "未填写（必填）。", "text": "第3行「姓名」未填写（必填）。"}
    ]


def test_api_apply_is_all_or_nothing(client, bureau_officer):
    client.force_login(bureau_officer)
    rows = [GOOD, ["", "某大学", None, "", "储能", None, None, None]]
    response = client.post("/api/v1/imports/experts?dry_run=false", {"file": upload("experts", rows)})
    assert response.status_code == 422
    assert response.json()["error"] == "import_invalid"
    assert not Expert.objects.exists()
    response = client.post("/api/v1/imports/experts?dry_run=false", {"file": upload("experts", [GOOD])})
    assert response.status_code == 200
    assert response.json()["applied"] is True
    assert Expert.objects.get().name == "王五"
    assert Event.objects.get(action="import.experts").data["file_sm3"] == response.json()["file_sm3"]


def test_api_refuses_a_changed_file_and_bad_files(client, bureau_officer):
    client.force_login(bureau_officer)
    response = client.post(
        "/api/v1/imports/experts?dry_run=false", {"file": upload("experts", [GOOD]), "expected_sm3": "0" * 64}
    )
    assert response.status_code == 409 and response.json()["error"] == "stale_dry_run"
    response = client.post("/api/v1/imports/experts", {"file": io.BytesIO(b"a,b\n1,2\n")})
    assert response.status_code == 422
    assert response.json()["error"] == "not_xlsx"
    assert response.json()["errors"][0]["row"] is None
    assert client.post("/api/v1/imports/unknown", {"file": upload("experts", [GOOD])}).status_code == 404


def test_api_refuses_other_roles(client, applicant):
    client.force_login(applicant)
    response = client.post("/api/v1/imports/experts", {"file": upload("experts", [GOOD])})
    assert response.status_code == 403


def test_command_dry_run_then_apply(bureau_officer, tmp_path, capsys):
    path = tmp_path / "专家.xlsx"
    path.write_bytes(workbook_bytes("experts", [GOOD, ["", "某大学", None, "", "储能", None, None, None]]))
    with pytest.raises(CommandError, match="发现1处问题，未导入任何记录"):
        call_command("import", "experts", str(path), "--user", bureau_officer.username, "--apply")
    assert "第3行「姓名」未填写（必填）。" in capsys.readouterr().err
    path.write_bytes(workbook_bytes("experts", [GOOD]))
    call_command("import", "experts", str(path), "--user", bureau_officer.username)
    assert "预检通过：1条可以导入" in capsys.readouterr().out
    assert not Expert.objects.exists()
    call_command("import", "experts", str(path), "--user", bureau_officer.username, "--apply")
    assert Expert.objects.get().name == "王五"


def test_command_refuses_a_user_without_the_role(applicant, tmp_path):
    path = tmp_path / "专家.xlsx"
    path.write_bytes(workbook_bytes("experts", [GOOD]))
    with pytest.raises(CommandError, match="只有市科技局"):
        call_command("import", "experts", str(path), "--user", applicant.username)


@pytest.mark.parametrize("kind", ["experts", "centers", "outputs", "calendar"])
def test_template_has_the_headers_an_example_and_a_notes_sheet(client, bureau_officer, system_admin, kind):
    client.force_login(system_admin if kind == "calendar" else bureau_officer)
    response = client.get(f"/imports/{kind}/template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1] == "说明"
    headers, example = template_rows(kind)
    assert [c.value for c in book.worksheets[0][1]] == headers
    assert any(value not in (None, "") for value in example)


def test_the_calendar_template_imports_as_downloaded(client, system_admin):
    client.force_login(system_admin)
    content = client.get("/imports/calendar/template.xlsx").content
    response = client.post("/api/v1/imports/calendar?dry_run=true", {"file": io.BytesIO(content)})
    assert response.status_code == 200 and response.json()["valid"] is True, response.json()


def test_the_experts_template_filled_in_imports(client, bureau_officer, organisation):
    client.force_login(bureau_officer)
    book = load_workbook(io.BytesIO(client.get("/imports/experts/template.xlsx").content))
    sheet = book.worksheets[0]
    assert sheet["C3"].number_format == "@"  # code cells are text before anything is typed
    sheet["C2"] = organisation.credit_code
    sheet["B2"] = organisation.name
    sheet["H2"] = None
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "专家库.xlsx"
    response = client.post("/api/v1/imports/experts?dry_run=true", {"file": out})
    assert response.status_code == 200 and response.json()["valid"] is True, response.json()
    assert response.json()["rows"] == 1
