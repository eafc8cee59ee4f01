from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "ticms.workflow"
    verbose_name = "Workflow"
