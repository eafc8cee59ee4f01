"""What a document says, apart from how it looks: the one structure both renderers (DOCX and PDF) read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

ISSUER = "朔州市科学技术局"


def zh_date(day: datetime.date | None) -> str:
    """成文日期 as GB/T 9704-2012 writes it: Arabic numerals, no leading zeros (2026年11月26日)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""


@dataclass
class Content:
    title: str
    paragraphs: list[str]
    recipients: str = ""  # 主送机关
    table: Table | None = None
    closing: list[str] = field(default_factory=list)  # paragraphs after the table
    attachments: list[str] = field(default_factory=list)  # 附件说明
    signer: str = ISSUER  # 发文机关署名
    cc: str = ""  # 抄送机关
    # 发文机关标志 (red header); empty for forms that are not 公文 (申报书, 汇总表)
    masthead: str = f"{ISSUER}文件"
    # A form the applicant signs and stamps (申报书): signature lines instead of the bureau's seal.
    sign_lines: list[str] = field(default_factory=list)
    # Filled in at issue time (or left as placeholders in a preview).
    number: str = ""
    signed_on: datetime.date | None = None
    printed_by: str = ISSUER  # 印发机关

    def context(self, fonts) -> dict:
        """The docxtpl / HTML template context."""
        return {
            "c": self,
            "masthead": self.masthead,
            "number": self.number,
            "title": self.title,
            "recipients": self.recipients,
            "paragraphs": self.paragraphs,
            "table": self.table,
            "closing": self.closing,
            "attachments": self.attachments,
            "signer": self.signer,
            "signed_on": zh_date(self.signed_on),
            "cc": self.cc,
            "printed_by": self.printed_by,
            "printed_on": f"{zh_date(self.signed_on)}印发" if self.signed_on else "",
            "sign_lines": self.sign_lines,
            "is_form": bool(self.sign_lines),
            "fonts": fonts,
        }
