"""Labels and badge colours of workflow states, shared by every page that shows a state by its code.

Pages holding the record should prefer `record.get_state_display()` (the model's own choices); this table is
for places that only have the code (audit events, timelines, API data).
"""


from ticms.accounts.roles import role_label  # noqa: F401  (re-exported for templates and callers)
from ticms.workflow.core import action_label as transition_label

STATE_LABELS = {
    # applications (DESIGN §4.1)
    "draft": "草稿",
    "submitted": "已提交",
    "returned": "退回修改",
    "recommended": "已推荐",
    "expert_review": "专家论证",
    "plan_revision": "完善建设方案",
    "plan_submitted": "建设方案已提交",
    "publicized": "公示中",
    "recognized": "已认定",
    "preparatory": "筹建",
    "rejected": "未通过",
    "withdrawn": "已撤回",
    # changes and filings (§4.3)
    "county_agreed": "归口管理单位已同意",
    "approved": "已批准",
    "acknowledged": "已备案",
    # evaluations (§4.4)
    "materials_pending": "待提交材料",
    "county_checked": "归口管理单位已审核",
    "expert_scoring": "专家评分",
    "concluded": "已完成",
    # center status
    "active": "运行中",
    "rectifying": "整改中",
    "revoked": "已撤销",
}

STATE_COLOURS = {
    "draft": "secondary",
    "withdrawn": "secondary",
    "submitted": "primary",
    "recommended": "primary",
    "expert_review": "primary",
    "plan_submitted": "primary",
    "county_agreed": "primary",
    "county_checked": "primary",
    "expert_scoring": "primary",
    "materials_pending": "info",
    "plan_revision": "info",
    "preparatory": "info",
    "returned": "warning",
    "publicized": "warning",
    "rectifying": "warning",
    "recognized": "success",
    "approved": "success",
    "acknowledged": "success",
    "active": "success",
    "concluded": "success",
    "rejected": "danger",
    "revoked": "danger",
}


# What the timeline calls the actions that are not workflow transitions (those take their step's label).
ACTION_LABELS = {
    "application.create": "创建申请书",
    "application.update": "修改申请书",
    "application.attachment_add": "上传附件",
    "call.publish": "发布建设通知",
    "panel.form": "组建专家组",
    "assignment.replace": "抽取替补专家",
    "opinion.submit": "提交专家意见",
    "publicnotice.create": "创建公示",
    "noticeitem.mark": "标注公示事项",
    "objection.raise": "提出异议",
    "center.create": "认定/列为筹建，建立中心档案",
    "center.update_profile": "更新中心信息",
    "center.add_sub_institute": "新增专业化创新研发机构",
    "center.close_sub_institute": "撤并专业化创新研发机构",
    "center.record_output": "登记成果",
    "center.record_support": "登记支持措施",
    "center.record_visit": "记录监督检查",
    "center.appointment_filed": "任命备案",
    "center.change_applied": "变更生效",
    "center.provincial_recommendation": "推荐申报省级技术创新中心",
    "changerequest.create": "起草变更申请",
    "changerequest.update": "修改变更申请",
    "changerequest.attach": "上传变更附件",
    "filing.submit": "提交备案",
    "filing.update": "修改备案",
    "evaluationround.open": "开启评估批次",
    "evaluation.update_materials": "填报评估材料",
    "evaluation.add_attachment": "上传评估附件",
    "evaluation.materials_overdue": "评估材料逾期（系统标记）",
    "rectification.update_report": "填写整改报告",
    "rectification.deadline_passed": "整改期限已过（系统标记）",
    "engineeringcenter.register": "登记市工程技术研究中心",
    "engineeringcenter.converted": "转建为市技术创新中心（第十条）",
    "document.issue": "发文（生成公文）",
    "document.correct": "发更正版本",
    "expert.create": "新增专家",
    "expert.update": "修改专家信息",
    "auth.sign_in": "登录",
    "auth.sign_in_failed": "登录失败",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action) or transition_label(action) or action
