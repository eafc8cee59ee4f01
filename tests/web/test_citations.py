"""Every article is shown one way (第九条第（四）项): pages, API refusals, templates and translations."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ticms.accounts.services import create_api_token
from ticms.workflow.core import Reason

SRC = Path(__file__).resolve().parents[2] / "src" / "ticms"
OLD_STYLES = [
    re.compile(r"第\d+(\(\d+\))?条"),  # 第9(3)条, 第16条
    re.compile(r"第[一二三四五六七八九十]+条第[一二三四五六七八九十]+项"),  # 第九条第二项
    re.compile(r"第\{\{[^}]*article[^}]*\}\}条"),  # 第{{ x.article }}条 prints 第9(3)条
    re.compile(r"第%\(article\)s条"),  # the same through a translation
]


def _old_style_lines(paths):
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in OLD_STYLES):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()[:120]}")
    return found


def test_no_template_translation_or_message_cites_an_article_in_an_old_style():
    code = [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]
    paths = [*SRC.rglob("templates/**/*.html"), *SRC.rglob("jinja2/**/*.jinja"), *SRC.rglob("locale/**/*.po"), *code]
    assert len(paths) > 20
    assert _old_style_lines(paths) == []


@pytest.mark.django_db
def test_policy_page_cites_articles_in_the_one_style(client):
    page = client.get(reverse("policy")).content.decode()
    assert "第九条第（四）项" in page and "第八条第（三）项" in page and "第十八条" in page
    assert not re.search(r"第\d+(\(\d+\))?条", page)


@pytest.mark.django_db
def test_self_check_page_cites_the_condition_not_met(client):
    page = client.get("/eligibility/", {"fixed_staff": "3"}).content.decode()
    assert 'data-status="not_met"' in page and "第八条第（二）项" in page
    assert "第8(2)条" not in page


@pytest.mark.django_db
def test_api_refusal_carries_the_article_code_and_its_citation(client, applicant):
    _t, raw = create_api_token(user=applicant, name="t")
    body = {"title": "通知", "year": 2026, "opens": "2026-01-01", "closes": "2026-02-01"}
    response = client.post("/api/v1/calls", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    data = response.json()
    assert response.status_code == 403
    assert data["error"] == "forbidden"
    assert data["article"] == "5, 9(1)" and data["citation"] == "第五条、第九条第（一）项"
    assert data["detail"] == "只有市科技局工作人员可以发布建设通知（第五条、第九条第（一）项）。"


def test_a_workflow_reason_reads_and_serialises_in_the_one_style():
    reason = Reason("notice_running", "公示期未满", "9(4)")
    assert str(reason) == "公示期未满（第九条第（四）项）"
    assert reason.as_dict() == {"code": "notice_running", "message": "公示期未满", "article": "9(4)",
                                "citation": "第九条第（四）项"}
