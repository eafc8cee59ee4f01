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


def render_panel(user, transitions):
    return render_to_string(
        "web/includes/transitions.html",
        {
            "user": user,
            "action_url": "/applications/5/transitions/{name}/",
            "expected_state": "recommended",
            "transitions": transitions,
        },
    )


def test_action_panel_offers_the_outcomes_as_choices_with_one_comment_and_one_submit(bureau_officer):
    html = render_panel(
        bureau_officer,
        [
            availability("recheck_pass"),
            availability("recheck_return", comment_required=True),
            availability("recheck_reject", dangerous=True),
            availability("conclude", allowed=False, reasons=[Reason("staff", "固定人员不少于15人", "8(2)")]),
            availability("submit", role="applicant"),
        ],
    )
    # One form posting to the generic view; the step is the chosen radio.
    assert html.count("<form") == 1 and 'action="/applications/5/transitions/"' in html
    assert 'name="expected_state" value="recommended"' in html
    assert html.count("<textarea") == 1 and html.count('type="submit"') == 1
    for name in ("recheck_pass", "recheck_return", "recheck_reject", "conclude"):
        assert f'name="transition" value="{name}"' in html
    assert 'recheck_pass-label <small class="text-muted">第九条第（三）项</small>' in html
    assert "data-comment-required" in html
    # Dangerous: red, with the consequence for the dialog; no window.confirm text on a button.
    assert "ticms-choice-danger" in html and "data-dangerous" in html
    assert "确定要“recheck_reject-label”吗？" in html and "此操作无法撤销。" in html
    # Refused: disabled, with its reasons and articles.
    refused = html[html.index('value="conclude"') - 200: html.index("</ul>", html.index('value="conclude"'))]
    assert "disabled" in refused
    assert "不满足：固定人员不少于15人（第八条第（二）项）" in refused
    # Other roles' steps are not offered.
    assert "submit-label" not in html
    # Several allowed outcomes: none is chosen for the user.
    assert "checked" not in html


def test_action_panel_preselects_a_single_safe_outcome_and_hides_submit_when_nothing_is_allowed(bureau_officer):
    html = render_panel(bureau_officer, [availability("recheck_pass")])
    assert "checked" in html
    html = render_panel(bureau_officer, [availability("recheck_reject", dangerous=True)])
    assert "checked" not in html  # a dangerous step is always chosen on purpose
    html = render_panel(bureau_officer, [availability("conclude", allowed=False, reasons=[Reason("x", "原因", "8")])])
    assert "disabled" in html and "<textarea" not in html and 'type="submit"' not in html
    assert render_panel(bureau_officer, [availability("submit", role="applicant")]).strip() == ""


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
        object_type="applications.application",
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


def test_timeline_reads_a_state_code_in_the_record_s_own_workflow():
    """"submitted" is a different step in each workflow: an evaluation's is 待归口单位审核, a filing's 已报备."""
    def event(object_type):
        return SimpleNamespace(at=timezone.now(), actor_name="", role="", action="x.submit", object_type=object_type,
                               data={"from": "returned", "to": "submitted"})

    evaluation = render_to_string("web/includes/timeline.html", {"events": [event("evaluations.evaluation")]})
    assert "已退回修改 → 待归口单位审核" in evaluation
    filing = render_to_string("web/includes/timeline.html", {"events": [event("centers.filing")]})
    assert "已退回 → 已报备" in filing
