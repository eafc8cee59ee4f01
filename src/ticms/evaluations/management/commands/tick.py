"""`ticms tick`: the daily deadline run (safe from cron; running it twice the same day adds nothing)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from ticms.evaluations import tick
from ticms.notifications import jobs, reminders


class Command(BaseCommand):
    help = "每日到期处理：标记评估材料逾期、整改期限已过的记录，列出本年度到期未评估的中心，发送期限提醒（幂等）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="以该日期（YYYY-MM-DD）为今天运行，用于补跑或测试")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today 须为 YYYY-MM-DD 格式的日期") from exc
        # Through the job runner, so the system admin's jobs page shows this run; reminders go out in the same run.
        report = jobs.run_job("tick", lambda: tick.run(today))
        reminded = jobs.run_job("reminders", lambda: reminders.run(today))
        out = self.stdout
        out.write(f"{report.today.isoformat()} 到期处理")
        out.write(f"  新标记评估材料逾期：{len(report.materials_overdue)}")
        for ev in report.materials_overdue:
            out.write(f"    - {ev.center.official_name}（截止 {ev.round.materials_deadline.isoformat()}）")
        out.write(f"  新标记整改期限已过：{len(report.rectifications_overdue)}")
        for rect in report.rectifications_overdue:
            out.write(f"    - {rect.evaluation.center.official_name}（期限 {rect.deadline.isoformat()}）")
        out.write(f"  本年度到期尚未纳入评估批次的中心：{len(report.due_uncovered)}")
        for center, due in report.due_uncovered:
            out.write(f"    - {center.official_name}（到期 {due.isoformat()}）")
        out.write(f"  发送期限提醒：{reminded['reminders']}")
