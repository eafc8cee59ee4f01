"""The audit log in words: an event's action, object and data as the audit administrator reads them.

The stored event is never changed (its hash covers the codes); these labels are for the page only, and the raw
record stays one click away for verification.
"""

from __future__ import annotations

import datetime

from django.apps import apps

from ticms.policy.citation import cite
from ticms.web.labels import action_label, role_label, state_code_label

# Actions outside the workflows and outside web/labels.ACTION_LABELS (accounts, security, exports, the log itself).
EVENT_LABELS = {
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

# Keys of an event's data; a key not listed here is shown under 其他 with the raw record.
DATA_LABELS = {
    "from": "原状态",
    "to": "新状态",
    "comment": "意见",
    "article": "依据",
    "reason": "原因",
    "changes": "修改内容",
    "before": "修改前",
    "after": "修改后",
    "name": "名称",
    "title": "标题",
    "kind": "类别",
    "year": "年度",
    "username": "用户名",
    "role": "角色",
    "via": "方式",
    "count": "数量",
    "ok": "结果",
    "broken_seq": "断裂位置",
    "filter": "筛选条件",
    "rows": "行数",
    "size": "大小（字节）",
    "sm3": "SM3 摘要",
    "sha256": "SHA-256 摘要",
    "number": "编号",
    "version": "版本",
    "status": "状态",
    "center": "创新中心",
    "official_name": "正式名称",
    "sub_institute": "专业化创新研发机构",
    "attachment": "附件",
    "visited_on": "检查日期",
    "visit": "监督检查",
    "support": "支持措施",
    "summary": "摘要",
    "sessions": "会话数",
    "session_ip": "会话 IP",
    "round": "评估批次",
    "report": "报告",
    "recognized_on": "认定日期",
    "person_name": "人员",
    "output": "成果",
    "organisation": "单位",
    "opened_on": "开始日期",
    "object": "对象",
    "notice": "公示",
    "model": "数据类型",
    "list": "列表",
    "left": "剩余",
    "host_unit": "依托单位",
    "follow_up": "后续处理",
    "findings": "发现问题",
    "filing": "备案",
    "field": "产业领域",
    "expires_at": "到期时间",
    "evaluation": "评估",
    "document": "公文",
    "closed_on": "撤并日期",
    "change_request": "变更申请",
    "amount": "金额（元）",
    "address": "地址",
    "operator": "操作人",
    "seed": "随机种子",
    "experts": "专家",
    "drawn": "抽取结果",
    "replaced": "被替换专家",
    "replacement": "替补专家",
    "score": "评分",
    "scores": "评分",
    "decision": "结论",
    "mark": "标注",
    "outcome": "结果",
    "application": "申请书",
    "panel": "专家组",
    "expert": "专家",
    "candidates": "候选人数",
    "excluded": "回避人数",
    "token": "令牌",
    "token_name": "令牌名称",
    "ip": "IP 地址",
    "fields": "字段",
    "target": "对象",
    "days": "天数",
    "date": "日期",
    "deadline": "期限",
    "format": "格式",
    "fmt": "格式",
    "path": "路径",
    "file": "文件",
    "filename": "文件名",
}


def event_action(action: str) -> str:
    """`auth.sign_in` → 登录; a workflow step → its label; an unknown code → 其他操作 (the code is in the record)."""
    label = EVENT_LABELS.get(action) or action_label(action)
    return label if label and label != action else "其他操作"


def event_object(object_type: str, object_id: str) -> str:
    """`reviews.opinion`, `28` → 专家意见（第 28 号）."""
    if not object_type:
        return "—"
    try:
        name = str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        name = "记录"
    if not name or name.isascii():
        name = "记录"
    return f"{name}（第 {object_id} 号）" if object_id else name


def _value(key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("完整" if value else "断裂") if key == "ok" else ("是" if value else "否")
    if key in ("from", "to", "status"):
        return state_code_label(str(value))
    if key == "article":
        return cite(str(value))
    if key == "role":
        return role_label(str(value)) or str(value)
    if isinstance(value, dict):
        return "；".join(f"{DATA_LABELS.get(k, '其他')}：{_value(k, v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "、".join(_value(key, v) for v in value) or "—"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def event_details(data) -> list[tuple[str, str]]:
    """(label, value) lines of an event's data, empty values left out; keys without a label come last as 其他."""
    if not isinstance(data, dict):
        return [("内容", _value("", data))] if data else []
    known, other = [], []
    for key, value in data.items():
        if value in (None, "", [], {}):
            continue
        if key in DATA_LABELS:
            known.append((DATA_LABELS[key], _value(key, value)))
        else:
            other.append(("其他", _value(key, value)))
    return known + other
