"""Record pages print cleanly (issue 11): in print media no navigation, buttons or forms show; the record's
identity and the print time head the first page and every page's margin; the PDF Chromium prints says so."""

import datetime
import subprocess

import pytest
from playwright.sync_api import expect

from tests.centers.factories import make_center
from tests.factories import OrganisationFactory
from tests.notices.factories import draft_notice
from tests.reviews.factories import application, panel_for

pytestmark = pytest.mark.browser

HIDDEN_IN_PRINT = ".ticms-header, .ticms-nav, .ticms-footer, nav, .btn, button, form, .breadcrumb"


def _application(bureau):
    app = application()
    return f"/applications/{app.pk}/", f"申请书 {app.number} · {app.display_name}"


def _center(bureau):
    center = make_center(OrganisationFactory(), bureau=bureau, official_name="朔州市储能技术创新中心")
    return center.get_absolute_url(), "创新中心 · 朔州市储能技术创新中心"


def _notice(bureau):
    notice = draft_notice(bureau)
    return notice.get_absolute_url(), f"公示 · {notice.title}"


def _panel(bureau):
    panel = panel_for(bureau, application(), size=3)
    return panel.get_absolute_url(), f"专家组 #{panel.pk}"


def _evaluation(bureau):
    from tests.evaluations.factories import make_center as evaluation_center
    from tests.evaluations.factories import open_round

    center = evaluation_center(bureau, OrganisationFactory(), recognized_on=datetime.date(2023, 3, 1))
    evaluation = open_round(bureau).evaluations.get(center=center)
    return f"/evaluations/{evaluation.pk}/", f"绩效评估 {evaluation.round.title} · {center.official_name}"


@pytest.mark.parametrize("build", [_application, _center, _notice, _panel, _evaluation])
def test_record_page_prints_without_controls_and_with_its_identity(
    page, live_server, login, bureau_officer, build, tmp_path
):
    path, identity = build(bureau_officer)
    login(page, live_server, bureau_officer)
    page.goto(f"{live_server.url}{path}")
    expect(page.locator("#print-identity")).to_be_hidden()  # on screen the identity line is not shown
    assert page.locator(".ticms-nav").is_visible()

    page.emulate_media(media="print")
    visible = page.evaluate(
        "(sel) => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0)"
        ".map(e => e.tagName + '.' + e.className)",
        HIDDEN_IN_PRINT,
    )
    assert visible == []
    expect(page.locator("#print-identity")).to_be_visible()
    expect(page.locator("#print-identity")).to_contain_text(identity)
    expect(page.locator("#print-identity")).to_contain_text("打印时间：")
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--ticms-print-identity')")

    pdf = tmp_path / "record.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = int(
        next(
            line.split()[-1]
            for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
            ).stdout.splitlines()
            if line.startswith("Pages:")
        )
    )
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = " ".join(text.split())
        assert " ".join(identity.split()) in flat, (number, flat[:300])
        assert "打印时间：" in text and f"第 {number} 页，共 {pages} 页" in flat
        assert "退出登录" not in text and "业务办理" not in text
