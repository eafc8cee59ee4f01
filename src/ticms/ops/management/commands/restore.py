from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ticms.ops.backup import BackupError
from ticms.ops.restore import check_backup, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ticms backup` (stop the server first). The backup is checked completely and "
        "restored into a new place first; the live data is switched only when that copy is verified, and kept "
        "beside it. --check verifies a backup and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask; the live data is switched to the backup")
        parser.add_argument("--check", action="store_true", help="verify the backup only; nothing changes")

    def handle(self, *args, path, yes, check: bool, **options):
        try:
            if check:
                count = check_backup(Path(path))
                self.stdout.write(f"backup OK; audit chain OK ({count} events); nothing was changed")
                return
            if not yes:
                raise CommandError("restore switches the live database and files to the backup; run again with --yes")
            result = restore(Path(path))
        except BackupError as exc:
            raise CommandError(f"{exc}. Nothing was changed.") from exc
        self.stdout.write(f"restored; audit chain OK ({result.audit_events} events)")
        if result.previous_database:
            self.stdout.write(f"the database before the restore is kept as {result.previous_database}")
        if result.previous_media:
            self.stdout.write(f"the uploaded files before the restore are kept in {result.previous_media}")
