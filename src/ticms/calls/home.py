"""The open calls card on the public home page (Art. 9(1): the bureau publishes calls)."""

from django.utils.html import format_html

from ticms.web.home import HomeSection

from .models import Call


def open_calls(request):
    calls = Call.objects.open_now().order_by("closes", "pk")[:5]
    items = [format_html('<a href="{}">{}</a> <small class="text-muted">截止 {}年{}月{}日</small>',
                         c.get_absolute_url(), c.title, c.closes.year, c.closes.month, c.closes.day) for c in calls]
    return HomeSection(title="正在申报的建设通知", items=items, url="/calls/")
