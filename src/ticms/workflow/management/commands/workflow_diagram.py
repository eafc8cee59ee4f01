from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# What each docs/*.md carries in its generated section.
DOCS = {
    "applications": "ticms.applications.diagram.recognition_markdown",
    "centers": "ticms.centers.docs.markdown",
    "evaluations": "ticms.evaluations.docs.markdown",
}


class Command(BaseCommand):
    help = "Print a workflow's transition tables as Markdown with Mermaid state diagrams (for docs/)."

    def add_arguments(self, parser):
        parser.add_argument("flow", choices=sorted(DOCS))

    def handle(self, *args, flow, **options):
        self.stdout.write(import_string(DOCS[flow])())
