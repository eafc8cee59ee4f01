from django.core.management.base import BaseCommand, CommandError

from ticms.crypto.rotation import remaining, rotate
from ticms.crypto.sm4 import DecryptionError


class Command(BaseCommand):
    help = ("Re-seal every phone number and e-mail address with the current TICMS_DATA_KEY (old keys in "
            "TICMS_DATA_KEYS_OLD). --check only counts what is left under an old key.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check=False, **options):
        try:
            done = {} if check else rotate()
        except DecryptionError as exc:
            raise CommandError(str(exc)) from exc
        for label, count in done.items():
            self.stdout.write(f"{label}: {count} re-sealed")
        left = sum(remaining().values())
        self.stdout.write(f"left under an old key: {left}")
        if check and left:
            raise CommandError(f"{left} records still need `ticms rotate-data-key`")
