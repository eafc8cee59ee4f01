from django import template

from ticms.notifications.services import unread_count

register = template.Library()


@register.simple_tag
def unread_messages(user) -> int:
    """The header's unread count: one indexed COUNT per page for a signed-in user."""
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user)
