import argparse
import os
import shutil
import sys

from django.core.management.base import BaseCommand

from ticms.settings import env_bool


class Command(BaseCommand):
    help = "Serve ticms with gunicorn (static files by whitenoise). Run collectstatic first."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("TICMS_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("TICMS_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("TICMS_THREADS", "1")),
                            help="threads per worker (gthread worker when > 1; default TICMS_THREADS or 1)")
        # On by default: the application is imported once, in the master, and the workers share its pages; the
        # price is that a HUP no longer loads changed code (docs/operations.md, "Workers and memory").
        parser.add_argument("--preload", action=argparse.BooleanOptionalAction,
                            default=env_bool("TICMS_PRELOAD", True),
                            help="import the application before forking workers (default TICMS_PRELOAD or on)")

    def handle(self, *args, bind, workers, threads, preload, **options):
        self.stdout.write(f"ticms: serving on http://{bind}/  (Ctrl+C to stop)")
        self.stdout.flush()
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        os.execv(
            gunicorn,
            [gunicorn, "ticms.wsgi:application", "--config", "python:ticms.ops.gunicorn_conf",
             "--bind", bind, "--workers", str(max(1, workers)),
             *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
             *(["--preload"] if preload else []),
             "--access-logfile", "-", "--timeout", "120"],
        )
