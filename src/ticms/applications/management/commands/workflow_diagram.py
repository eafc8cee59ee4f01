from django.core.management.base import BaseCommand, CommandError

FLOWS = {"applications": "ticms.applications.workflow.APPLICATION_FLOW"}


class Command(BaseCommand):
    help = "Print a workflow's transition table as Markdown and a Mermaid state diagram."

    def add_arguments(self, parser):
        parser.add_argument("flow", choices=sorted(FLOWS))

    def handle(self, *args, flow, **options):
        from django.utils.module_loading import import_string

        from ticms.applications.diagram import markdown

        try:
            workflow = import_string(FLOWS[flow])
        except ImportError as exc:  # pragma: no cover - FLOWS names modules of this code base
            raise CommandError(str(exc)) from exc
        self.stdout.write(markdown(workflow))
