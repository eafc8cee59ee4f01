import os

from django.core.management.base import BaseCommand, CommandError

from ticms.audit.services import verify


class Command(BaseCommand):
    help = "Audit log tools: `ticms audit verify` recomputes the SM3 hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                            help="verify ranges of the chain side by side (PostgreSQL; default: one per CPU)")

    def handle(self, *args, action, **options):
        result = verify(processes=max(1, options["processes"]))
        if result.ok:
            self.stdout.write(f"OK {result.count} events")
            return
        raise CommandError(
            f"BROKEN at event #{result.broken_seq}: {result.problem} ({result.count} verified before it)"
        )
