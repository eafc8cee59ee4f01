"""What every page must pass, whoever looks at it: the checks of tests/browser/test_every_page.py.

`Visitor` opens a page in a Playwright context and reports, as Chinese-free English sentences for the developer,
everything a user would notice: a status other than 200, a console error (a refused inline script or style among
them: the Content-Security-Policy stays on), a sub-resource answered with 4xx/5xx, a page wider than the screen,
an axe-core violation of impact critical or serious, and English words or raw code in the visible text.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

# Proper names and abbreviations a Chinese government page legitimately writes in Latin letters.
ALLOWED_WORDS = frozenset(
    "SM2 SM3 SM4 SHA API XLSX PDF DOCX OFD CSV JPG JPEG PNG ICP TOTP ID URL HTTP HTTPS GB KB MB IP PC APP "
    "Excel Word WPS Office".split()
)
# Removed from the text before it is read for words: addresses, record numbers, dates and times, file names.
_PROPER = [
    re.compile(r"https?://\S+"),
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    re.compile(r"\b[A-Z]{2,6}(-[0-9A-Z]{1,8}){1,4}\b"),  # record numbers: SZCX-2026-0004, SZJZ-2026-003
    re.compile(r"\b[A-Z]{1,6}\d{6,}\b"),  # 受理编号 YY2026061500001
    re.compile(r"\b[\w.-]+\.(pdf|docx|xlsx|csv|ofd|png|jpg|jpeg|zip)\b", re.I),
    re.compile(r"GB/T\s*[\d.]+(-\d+)?"),
]
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.:][A-Za-z0-9_]+)*")
# Signs of code or of a Python/JSON value printed as it is.
_CODE = [
    re.compile(r"\{[^{}]*[:}]"),  # {'a': 1}, {field}, {}
    re.compile(r"\[\s*'"),  # ['a', 'b']
    re.compile(r"\b(None|True|False|null|undefined|NaN)\b"),
    re.compile(r"<[a-z]+[ >]"),  # escaped markup
    re.compile(r"Traceback|Exception|Error\b"),
]


def foreign_words(text: str, extra_allowed: frozenset[str] = frozenset()) -> list[str]:
    """The English words and pieces of raw code a Chinese reader would see in `text`, in order, each once."""
    for pattern in _PROPER:
        text = pattern.sub(" ", text)
    found: list[str] = []
    for pattern in _CODE:
        found += [m.group(0) for m in pattern.finditer(text)]
    allowed = ALLOWED_WORDS | extra_allowed
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word in allowed:
            continue
        found.append(word)
    return list(dict.fromkeys(found))


# The visible text of the page, minus what is marked as a literal identifier (translate="no": a user name, a key
# fingerprint — data the user typed or must type back, not words of the interface).
_VISIBLE_TEXT = """() => {
  const marked = [...document.querySelectorAll('[translate="no"], details:not([open]) > :not(summary)')];
  marked.forEach(e => e.setAttribute('data-ticms-hidden', e.hidden ? 'was' : ''));
  marked.forEach(e => { e.hidden = true; });
  const text = document.body.innerText;
  marked.forEach(e => {
    e.hidden = e.getAttribute('data-ticms-hidden') === 'was';
    e.removeAttribute('data-ticms-hidden');
  });
  return text;
}"""


_TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'critical' || v.impact === 'serious')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '')
                  .replace(/\\s+/g, ' ').slice(0, 160))}));
}"""


def session_cookie(username: str) -> tuple[str, str]:
    """A signed-in session of `username` (second factor passed: tests/conftest.py), without typing the form."""
    from django.conf import settings
    from django.test import Client

    from ticms.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


@dataclass
class Visit:
    url: str
    status: int | None = None
    final_url: str = ""
    problems: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class Visitor:
    """One browser context (one signed-in user), axe-core loaded into every page before the page's own scripts."""

    def __init__(self, browser, base_url: str, session_cookie: tuple[str, str] | None = None):
        self.base = base_url
        self.host = urlparse(base_url).netloc
        self.context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(path=str(AXE))
        if session_cookie:
            name, value = session_cookie
            self.context.add_cookies([{"name": name, "value": value, "url": base_url}])
        self.page = self.context.new_page()
        self.spent = {"load": 0.0, "text": 0.0, "axe": 0.0, "pages": 0}  # seconds, shown with pytest -s
        self._events: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self._events.append(f"script error: {exc}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._failed)

    def _console(self, message):
        # a 4xx/5xx answer is also logged as "Failed to load resource": _response reports it, with its URL
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._events.append(f"console error: {message.text[:200]}")

    def _response(self, response):
        if response.request.resource_type != "document" and response.status >= 400:
            self._events.append(f"sub-resource {response.status}: {response.url}")

    def _failed(self, request):
        # The icon's request of the page before can be cut off by this page's navigation (net::ERR_ABORTED).
        if "favicon" in request.url:
            return
        if request.resource_type != "document" and urlparse(request.url).scheme in ("http", "https"):
            self._events.append(f"request failed ({request.failure}): {request.url}")

    def close(self):
        self.context.close()

    def visit(self, path: str, *, text_allowed: frozenset[str] = frozenset(), expect_status: int = 200) -> Visit:
        """Open `path` at desktop width and check it, then narrow the window to a phone's and check it again (the
        page is not loaded twice: the media queries apply on resize); the links are read at desktop width."""
        visit = Visit(url=path)
        self.page.set_viewport_size(DESKTOP)
        self._events.clear()
        started = time.monotonic()
        response = self.page.goto(self.base + path, wait_until="load")
        self.spent["load"] += time.monotonic() - started
        self.spent["pages"] += 1
        started = time.monotonic()
        visit.status, visit.final_url = (response.status if response else None), self.page.url
        if visit.status != expect_status:
            visit.problems.append(f"status {visit.status} (expected {expect_status})")
        words = foreign_words(self.page.evaluate(_VISIBLE_TEXT), text_allowed)
        if words:
            visit.problems.append(f"English or code on screen: {words[:12]}")
        visit.links = self._links()
        self.spent["text"] += time.monotonic() - started
        started = time.monotonic()
        for viewport in (DESKTOP, PHONE):
            width = viewport["width"]
            self.page.set_viewport_size(viewport)
            self.page.evaluate(_TWO_FRAMES)  # the resize handlers have run
            scroll = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll[0] > scroll[1]:
                visit.problems.append(
                    f"{width}px: page is {scroll[0]}px wide, the screen {scroll[1]}px ({self._widest()})"
                )
            for violation in self.page.evaluate(_AXE_RUN):
                visit.problems.append(
                    f"{width}px axe {violation['impact']} {violation['id']} ({violation['help']}): "
                    + " | ".join(violation["targets"])
                )
        self.spent["axe"] += time.monotonic() - started
        # whatever the page loaded after `load` (htmx fragments) has had the two axe runs' time to arrive
        visit.problems += list(dict.fromkeys(self._events))
        return visit

    def _widest(self) -> str:
        """The narrowest element that sticks out past the right edge and is not inside a box that scrolls or clips
        it (that element, or what it holds, is what widens the page)."""
        return self.page.evaluate("""() => {
          const w = window.innerWidth;
          const clipped = e => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            }
            return false;
          };
          let worst = null;
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > w + 1 && !clipped(e) && (!worst || r.width < worst.r.width)) worst = {e, r};
          }
          if (!worst) return 'no element found';
          const e = worst.e;
          const classes = typeof e.className === 'string' ? e.className.trim().split(/\\s+/).join('.') : '';
          return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (classes ? '.' + classes : '') +
                 ' ends at ' + Math.round(worst.r.right) + 'px: ' + (e.textContent || '').trim().slice(0, 60);
        }""")

    def _links(self) -> list[str]:
        hrefs = self.page.evaluate(
            "[...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download')).map(a => a.href)"
        )
        paths = []
        for href in hrefs:
            parsed = urlparse(href)
            if parsed.netloc == self.host and parsed.scheme in ("http", "https"):
                paths.append(parsed.path)
        return list(dict.fromkeys(paths))
