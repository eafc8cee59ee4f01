"""`ticms calendar period START [--days N] [--unit working|calendar]` prints START and END;
`ticms calendar import FILE --year YYYY [--source TEXT]` enters a year's schedule (CSV: date,type,note);
`ticms calendar years` lists the years with a schedule."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ticms.errors import ServiceError
from ticms.policy import calendar, services
from ticms.policy.loader import PolicyError, current_policy


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”无效，应为YYYY-MM-DD格式") from None


class Command(BaseCommand):
    help = "Working-day calendar: compute a period, import a year's holiday schedule, list known years."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        period = sub.add_parser("period", help="print the start and the last day of a period")
        period.add_argument("start", help="first day, YYYY-MM-DD (day 1 when it is a working day)")
        period.add_argument("--days", type=int, default=None,
                            help="length (default: the notice length of the policy in force on START)")
        period.add_argument("--unit", choices=["working", "calendar"], default=None,
                            help="working or calendar days (default: the policy's unit on START, else working)")
        imp = sub.add_parser("import", help="enter a year's schedule from a CSV file (date,type,note)")
        imp.add_argument("file")
        imp.add_argument("--year", type=int, required=True)
        imp.add_argument("--source", default="", help="e.g. 国办发明电〔2026〕×号")
        sub.add_parser("years", help="list the years with a schedule")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except calendar.UnknownCalendarYear as exc:
            raise CommandError(str(exc)) from None
        except ServiceError as exc:
            detail = "\n".join(exc.detail) if isinstance(exc.detail, list) else str(exc.detail)
            raise CommandError(detail) from None
        except PolicyError as exc:
            raise CommandError(str(exc)) from None

    def handle_period(self, start, days, unit, **options):
        """Any date whose year has a schedule; the policy supplies only the defaults, where it is in force on START."""
        first = _date(start)
        if days is not None and days < 1:
            raise CommandError("天数至少为1")
        if days is None or unit is None:
            policy = current_policy()
            in_force = policy.is_in_force(first)
            if unit is None:
                unit = policy.param("notice_day_unit", first) if in_force else "working"
            if days is None:
                if not in_force:
                    raise CommandError(
                        f"{first.isoformat()}不在《{policy.title}》施行期内（{policy.effective_from.isoformat()}至"
                        f"{policy.expires_on.isoformat()}），没有默认的公示天数，请用 --days 指明天数")
                days = policy.param("notice_length", first)
        end = calendar.Calendar().period_end(first, days, unit)
        self.stdout.write(f"{first.isoformat()} {end.isoformat()}")

    def handle_import(self, file, year, source, **options):
        path = Path(file)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件“{file}”：{exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        days = services.parse_schedule(text, year)
        services.import_year(year, days, None, source=source or f"CLI: {path.name}")
        rest = sum(1 for _d, working, _n in days if not working)
        self.stdout.write(f"{year}: {len(days)} 天已录入（休 {rest}，班 {len(days) - rest}）")

    def handle_years(self, **options):
        for y in calendar.known_years():
            self.stdout.write(f"{y.year} {y.source} 休{y.holidays} 班{y.workdays}")
