from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ticms.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `ticms backup` (stop the server first), then verify the audit chain."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask; the current data is replaced")

    def handle(self, *args, path, yes, **options):
        if not yes:
            raise CommandError("restore replaces the current database and files; run again with --yes")
        try:
            result = restore(Path(path))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored; audit chain OK ({result.audit_events} events)")
