from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from ticms.accounts.roles import Role
from ticms.audit.signals import client_ip
from ticms.exports import wants_xlsx
from ticms.web.feedback import form_post
from ticms.web.lists import Column, Listing

from . import services
from .exports import CALLS_EXPORT
from .filters import CallFilter
from .forms import CallForm
from .models import Call, today

COLUMNS = [
    Column("标题", "title", ("title",)),
    Column("年度", "year", ("year",)),
    Column("申报期", "opens", ("opens",)),
    Column("状态"),
]


def call_list(request):
    listing = Listing(request, Call.objects.visible_to(request.user), columns=COLUMNS, filterset=CallFilter,
                      default_sort="-opens")
    if wants_xlsx(request):
        return CALLS_EXPORT.response(request, listing.qs)
    return render(request, "calls/call_list.html", {"listing": listing, "page_obj": listing.page_obj,
                                                    "calls": listing.page_obj.object_list, "today": today()})


def call_detail(request, call_id: int):
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=call_id)
    can_apply = request.user.is_authenticated and request.user.has_role(Role.APPLICANT) and call.is_open
    return render(request, "calls/call_detail.html", {"call": call, "can_apply": can_apply})


@login_required
def call_new(request):
    if not request.user.has_role(Role.BUREAU_OFFICER):
        raise PermissionDenied("只有市科技局工作人员可以发布建设通知。")
    form = CallForm(request.POST or None)
    done = form_post(request, form, lambda data: services.publish_call(actor=request.user, ip=client_ip(request),
                                                                       **data),
                     success=lambda call: f"已发布建设通知“{call.title}”。", then=lambda call: call)
    return done or render(request, "calls/call_form.html", {"form": form})
