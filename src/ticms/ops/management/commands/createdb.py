"""`ticms createdb`: create the PostgreSQL database named in DATABASE_URL when it does not exist yet.

`make run` calls it before `ticms migrate`, so `DATABASE_URL=postgres://postgres@127.0.0.1:5432/ticms make run`
works on a fresh server. On SQLite there is nothing to do (the file is created on first use).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Create the PostgreSQL database of DATABASE_URL if it is missing (no-op on SQLite)."

    def handle(self, *args, **options):
        connection = connections["default"]
        if connection.vendor != "postgresql":
            self.stdout.write(f"{connection.vendor}: nothing to create")
            return
        # Imported here: psycopg is the PostgreSQL driver, absent from a SQLite-only installation.
        import psycopg
        from psycopg import sql

        params = connection.get_connection_params()
        name = params.pop("dbname")
        params.pop("cursor_factory", None)
        params.pop("context", None)
        try:
            # CREATE DATABASE cannot run inside a transaction, nor from the database it creates.
            with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as conn:
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                    self.stdout.write(f"数据库“{name}”已存在")
                    return
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            raise CommandError(f"无法创建数据库“{name}”：{str(exc).strip()}") from None
        self.stdout.write(f"已创建数据库“{name}”")
