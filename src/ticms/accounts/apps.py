from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ticms.accounts"
    verbose_name = "账户与单位"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import (
            checks,  # noqa: F401  (no superuser outside break-glass)
            credentials,
            models,
            sessions,
            units,  # noqa: F401  (forgets the cached units when one changes)
        )

        models.AFTER_SAVE.append(credentials.after_save)

        # Every sign-in becomes a tracked session (one per user); every sign-out closes its row.
        user_logged_in.connect(lambda sender, request, user, **kw: sessions.track(request, user),
                               dispatch_uid="ticms_track_session", weak=False)
        user_logged_out.connect(lambda sender, request, user, **kw: sessions.signed_out(request),
                                dispatch_uid="ticms_end_session", weak=False)
