import datetime
import os

from django.core.management.base import BaseCommand, CommandError

from ticms.audit import checkpoints
from ticms.audit.sealing import seal
from ticms.audit.services import verify


class Command(BaseCommand):
    help = (
        "Audit log tools: `ticms audit verify` recomputes the SM3 hash chain; `ticms audit seal` links events "
        "left unsealed into it (normally done right after each commit, and by the worker every 10 minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "seal"])
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="verify ranges of the chain side by side (PostgreSQL; default: one per CPU)",
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="verify: re-hash the whole chain from its first event, ignoring signed checkpoints",
        )
        parser.add_argument(
            "--stale-after",
            type=int,
            default=900,
            metavar="SECONDS",
            help="verify: an event unsealed for longer is a finding (default 900)",
        )

    def handle(self, *args, action, **options):
        if action == "seal":
            self.stdout.write(f"sealed {seal()} events")
            return
        result = verify(
            processes=max(1, options["processes"]),
            stale_after=datetime.timedelta(seconds=max(0, options["stale_after"])),
            from_checkpoint=not options["full"],
        )
        if result.ok:
            # A verification that passed is the only thing that writes a checkpoint.
            checkpoints.write(result.count, result.last_hash)
            pending = f" ({result.unsealed} written in the last moments, not yet sealed)" if result.unsealed else ""
            since = (
                f"; events 1–{result.checkpoint} by the signed checkpoint (--full re-hashes them)"
                if result.checkpoint
                else ""
            )
            self.stdout.write(f"OK {result.count} events{pending}{since}")
            return
        raise CommandError(
            f"BROKEN at event #{result.broken_seq}: {result.problem} ({result.count} verified before it)"
        )
