"""The documents the system issues: kind → record model, title, 文号 series, issuer, article, content builder.

Adding a document is one entry here, one builder in builders.py and (optionally) a DOCX template named after the
kind under templates/documents/docx/; without one the shared `official.docx` is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ticms.accounts.roles import Role

from . import builders


@dataclass(frozen=True)
class Kind:
    code: str
    label: str  # what the user sees: 认定通知
    model: str  # app_label.model of the record it is generated from
    series: str  # 发文机关代字 of the 文号; empty = unnumbered
    article: str
    build: Callable
    ready: Callable | None = None  # record → why it cannot be issued yet, or None
    issuer: str = Role.BUREAU_OFFICER
    public: bool = False  # addressed to the public: anyone may download it once issued

    @property
    def numbered(self) -> bool:
        return bool(self.series)


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("call", "建设通知", "calls.call", "朔科发", "9(1)", builders.call, public=True),
    Kind("notice", "公示", "notices.publicnotice", "朔科公示", "9(4)", builders.notice, builders.ready_notice,
         public=True),
    Kind("recognition", "认定通知", "notices.publicnotice", "朔科发", "9(4)", builders.recognition,
         builders.ready_recognition, public=True),
    Kind("preparatory", "列为筹建通知", "notices.publicnotice", "朔科发", "11", builders.preparatory,
         builders.ready_preparatory, public=True),
    Kind("panel_summary", "专家论证意见汇总表", "reviews.panel", "", "9(3)", builders.panel_summary,
         builders.ready_panel_summary),
    Kind("change_approval", "变更批复", "centers.changerequest", "朔科函", "15", builders.change_approval,
         builders.ready_change_approval),
    Kind("evaluation_results", "绩效评估结果通知", "evaluations.evaluationround", "朔科发", "16",
         builders.evaluation_results, builders.ready_evaluation_results),
    Kind("rectification", "整改通知", "evaluations.rectification", "朔科函", "16", builders.rectification),
    Kind("revocation", "撤销决定", "centers.center", "朔科发", "16", builders.revocation, builders.ready_revocation,
         public=True),
    Kind("application_form", "申报书", "applications.application", "", "9(2)", builders.application_form,
         issuer=Role.APPLICANT),
)}


def kinds_for(record) -> list[Kind]:
    label = record._meta.label_lower
    return [k for k in KINDS.values() if k.model == label]


def number_of(series: str, year: int, serial: int) -> str:
    """发文字号 as GB/T 9704-2012 §7.2.4 writes it: 朔科发〔2026〕12号 (六角括号, no leading zeros)."""
    return f"{series}〔{year}〕{serial}号"
