"""End-to-end tests in Debian's Chromium through Playwright (never `playwright install`: no internet here).

Without Chromium the tests skip with a reason, except under CI (the CI environment variable set), where a
missing browser is a failure: a suite that silently skips its browser tests proves nothing.
"""

import os
import shutil
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("TICMS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "pass-12345"  # tests/factories.py


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed in this environment")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, live_server, user, password: str = PASSWORD):
    """Sign in through the real login form — and, for a role that needs one, the second factor (a TOTP device is
    enrolled for the test user and its current code typed in); returns the page on the landing page."""
    from ticms.accounts import twofactor

    device = None
    if twofactor.required(user):
        device = twofactor.enrol_known_secret(user, "ab" * 20)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_load_state()
    if device is not None:
        page.locator("#id_token, .alert-danger").first.wait_for()  # the second step, or a refused password
    # The code field itself, not the URL: on a busy machine the URL may still read /login/ while the second step's
    # form is already drawn, and the next page would then meet the second step again.
    if device is not None and page.locator("#id_token").count():
        page.fill("#id_token", _fresh_code(device))
        # Wait for the answer to the code itself: wait_for_load_state() alone may see the old page still loaded,
        # and the test's next page would then meet the second step again.
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    return page


def _fresh_code(device) -> str:
    """A code django-otp accepts now and has not accepted before: it refuses a step already used, so a second
    sign-in of the same user within 30 seconds types the next step's code (tolerance 1), waiting only when
    even that one is used."""
    import time

    from django_otp.oath import hotp

    device.refresh_from_db()
    while True:
        now_t = (int(time.time()) - device.t0) // device.step + device.drift
        # The current step first, not the one before: on a busy machine the code may reach the server after the
        # step has turned, and the one before would then be two steps old (refused: tolerance 1).
        t = max(now_t, device.last_t + 1)
        if t <= now_t + 1:
            return f"{hotp(device.bin_key, t, digits=device.digits):0{device.digits}d}"
        time.sleep(1)


@pytest.fixture
def demo_data(transactional_db, frozen_today):
    """`ticms demo`'s records and accounts (tests/browser/test_every_page.py, screens.py). A transactional test
    empties the tables after it, the competent units a migration seeds among them: they are seeded again first
    (serialized rollback would collide with the content types Django re-creates after each flush)."""
    import importlib
    import io

    from django.apps import apps
    from django.core.management import call_command

    importlib.import_module("ticms.accounts.migrations.0002_seed_competent_units").seed(apps, None)
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def login():
    """`login(page, live_server, user)`: sign in through the real form (password of tests/factories.py)."""
    return sign_in


def record_foreign_requests(page, live_server) -> list[str]:
    """Start recording requests; the returned list collects every request that leaves the live server."""
    host = urlparse(live_server.url).netloc
    foreign: list[str] = []

    def check(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if parsed.netloc != host:
            foreign.append(request.url)

    page.on("request", check)
    return foreign


@pytest.fixture
def foreign_requests():
    """`foreign_requests(page, live_server)` → a list that fills with every request not sent to the live server."""
    return record_foreign_requests
