"""`ticms import <kind> FILE --user USERNAME [--apply]`: the same dry run (default) or apply as the pages and
the API, acting as USERNAME (who must hold the import's role); prints every problem by row and column."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from ticms.accounts.models import User
from ticms.errors import ServiceError
from ticms.imports import services
from ticms.imports.kinds import specs


class Command(BaseCommand):
    help = "Import an XLSX into a register (experts, centers, outputs, calendar): dry run, or --apply."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(specs()))
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="the account the import acts as (audited)")
        parser.add_argument("--apply", action="store_true", help="write the rows (all or none); default: dry run")

    def handle(self, *args, kind, file, user, apply, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"文件“{file}”不存在。")
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"没有启用的账号“{user}”。")
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            upload.size = path.stat().st_size
            try:
                run = services.apply if apply else services.dry_run
                report = run(kind, upload, actor=actor)
            except ServiceError as exc:
                raise CommandError(str(exc.detail)) from None
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from None
        for problem in report.problems:
            self.stderr.write(problem.text())
        if report.problems:
            raise CommandError(f"发现{len(report.problems)}处问题，未导入任何记录。")
        for warning in report.warnings:
            self.stdout.write(warning)
        if report.applied:
            self.stdout.write(f"已导入{report.rows}条（SM3 {report.sm3}）。")
        else:
            self.stdout.write(f"预检通过：{report.rows}条可以导入。加 --apply 导入。")
