"""Which installed fonts stand in for the ones GB/T 9704-2012 names.

The standard sets the body in 3号仿宋_GB2312 and the title in 2号小标宋; those are commercial fonts that a Debian
server rarely has. We ask fontconfig for each, in order, and fall back to Debian's Noto CJK (fonts-noto-cjk):
Noto Serif CJK SC for the body and Noto Serif CJK SC Bold for the title. The names used are written into every
issued document (IssuedDocument.fonts) and the DOCX names the standard's fonts first, so a reader's Word that has
them shows the real thing.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass

BODY_WANTED = ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong")
TITLE_WANTED = ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "华文中宋", "STZhongsong")
HEADING_WANTED = ("黑体", "SimHei")
BODY_FALLBACK = "Noto Serif CJK SC"
HEADING_FALLBACK = "Noto Sans CJK SC"


@dataclass(frozen=True)
class Fonts:
    body: str
    title: str
    heading: str
    title_bold: bool  # the fallback needs bold to look like 小标宋

    def describe(self) -> str:
        bold = "（加粗）" if self.title_bold else ""
        return f"正文：{self.body}；标题：{self.title}{bold}；标志/小标题：{self.heading}"


@functools.cache
def installed_families() -> frozenset[str]:
    if not shutil.which("fc-list"):
        return frozenset()
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def _first(wanted: tuple[str, ...], families: frozenset[str]) -> str | None:
    return next((name for name in wanted if name in families), None)


@functools.cache
def chosen() -> Fonts:
    families = installed_families()
    title = _first(TITLE_WANTED, families)
    return Fonts(
        body=_first(BODY_WANTED, families) or BODY_FALLBACK,
        title=title or BODY_FALLBACK,
        heading=_first(HEADING_WANTED, families) or HEADING_FALLBACK,
        title_bold=title is None,
    )
