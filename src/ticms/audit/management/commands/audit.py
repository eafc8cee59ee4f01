from django.core.management.base import BaseCommand, CommandError

from ticms.audit.services import verify


class Command(BaseCommand):
    help = "Audit log tools: `ticms audit verify` recomputes the SM3 hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action, **options):
        result = verify()
        if result.ok:
            self.stdout.write(f"OK {result.count} events")
            return
        raise CommandError(
            f"BROKEN at event #{result.broken_seq}: {result.problem} ({result.count} verified before it)"
        )
