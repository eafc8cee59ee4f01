"""`ticms policy show [--file F] [--on DATE]` prints the measures as the system applies them;
`ticms policy check FILE` validates a policy file (exit status 1 with the file and key named when it is wrong)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ticms.policy.citation import cite
from ticms.policy.loader import PolicyError, current_policy, load_policy
from ticms.policy.rules import RULES


class Command(BaseCommand):
    help = "Show or check the policy file (the measures as parameters)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="print the policy in force")
        show.add_argument("--file", default=None, help="another policy file (default: settings.TICMS_POLICY_FILE)")
        show.add_argument("--on", default=None, help="the date to show values for, YYYY-MM-DD (default: today)")
        check = sub.add_parser("check", help="validate a policy file")
        check.add_argument("file")

    def handle(self, *args, action, **options):
        try:
            if action == "check":
                policy = load_policy(options["file"])
                self.stdout.write(self.style.SUCCESS(f"OK: {policy.title} ({policy.jurisdiction})"))
                return
            policy = load_policy(options["file"]) if options["file"] else current_policy()
            on = datetime.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
            self.show(policy, on)
        except PolicyError as exc:
            raise CommandError(str(exc)) from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None

    def show(self, policy, on):
        out = self.stdout.write
        out(f"{policy.title} [{policy.jurisdiction}] {policy.path}")
        out(f"发布 {policy.published_on}  施行 {policy.effective_from}  有效期至 {policy.expires_on}"
            f"（剩余 {policy.days_to_expiry(on)} 天）")
        if policy.replaces:
            out(f"废止 {policy.replaces}")
        out(f"\n参数（{on}）：")
        for p in policy.parameters.values():
            since = p.effective_since(on)
            value = p.value_on(on) if since else "—"
            if isinstance(value, tuple):
                value = "、".join(value)
            out(f"  {p.name:28} {value}{p.unit_label}  （{cite(p.article)}，{since or '未生效'}起）  {p.description}")
        out("\n基本条件（第八条）：")
        for r in RULES:
            out(f"  {r.code:28} {cite(r.article)}  {r.title}")
        out(f"\n领域（{cite(policy.fields_article)}）：" + "、".join(policy.field_names))
        out("\n专家论证指标：")
        for i in policy.review_indicators:
            out(f"  {i.code:28} {i.max:>3}  {i.name}（{cite(i.article)}）")
