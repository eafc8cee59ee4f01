"""The audit log in words: an event's action, object and data as the audit administrator reads them.

The stored event is never changed (its hash covers the codes); these labels are for the page only, and the raw
record stays one click away for verification.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from ticms.policy.citation import cite
from ticms.web.labels import action_label, role_label, state_code_label

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
    "change": "变更事项",
    "title_check": "职称条件核对",
    "title_check_evidence": "核对依据",
    "version_number": "版本号",
    "planned_starts_on": "计划开始日期",
    "starts_on": "开始日期",
    "ends_on": "结束日期",
    "item": "公示事项",
    "total": "总分",
    "assignment": "专家任务",
    "candidates_sm3": "候选名单 SM3 摘要",
    "pdf_sm3": "PDF 文件 SM3 摘要",
    "docx_sm3": "DOCX 文件 SM3 摘要",
    "hash": "摘要",
}


# Data keys whose values are a field's codes under another name (centers/workflow.py: "change" is the kind).
CHOICE_ALIASES = {"change": "kind"}
# Values written as they are: identifiers a user types or compares (translate="no" on the page).
LITERAL_KEYS = {
    "username",
    "ip",
    "session_ip",
    "seed",
    "sm3",
    "sha256",
    "token",
    "path",
    "filename",
    "number",
    "candidates_sm3",
    "pdf_sm3",
    "docx_sm3",
    "hash",
}
_DIGEST = re.compile(r"[0-9a-f]{32,}")
TITLE_CHECK = {"met": "符合", "not_met": "不符合", "needs_review": "需人工核实"}
_CODE = re.compile(r"[a-z][a-z0-9_]*")


def event_action(action: str) -> str:
    """`auth.sign_in` → 登录; a workflow step → its label; an unknown code → 其他操作 (the code is in the record)."""
    label = action_label(action)
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


@functools.cache
def _all_choices() -> dict[str, dict[str, str]]:
    """{field name: {code: label}} over every ticms model: data often names a related record's field (an attachment's
    kind on the application's event)."""
    merged: dict[str, dict[str, str]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("ticms."):
            continue
        for f in model._meta.fields:
            if f.choices:
                for code, label in f.flatchoices:
                    merged.setdefault(f.name, {}).setdefault(str(code), str(label))
    return merged


def _choices(object_type: str) -> dict[str, dict[str, str]]:
    """{field name: {code: label}}: the event's own model first, then any model's field of that name."""
    own: dict[str, dict[str, str]] = {}
    try:
        model = apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        model = None
    if model is not None:
        own = {f.name: {str(k): str(v) for k, v in f.flatchoices} for f in model._meta.fields if f.choices}
    from ticms.reviews.purposes import recommendation_labels

    merged = dict(_all_choices())
    merged["recommendation"] = {**recommendation_labels(), **merged.get("recommendation", {})}
    for name, codes in own.items():
        merged[name] = {**merged.get(name, {}), **codes}
    return merged


_OBJECT_REF = re.compile(r"([a-z_]+\.[a-z_]+):(\d+)")


def _value(key: str, value, choices: dict[str, dict[str, str]], object_type: str = "") -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and value.startswith("ref:"):
        return "（个人信息，加密保存）"  # a keyed reference of a phone or e-mail (ticms.crypto), not the value
    if isinstance(value, str) and (ref := _OBJECT_REF.fullmatch(value)):
        return event_object(ref.group(1), ref.group(2))
    if isinstance(value, bool):
        return ("完整" if value else "断裂") if key == "ok" else ("是" if value else "否")
    field = CHOICE_ALIASES.get(key, key)
    if field in choices and str(value) in choices[field]:
        return choices[field][str(value)]
    if key == "title_check":
        return TITLE_CHECK.get(str(value), str(value))
    if key in ("from", "to", "status"):
        return state_code_label(str(value), object_type)
    if key == "article":
        return cite(str(value))
    if key == "role":
        return role_label(str(value)) or str(value)
    if key == "scores" and isinstance(value, dict):
        # an opinion's score per indicator code: the codes are in the raw record
        try:
            total = sum(Decimal(str(v)) for v in value.values())
        except InvalidOperation:
            total = None
        if total is not None:
            return f"{len(value)} 项指标，合计 {total.normalize():f} 分"
    if isinstance(value, dict):
        # {"legal_form": {"before": …, "after": "firm"}}: the inner values are codes of the outer key's field
        return "；".join(
            f"{DATA_LABELS.get(k) or _field_label(object_type, k)}："
            f"{_value(key if k in ('before', 'after') else k, v, choices, object_type)}"
            for k, v in value.items()
        )
    if isinstance(value, (list, tuple)):
        return "、".join(_value(key, v, choices, object_type) for v in value) or "—"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and key not in LITERAL_KEYS and _CODE.fullmatch(value) and not _DIGEST.fullmatch(value):
        # a code no table names: found under 核验方法, in the raw record
        return state_code_label(value) if state_code_label(value) != value else "（代码，见核验方法）"
    return str(value)


def event_details(data, object_type: str = "") -> list[tuple[str, str, bool]]:
    """(label, value, literal) lines of an event's data, empty values left out; keys without a label come last as
    其他; `literal` marks identifiers shown as they are (a user name, a digest). A value that is a code of a field
    (an evaluation's grade, an attachment's kind) is shown by its label."""
    choices = _choices(object_type)
    if not isinstance(data, dict):
        return [("内容", _value("", data, choices, object_type), False)] if data else []
    known, other = [], []
    for key, value in data.items():
        if value in (None, "", [], {}):
            continue
        line = (
            DATA_LABELS.get(key) or _field_label(object_type, key),
            _value(key, value, choices, object_type),
            key in LITERAL_KEYS or isinstance(value, str) and bool(_DIGEST.fullmatch(value)),
        )
        (known if key in DATA_LABELS else other).append(line)
    return known + other


def _field_label(object_type: str, key: str) -> str:
    """A data key named after a field of the object: that field's verbose name; else 其他."""
    try:
        name = str(getattr(apps.get_model(object_type)._meta.get_field(key), "verbose_name", ""))
    except (LookupError, ValueError, FieldDoesNotExist):
        return "其他"
    return name if name and not name.isascii() else "其他"
