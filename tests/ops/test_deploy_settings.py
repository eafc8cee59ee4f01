"""Safe to deploy: no key from the source code outside development, and the documented production settings pass
`ticms check --deploy` without a warning (each start is a real `ticms` process with its own environment)."""

import base64
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OPERATIONS = ROOT / "docs" / "operations.md"


def ticms(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # The suite's own environment carries a test key (tests/settings.py); a real start has only what it is given.
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            and not k.startswith("TICMS_")}
    env = {**base, "DJANGO_SETTINGS_MODULE": "ticms.settings", "PYTHONPATH": str(ROOT / "src"), **env}
    return subprocess.run([sys.executable, "-m", "ticms.cli", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def documented_production_environment() -> dict[str, str]:
    """The KEY=value lines of the production environment file shown in docs/operations.md."""
    text = OPERATIONS.read_text(encoding="utf-8")
    block = re.search(r"```sh\n# /etc/ticms/ticms.env\n(.*?)```", text, re.S)
    assert block, "docs/operations.md lost its production environment file"
    env = dict(line.split("=", 1) for line in block[1].splitlines() if line and not line.startswith("#"))
    assert env["SECRET_KEY"].startswith("<")  # a placeholder in the docs, a random key here
    assert env["TICMS_DATA_KEY"].startswith("<")
    return {**env, "SECRET_KEY": secrets.token_urlsafe(50),
            "TICMS_DATA_KEY": base64.b64encode(secrets.token_bytes(16)).decode()}


def test_without_secret_key_and_debug_off_ticms_refuses_to_start(tmp_path):
    result = ticms({"TICMS_DATA_DIR": str(tmp_path)}, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "未设置 SECRET_KEY" in result.stderr and "SECRET_KEY is not set" in result.stderr


def test_the_development_key_serves_only_with_debug_on(tmp_path):
    result = ticms({"TICMS_DATA_DIR": str(tmp_path), "DEBUG": "1"}, "shell", "-v", "0", "-c",
                   "from django.conf import settings; print(settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_documented_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    env = {**documented_production_environment(), "TICMS_DATA_DIR": str(tmp_path)}
    assert env["TICMS_HTTPS"] == "1" and env["TICMS_TRUSTED_PROXIES"]
    result = ticms(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_https_turns_on_every_secure_setting(tmp_path):
    env = {**documented_production_environment(), "TICMS_DATA_DIR": str(tmp_path)}
    result = ticms(env, "shell", "-v", "0", "-c", "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
                   "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
                   "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_PROXY_SSL_HEADER)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True", "('HTTP_X_FORWARDED_PROTO',",
                                     "'https')"]


def test_without_https_the_development_server_is_not_redirected(tmp_path):
    result = ticms({"TICMS_DATA_DIR": str(tmp_path), "DEBUG": "1"}, "shell", "-v", "0", "-c",
                   "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)")
    assert result.stdout.split() == ["False", "0"]


def test_a_trusted_proxy_that_is_not_an_address_is_refused_by_name(tmp_path):
    env = {"TICMS_DATA_DIR": str(tmp_path), "DEBUG": "1", "TICMS_TRUSTED_PROXIES": "10.0.0.1,proxy.local"}
    result = ticms(env, "check")
    assert result.returncode != 0 and "proxy.local" in result.stderr


def test_a_cache_url_shares_the_cache_between_processes_through_redis(tmp_path):
    """Several application servers see one cache (the dashboard's figures) when TICMS_CACHE_URL names Redis."""
    env = {"DEBUG": "1", "TICMS_DATA_DIR": str(tmp_path), "TICMS_CACHE_URL": "redis://127.0.0.1:6379/15"}
    key = f"perf-test-{secrets.token_hex(4)}"
    write = ticms(env, "shell", "-c", f"from django.core.cache import cache; cache.set('{key}', 'shared', 30)")
    assert write.returncode == 0, write.stderr
    read = ticms(env, "shell", "-c", f"from django.core.cache import cache; print(cache.get('{key}'))")
    assert read.returncode == 0 and read.stdout.strip().splitlines()[-1] == "shared", read.stderr
