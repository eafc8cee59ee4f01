from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ticms.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a new directory under DIR (default ./var/backups)."

    def add_arguments(self, parser):
        parser.add_argument("dir", nargs="?", default="var/backups")

    def handle(self, *args, dir, **options):
        try:
            out = backup(Path(dir))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(out))
