from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from ticms.accounts.roles import Role
from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.web.feedback import form_errors
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
    if request.method == "POST" and form.is_valid():
        try:
            call = services.publish_call(actor=request.user, ip=client_ip(request), **form.cleaned_data)
        except ServiceError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, f"已发布建设通知“{call.title}”。")
            return redirect(call)
    return render(request, "calls/call_form.html", {"form": form})
