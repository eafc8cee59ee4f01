"""Start-up checks of the operator's settings (run by `ticms check`, `migrate` and `runserver`)."""

from django.conf import settings
from django.core import checks
from django.db import connection


@checks.register()
def pool_needs_postgresql(app_configs, **kwargs):
    # An operator who turned the pool on and runs SQLite would otherwise believe connections are pooled.
    if settings.TICMS_DB_POOL and connection.vendor != "postgresql":
        return [checks.Warning(
            "TICMS_DB_POOL 仅对 PostgreSQL 生效；当前数据库为 SQLite，已忽略。 / TICMS_DB_POOL applies to PostgreSQL "
            "only: the database is SQLite, so connections are not pooled.",
            hint="Unset TICMS_DB_POOL, or set DATABASE_URL to a PostgreSQL database (docs/operations.md).",
            id="ticms.W020")]
    return []
