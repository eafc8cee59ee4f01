"""The audit log's words for an event's codes: what the audit administrator reads without opening 核验方法."""

from ticms.web.audit_labels import event_action, event_details, event_object


def test_actions_outside_the_workflows_and_workflow_steps_have_chinese_names(db):
    assert event_action("auth.sign_in") == "登录"
    assert event_action("panel.draw") == "随机抽取专家"
    assert event_action("application.county_recommend") == "审核通过并推荐"
    assert event_action("something.unknown") == "其他操作"


def test_objects_are_named_by_their_model(db):
    assert event_object("applications.application", "28") == "申请书（第 28 号）"
    assert event_object("", "") == "—"
    assert event_object("no.such", "1") == "记录（第 1 号）"


def test_data_codes_become_labels_and_identifiers_stay_as_they_are(db):
    lines = event_details(
        {
            "from": "submitted",
            "to": "recommended",
            "article": "9(2)",
            "kind": "business_licence",
            "subject": "applications.application:7",
            "changes": {"legal_form": {"before": "", "after": "firm"}},
            "phone": "ref:1438057a:1822ffd56ca5d6ac",
            "sm3": "ab" * 32,
            "ok": True,
        },
        "applications.application",
    )
    shown = {label: (value, literal) for label, value, literal in lines}
    assert shown["原状态"] == ("已提交，待归口管理单位审核", False) and shown["新状态"] == ("归口管理单位已推荐", False)
    assert shown["依据"][0] == "第九条第（二）项"
    assert shown["类别"][0] == "营业执照（法人证书）"
    assert "独立法人（企业）" in shown["修改内容"][0]
    assert shown["SM3 摘要"] == ("ab" * 32, True)
    assert ("其他", "申请书（第 7 号）", False) in lines
    assert all("ref:" not in value for _label, value, _literal in lines)


def test_an_opinions_scores_are_summed_not_listed_by_indicator_code(db):
    lines = event_details({"scores": {"A1": "4.25", "B2": 10}, "total": "14.25"}, "reviews.opinion")
    assert ("评分", "2 项指标，合计 14.25 分", False) in lines and ("总分", "14.25", False) in lines
