"""`ticms breakglass --reason "..."`: the only way to a superuser, for an emergency (no security administrator
left, admin locked out). Opening and closing are written to the audit chain with the reason and the operator."""

import getpass
import socket

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ticms.accounts.models import User
from ticms.accounts.services import temporary_password
from ticms.audit.services import record


class Command(BaseCommand):
    help = "Open (or --close) the audited break-glass superuser account."

    def add_arguments(self, parser):
        parser.add_argument("--reason", required=True, help="why (kept in the audit log)")
        parser.add_argument("--username", default="breakglass")
        parser.add_argument("--close", action="store_true", help="take the superuser status away and disable it")

    def handle(self, *args, reason, username, close, **options):
        reason = reason.strip()
        if len(reason) < 10:
            raise CommandError("--reason must say why, in at least 10 characters")
        operator = f"{getpass.getuser()}@{socket.gethostname()}"
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if close:
                if user is None or not user.is_superuser:
                    raise CommandError(f"{username} is not an open break-glass account")
                user.is_superuser = user.is_staff = user.is_active = False
                user.save()
                record("breakglass.close", obj=user, role="breakglass", data={"reason": reason, "operator": operator})
                self.stdout.write(f"closed {username}")
                return
            if user is not None and (user.memberships.exists()):
                raise CommandError(f"{username} holds roles; break-glass uses an account of its own")
            user = user or User(username=username, display_name="应急超级用户")
            raw = temporary_password()
            user.set_password(raw)
            user.is_superuser = user.is_staff = user.is_active = True
            user.must_change_password = False
            user._breakglass = True
            user.save()
            record("breakglass.open", obj=user, role="breakglass", data={"reason": reason, "operator": operator})
        self.stdout.write(f"break-glass account {username} open; password (shown once): {raw}")
        self.stdout.write("It enrols a second factor at sign-in. Close it: ticms breakglass --close --reason ...")
