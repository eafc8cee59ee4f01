"""Where the imports are found: the workbench of the roles that own them, the calendar page, /imports/."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_bureau_and_the_system_admin_find_their_imports(client, bureau_officer, system_admin, county_officer):
    client.force_login(bureau_officer)
    assert 'href="/imports/"' in client.get("/workbench/").content.decode()
    page = client.get("/imports/").content.decode()
    assert "专家库导入" in page and "既有创新中心导入" in page and "中心成果导入" in page
    assert "节假日安排导入" not in page

    client.force_login(system_admin)
    assert 'href="/imports/calendar/"' in client.get("/calendar/").content.decode()
    assert "节假日安排导入" in client.get("/imports/").content.decode()

    client.force_login(county_officer)
    assert 'href="/imports/"' not in client.get("/workbench/").content.decode()
    assert client.get("/imports/").status_code == 403


def test_the_import_page_lists_the_columns_and_the_template(client, bureau_officer):
    client.force_login(bureau_officer)
    page = client.get("/imports/centers/").content.decode()
    assert "/imports/centers/template.xlsx" in page
    for header in ("正式名称", "依托单位统一社会信用代码", "所属县区", "认定文号", "认定日期"):
        assert f"<td>{header}</td>" in page
