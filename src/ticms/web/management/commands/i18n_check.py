"""`ticms i18n_check`: list the strings shown to users that have no Chinese (zh_Hans) translation.

`ticms i18n_check --merge` first merges the `src/ticms/<app>/TRANSLATIONS.txt` files (msgid<TAB>msgstr) and any
`--from FILE` into locale/zh_Hans/LC_MESSAGES/django.po, then compiles django.mo (pure Python, no gettext tools).
`--compile` only recompiles the .mo.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ticms.web import po


class Command(BaseCommand):
    help = "Fail when a msgid used in templates or code lacks a zh_Hans translation in locale/zh_Hans/django.po."

    def add_arguments(self, parser):
        parser.add_argument("--merge", action="store_true", help="merge the apps' TRANSLATIONS.txt files first")
        parser.add_argument("--from", dest="extra", action="append", default=[], help="another msgid<TAB>msgstr file")
        parser.add_argument("--compile", action="store_true", help="write django.mo from django.po")

    def handle(self, *args, merge=False, extra=(), compile=False, **options):
        if merge or extra:
            entries = po.parse(po.ZH_PO.read_text("utf-8"))
            for path in [*po.translation_files(), *map(Path, extra)]:
                po.merge(entries, po.read_tsv(path))
                self.stdout.write(f"merged {path}")
            po.ZH_PO.write_text(po.dump(entries), "utf-8")
            compile = True
        if compile:
            po.write_mo(po.parse(po.ZH_PO.read_text("utf-8")), po.ZH_PO.with_suffix(".mo"))
            self.stdout.write(f"compiled {po.ZH_PO.with_suffix('.mo')}")
        missing = po.missing_translations()
        for msgid, files in sorted(missing.items()):
            self.stdout.write(f"{msgid!r}  ← {', '.join(sorted(files))}")
        if missing:
            raise CommandError(f"{len(missing)} msgid(s) without a zh_Hans translation in {po.ZH_PO}")
        self.stdout.write(self.style.SUCCESS("every msgid has a zh_Hans translation"))
