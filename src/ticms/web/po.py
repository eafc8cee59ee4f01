"""A tiny reader and writer of gettext .po files and a finder of the msgids the code uses.

Enough for our own catalogue (no plural forms in use, no runtime dependency): `ticms i18n_check` and the
tests use it to fail when a string shown to users has no Chinese translation.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/ticms
ZH_PO = PACKAGE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    comments: list[str] = field(default_factory=list)  # raw "#…" lines, kept as they are

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)


def _unquote(s: str) -> str:
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    return ast.literal_eval(s)


def _quote(s: str) -> str:
    escaped = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    return f'"{escaped}"'


def parse(text: str) -> list[Entry]:
    entries: list[Entry] = []
    comments: list[str] = []
    current: dict[str, str] = {}
    key = ""

    def flush():
        nonlocal comments, current, key
        if "msgid" in current:
            entries.append(
                Entry(
                    current["msgid"],
                    current.get("msgstr", current.get("msgstr[0]", "")),
                    current.get("msgctxt"),
                    comments,
                )
            )
        comments, current, key = [], {}, ""

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            if current:
                flush()
            comments.append(line)
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$', line)
        if m:
            key = m.group(1)
            if key in ("msgctxt", "msgid") and "msgstr" in current:
                flush()
                key = m.group(1)
            current[key] = _unquote(m.group(2))
        elif line.startswith('"') and key:
            current[key] += _unquote(line)
    flush()
    return entries


def dump(entries: list[Entry]) -> str:
    out = []
    for e in entries:
        lines = list(e.comments)
        if e.msgctxt is not None:
            lines.append(f"msgctxt {_quote(e.msgctxt)}")
        for key, value in (("msgid", e.msgid), ("msgstr", e.msgstr)):
            if "\n" in value[:-1] and value:
                lines.append(f'{key} ""')
                lines.extend(_quote(part) for part in value.splitlines(keepends=True))
            else:
                lines.append(f"{key} {_quote(value)}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def catalogue(path: Path = ZH_PO) -> dict[str, str]:
    """msgid → msgstr of the translated (non-fuzzy, non-empty) entries."""
    if not path.exists():
        return {}
    return {e.msgid: e.msgstr for e in parse(path.read_text("utf-8")) if e.msgid and e.msgstr and not e.fuzzy}


# --- msgids the code uses --------------------------------------------------------------------------
_TRANSLATE_TAG = re.compile(r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<s>.*?)(?P=q)(?:\s+[^%]*)?%\}""")
_BLOCK_TAG = re.compile(
    r"\{%\s*blocktrans(?:late)?(?P<args>[^%]*)%\}(?P<body>.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
_UNDERSCORE = re.compile(r"""_\((?P<q>["'])(?P<s>.*?)(?P=q)\)""")
_VAR = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "ugettext", "ugettext_lazy"}


def template_msgids(text: str) -> set[str]:
    found = {m.group("s") for m in _TRANSLATE_TAG.finditer(text)}
    found |= {m.group("s") for m in _UNDERSCORE.finditer(text)}
    for m in _BLOCK_TAG.finditer(text):
        body = m.group("body")
        if "{% plural" in body:
            body = body.split("{% plural", 1)[0]
        if "trimmed" in m.group("args").split():
            body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
        found.add(_VAR.sub(lambda v: f"%({v.group(1)})s", body))
    return found


def python_msgids(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        arg = node.args[0]
        if name in _GETTEXT_NAMES and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.add(arg.value)
    return found


def used_msgids(root: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """msgid → the files (relative to src/ticms) that use it, over templates and Python code."""
    used: dict[str, set[str]] = {}
    for path in root.rglob("*"):
        if "migrations" in path.parts or "__pycache__" in path.parts or not path.is_file():
            continue
        if path.suffix == ".html" and "templates" in path.parts:
            ids = template_msgids(path.read_text("utf-8"))
        elif path.suffix == ".py":
            ids = python_msgids(path.read_text("utf-8"))
        else:
            continue
        for msgid in ids:
            if msgid:
                used.setdefault(msgid, set()).add(str(path.relative_to(root)))
    return used


def missing_translations(root: Path = PACKAGE_DIR, po_path: Path = ZH_PO) -> dict[str, set[str]]:
    translated = catalogue(po_path)
    return {msgid: files for msgid, files in used_msgids(root).items() if msgid not in translated}


# --- merging translations and compiling ------------------------------------------------------------
def read_tsv(path: Path) -> dict[str, str]:
    """msgid<TAB>msgstr lines (the TRANSLATIONS.txt files apps leave); blank lines and # comments skipped."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        msgid, msgstr = line.split("\t", 1)
        msgid, msgstr = msgid.strip(), msgstr.strip()
        if msgid and msgstr:
            out[msgid] = msgstr
    return out


def merge(entries: list[Entry], translations: dict[str, str], *, overwrite: bool = False) -> list[Entry]:
    """Fill entries from `translations`; msgids not yet in the catalogue are appended."""
    by_id = {e.msgid: e for e in entries if e.msgctxt is None}
    for msgid, msgstr in translations.items():
        entry = by_id.get(msgid)
        if entry is None:
            entry = Entry(msgid)
            entries.append(entry)
            by_id[msgid] = entry
        if overwrite or not entry.msgstr or entry.fuzzy:
            entry.msgstr = msgstr
            entry.comments = [c for c in entry.comments if not c.startswith("#,")] + [
                c for c in entry.comments if c.startswith("#,") and "fuzzy" not in c
            ]
    return entries


def write_mo(entries: list[Entry], path: Path) -> None:
    """Compile to a GNU .mo file (the format of Python's Tools/i18n/msgfmt.py) — no gettext tools needed."""
    import struct

    pairs = {}
    for e in entries:
        if e.fuzzy and e.msgid:
            continue
        if not e.msgstr:
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        pairs[key.encode()] = e.msgstr.encode()
    keys = sorted(pairs)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(pairs[k])))
        ids += k + b"\0"
        strs += pairs[k] + b"\0"
    n = len(keys)
    keystart = 7 * 4 + 16 * n
    valuestart = keystart + len(ids)
    koffsets, voffsets = [], []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + keystart]
        voffsets += [l2, o2 + valuestart]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + n * 8, 0, 0)
    body = struct.pack(f"{len(koffsets)}i", *koffsets) + struct.pack(f"{len(voffsets)}i", *voffsets)
    path.write_bytes(header + body + ids + strs)


def translation_files(root: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(root.glob("*/TRANSLATIONS.txt"))
