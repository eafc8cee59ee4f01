from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ticms.notifications"
    label = "notifications"
    verbose_name = "消息与定时任务"

    def ready(self):
        from ticms.web import workbench
        from ticms.workflow import core

        from . import services, todos

        core.register_committed_hook(services.notify_on_commit)
        workbench.register(todos.stale_job_todos)
