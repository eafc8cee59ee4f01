"""`ticms serve` does not name its server software: no `Server: gunicorn` for a scanner to match exploits to."""

import os
from pathlib import Path

from tests.served import serving

ROOT = Path(__file__).resolve().parents[2]


def test_served_answers_carry_no_server_header(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"} and not k.startswith("TICMS_")}
    env.update(DJANGO_SETTINGS_MODULE="ticms.settings", PYTHONPATH=str(ROOT / "src"), TICMS_DATA_DIR=str(tmp_path),
               SECRET_KEY="server-banner-test-key-" + "x" * 30, TICMS_DATA_KEY="c2VydmVyLWJhbm5lci0xNg==")
    with serving(env) as get:
        # A static file: served without a database (whitenoise finds it in the app's static folder).
        response = get("/static/web/ticms.js")
    assert response.status == 200
    assert response.headers.get("Server") is None
    assert "gunicorn" not in str(response.headers).lower()
