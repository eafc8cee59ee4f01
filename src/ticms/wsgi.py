import importlib.util
import os
import sys
from pathlib import Path

import django
from django.core.wsgi import get_wsgi_application


def _test_signals_alone() -> None:
    """django-ninja's settings import `setting_changed` from `django.test.signals`, and importing that module runs
    `django/test/__init__.py` first: Django's test client and test cases, unittest and xml, ~2 MB in every web
    worker that never runs a test (issue 15). Load `django.test.signals` alone, from its file, as the package
    would (the same module, its receivers connected); a later `import django.test` still loads the rest."""
    if "django.test" in sys.modules or "django.test.signals" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "django.test.signals", Path(django.__file__).parent / "test" / "signals.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ticms.settings")
_test_signals_alone()
application = get_wsgi_application()
