"""`ticms otp-code USER`: the current TOTP code of a demo account (DEBUG only), so the demo can be signed into
without a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from ticms.accounts.twofactor import current_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo account (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("otp-code works only with DEBUG on (demo and development)")
        device = TOTPDevice.objects.filter(user__username=username, name="demo", confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no demo TOTP device (run `ticms demo` first)")
        self.stdout.write(current_code(device))
