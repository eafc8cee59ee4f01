"""Labels and badge colours of workflow states, shared by every page that shows a state by its code.

Pages holding the record should prefer `record.get_state_display()` (the model's own choices); `state_code_label`
is for places that only have the code (audit events, timelines), and reads the same choices.
"""

import functools

from django.utils.html import format_html

from ticms.accounts.roles import role_label  # noqa: F401  (re-exported for templates and callers)
from ticms.workflow.core import REGISTRY
from ticms.workflow.core import action_label as transition_label

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
    # accounts, security, exports and the audit log itself
    "auth.sign_out": "退出登录",
    "auth.second_factor_failed": "动态口令错误",
    "auth.recovery_code_used": "使用恢复码登录",
    "auth.locked_out": "账号被锁定",
    "auth.unlock": "解除锁定",
    "auth.forced_sign_out": "强制下线",
    "auth.session_replaced": "在别处登录，原会话结束",
    "account.password_change": "修改密码",
    "account.password_reset": "重置密码",
    "account.profile_update": "修改个人信息",
    "api_token.create": "创建 API 令牌",
    "api_token.revoke": "吊销 API 令牌",
    "membership.grant": "授予角色",
    "membership.revoke": "撤销角色",
    "breakglass.open": "启用应急账号",
    "breakglass.close": "关闭应急账号",
    "export.xlsx": "导出表格",
    "attachment.download": "下载附件",
    "personal_data.reveal": "查看个人敏感信息",
    "panel.draw": "随机抽取专家",
    "panel.close": "专家组结束评审",
    "audit.verify": "校验审计链",
    "audit.export": "导出审计日志",
    "calendar.import": "导入节假日安排",
    "twofactor.enrol": "绑定动态口令",
}


def state_badge(state: str, label: str = "") -> str:
    """A state as a coloured badge: the colour from the code, the text `label` or else the code's shared label. The one
    definition, for Django pages (web/includes/state_badge.html) and Jinja2 rows (`state_badge()`) alike."""
    return _badge(str(state), str(label))


# A list draws the same few badges fifty times: each (code, label) is formatted and escaped once per process.
@functools.lru_cache(maxsize=1024)
def _badge(state: str, label: str) -> str:
    return format_html('<span class="badge text-bg-{}" data-state="{}">{}</span>',
                       STATE_COLOURS.get(state, "secondary"), state, label or state_code_label(state, ""))


def choice_label(record, field_name: str) -> str:
    """`record.get_<field_name>_display()`, read from the field's choices gathered once per model and field.
    Django's own method rebuilds a dict of every choice on each call, about 10 µs, which a list of 50 rows pays for
    each column it labels. A value outside the choices is shown as it is, as Django does; none is shown as ""."""
    value = getattr(record, field_name)
    if value is None:
        return ""
    return _choices(type(record), field_name).get(value, str(value))


@functools.cache
def _choices(model, field_name: str) -> dict:
    return {value: str(label) for value, label in model._meta.get_field(field_name).flatchoices}


def state_code_label(code: str, object_type: str = "") -> str:
    """A state code as users read it, from the workflows' own labels (the apps' vocabularies).

    With the record's type (an audit event's `object_type`, e.g. `evaluations.evaluation`), from that record's
    workflow: one code means different things in different workflows — "submitted" is 已提交，待归口管理单位审核 for
    an application, 待归口单位审核 for an evaluation, 已报备 for a filing. Without it, from the first workflow that
    knows the code, applications first (the record most pages are about); else the code itself."""
    by_type = _labels_by_type()
    if object_type in by_type and code in by_type[object_type]:
        return by_type[object_type][code]
    for labels in by_type.values():
        if code in labels:
            return labels[code]
    return code


@functools.cache
def _labels_by_type() -> dict[str, dict[str, str]]:
    flows = sorted(REGISTRY.values(), key=lambda flow: flow.model._meta.label_lower != "applications.application")
    by_type: dict[str, dict[str, str]] = {}
    for flow in flows:
        by_type.setdefault(flow.model._meta.label_lower, {}).update(flow.labels)
    return by_type


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action) or transition_label(action) or action
