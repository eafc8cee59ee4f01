"""What a web worker does not load at start-up (import ticms.wsgi, resolve the URLconf — what gunicorn's master
does with --preload): the packages ticms imports only where they are used. Each was ~1–10 MB in every worker for
requests that rarely or never need it (issue 15, docs/benchmarks.md "Worker memory"); this fails when an import
at the top of a module brings one back."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "ticms.settings"
from ticms.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(sys.modules)))
"""

# package → where it is used, and so imported
LAZY = {
    "cryptography": "SM4 sealing and opening (ticms.crypto.sm4); SM3 comes from hashlib",
    "PIL": "drawing a captcha image (ticms.accounts.captcha)",
    "unittest": "Django's test package, which django-ninja's settings would import (ticms.wsgi)",
    "django.test.client": "the same",
    "xml.dom": "the same",
    "openpyxl": "reading and writing spreadsheets (imports, exports)",
    "qrcode": "the second-factor enrolment page",
    "filetype": "checking an upload's real type",
}


def loaded_at_start(tmp_path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    env.update(PYTHONPATH=str(ROOT / "src"), TICMS_DATA_DIR=str(tmp_path), SECRET_KEY="startup-test-" + "x" * 40,
               TICMS_DATA_KEY="cHJlbG9hZC10ZXN0LWtleQ==")
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_start_up_loads_none_of_the_packages_imported_where_used(tmp_path):
    modules = loaded_at_start(tmp_path)
    loaded = {name: why for name, why in LAZY.items() if any(m == name or m.startswith(name + ".") for m in modules)}
    assert not loaded, f"loaded at start-up, though only needed for: {loaded}"
    assert "django.test.signals" in modules  # django-ninja's settings listen to setting_changed, as before
