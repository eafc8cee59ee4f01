"""`ticms reviews redraw-check PANEL_ID`: recompute a panel's draws from the stored seeds and compare."""

from django.core.management.base import BaseCommand, CommandError

from ticms.reviews.models import Panel
from ticms.reviews.selectors import redraw_check


class Command(BaseCommand):
    help = "专家抽取核验：ticms reviews redraw-check 专家组编号"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("redraw-check", help="按记录的随机种子重新抽取并与记录比对")
        check.add_argument("panel_id", type=int)

    def handle(self, *args, **options):
        try:
            panel = Panel.objects.get(pk=options["panel_id"])
        except Panel.DoesNotExist as exc:
            raise CommandError(f"专家组 {options['panel_id']} 不存在。") from exc
        result = redraw_check(panel)
        for line in result.lines:
            self.stdout.write(line)
        if not result.ok:
            raise CommandError("核验不一致：重新计算的抽取结果与记录不同。")
        self.stdout.write(self.style.SUCCESS("核验一致。"))
