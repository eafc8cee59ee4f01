"""The captcha of the sign-in page (after two failures) and of the public objection form, with Pillow loaded only
when an image is drawn.

django-simple-captcha imports Pillow twice where nothing is drawn: its settings module imports `PIL.features`
(which loads all of `PIL.Image`) for one check of `CAPTCHA_ANIMATED`, and its URLconf imports its views, which
import `PIL.Image`. That put ~4.7 MB into every web worker (issue 15), for an image drawn only after two failed
sign-ins. Here:
- `CaptchaConfig` (in INSTALLED_APPS instead of "captcha": same app, label, models, templates and migrations)
  loads captcha's models with a stand-in for `PIL.features` while `CAPTCHA_ANIMATED` is off (the check is not
  made then), and takes the stand-in away again: a later `import PIL.features` gets the real one;
- `urlpatterns` are captcha's own routes and names, each view importing captcha's view when it is called.
`tests/test_startup_modules.py` fails if start-up loads PIL again; `tests/accounts/test_sign_in.py` draws one.
"""

from __future__ import annotations

import sys
import types

from django.apps import AppConfig
from django.conf import settings
from django.urls import re_path


class CaptchaConfig(AppConfig):
    name = "captcha"
    verbose_name = "验证码"

    def import_models(self) -> None:
        if getattr(settings, "CAPTCHA_ANIMATED", False) or "PIL.features" in sys.modules:
            super().import_models()
            return
        stand_in = types.ModuleType("PIL.features", "Taken away once captcha's models are loaded.")
        stand_in.check = _not_checked
        sys.modules["PIL.features"] = stand_in
        try:
            super().import_models()
        finally:
            if sys.modules.get("PIL.features") is stand_in:
                del sys.modules["PIL.features"]


def _not_checked(feature: str) -> bool:
    raise RuntimeError("PIL.features is not loaded while captcha's models are: set CAPTCHA_ANIMATED before start-up")


def _on_call(name: str):
    def view(request, *args, **kwargs):
        from captcha import views

        return getattr(views, name)(request, *args, **kwargs)

    view.__name__ = view.__qualname__ = name
    view.__module__ = "captcha.views"  # captcha's page, not one of ours (tests/test_routes.py)
    return view


# As captcha.urls, whose names captcha's form field reverses.
urlpatterns = [
    re_path(r"image/(?P<key>\w+)/$", _on_call("captcha_image"), name="captcha-image", kwargs={"scale": 1}),
    re_path(r"image/(?P<key>\w+)@2/$", _on_call("captcha_image"), name="captcha-image-2x", kwargs={"scale": 2}),
    re_path(r"audio/(?P<key>\w+).wav$", _on_call("captcha_audio"), name="captcha-audio"),
    re_path(r"refresh/$", _on_call("captcha_refresh"), name="captcha-refresh"),
]
