import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import timezone

from ticms.web.templatetags import ticms as tags
from ticms.workflow.core import Availability, Reason


def availability(name, *, allowed=True, reasons=(), role="bureau_officer", comment_required=False, dangerous=False):
    return Availability(
        name=name,
        label=f"{name}-label",
        role=role,
        article="9(3)",
        allowed=allowed,
        reasons=list(reasons),
        comment_required=comment_required,
        dangerous=dangerous,
        target="x",
    )


def test_transitions_render_allowed_refused_and_hide_other_roles(bureau_officer):
    html = render_to_string(
        "web/includes/transitions.html",
        {
            "user": bureau_officer,
            "action_url": "/applications/5/transitions/{name}/",
            "expected_state": "recommended",
            "transitions": [
                availability("recheck_pass"),
                availability("recheck_return", comment_required=True),
                availability("recheck_reject", dangerous=True),
                availability("conclude", allowed=False, reasons=[Reason("staff", "固定人员不少于15人", "8(2)")]),
                availability("submit", role="applicant"),
            ],
        },
    )
    assert 'action="/applications/5/transitions/recheck_pass/"' in html
    assert 'name="expected_state" value="recommended"' in html
    assert html.count("<textarea") == 1 and 'id="comment-recheck_return"' in html
    assert "btn-danger" in html and "data-confirm=" in html
    assert "disabled" in html
    assert "不满足：固定人员不少于15人（第八条第（二）项）" in html
    assert "submit-label" not in html


def test_state_badge_uses_label_and_colour():
    html = render_to_string("web/includes/state_badge.html", {"state": "recognized"})
    assert "text-bg-success" in html and "已认定" in html
    html = render_to_string("web/includes/state_badge.html", {"state": "rejected", "label": "不予推荐"})
    assert "text-bg-danger" in html and "不予推荐" in html


def test_timeline_shows_actor_role_and_comment():
    event = SimpleNamespace(
        at=timezone.now(),
        actor_name="王科长",
        role="county_officer",
        action="application.county_return",
        data={"from": "submitted", "to": "returned", "comment": "请补充附件", "article": "9(2)"},
    )
    html = render_to_string("web/includes/timeline.html", {"events": [event]})
    expected = ["王科长", "归口管理单位工作人员", "application.county_return", "已提交", "退回修改"]
    expected += ["请补充附件", "第九条第（二）项"]
    for text in expected:
        assert text in html


def test_eligibility_panel_shows_each_status():
    results = [
        {"title": "固定人员不少于15人", "status": "met", "evidence": "18人", "article": "8(2)"},
        {"title": "使用面积不少于300平方米", "status": "not_met", "evidence": "250平方米", "article": "8(3)"},
        SimpleNamespace(title="无违法失信", status="needs_review", evidence="", article="8(4)"),
    ]
    html = render_to_string("web/includes/eligibility_panel.html", {"results": results})
    assert "满足" in html and "不满足" in html and "待核实" in html
    assert "250平方米" in html and "第八条第（三）项" in html


def test_wan_yuan_and_zh_date():
    assert tags.wan_yuan(Decimal("1234500")) == "123.45 万元"
    assert tags.wan_yuan(2000000) == "200.00 万元"
    assert tags.wan_yuan(None) == "—"
    assert tags.zh_date(datetime.date(2025, 9, 26)) == "2025年9月26日"


def test_role_and_state_labels():
    assert tags.role_label("expert") == "专家"
    assert tags.role_label("nobody") == "nobody"
    assert tags.role_label("system") == "系统"  # scheduled jobs (`ticms tick`), e.g. on the audit log page
    assert tags.state_label("publicized") == "公示中"
    assert tags.state_label(SimpleNamespace(get_state_display=lambda: "自定义")) == "自定义"
