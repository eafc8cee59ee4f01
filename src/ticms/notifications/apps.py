from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ticms.notifications"
    label = "notifications"
    verbose_name = "消息与定时任务"

    def ready(self):
        # Imported here, not at the top: these modules import models, which Django loads only after every
        # app's module is imported (the app registry); ready() runs once it is complete.
        from ticms.policy.loader import register_section_validator
        from ticms.web import workbench
        from ticms.workflow import core

        from . import reminders, services, todos

        register_section_validator("reminders", reminders.validate_reminders_section)
        core.register_committed_hook(services.notify_on_commit)
        workbench.register(todos.stale_job_todos)
