from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role
from ticms.audit.signals import client_ip
from ticms.exports import wants_xlsx
from ticms.web.feedback import form_post, tell_form_outcome
from ticms.web.lists import Column, Listing
from ticms.web.routes import page

from . import services
from .exports import CALLS_EXPORT
from .filters import CallFilter
from .forms import CallFileForm, CallForm
from .models import Call, CallFile, today

COLUMNS = [
    Column("标题", "title", ("title",)),
    Column("年度", "year", ("year",)),
    Column("申报期", "opens", ("opens",)),
    "状态",
]


@page("calls/")
def call_list(request):
    listing = Listing(request, Call.objects.visible_to(request.user), columns=COLUMNS, filterset=CallFilter,
                      default_sort="-opens")
    if wants_xlsx(request):
        return CALLS_EXPORT.response(request, listing.qs)
    return render(request, "calls/call_list.html", {"listing": listing, "page_obj": listing.page_obj,
                                                    "calls": listing.page_obj.object_list, "today": today()})


@page("calls/new/")
@login_required
def call_new(request):
    if not request.user.has_role(Role.BUREAU_OFFICER):
        raise PermissionDenied("只有市科技局工作人员可以发布建设通知。")
    form = CallForm(request.POST or None)
    done = form_post(request, form, lambda data: services.publish_call(actor=request.user, ip=client_ip(request),
                                                                       **data),
                     success=lambda call: f"已发布建设通知“{call.title}”。", then=lambda call: call)
    return done or render(request, "calls/call_form.html", {"form": form})


@page("calls/<int:call_id>/")
def call_detail(request, call_id: int):
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=call_id)
    can_apply = request.user.is_authenticated and request.user.has_role(Role.APPLICANT) and call.is_open
    is_bureau = request.user.is_authenticated and request.user.has_role(Role.BUREAU_OFFICER)
    return render(request, "calls/call_detail.html", {
        "call": call, "can_apply": can_apply, "files": list(call.files.all()),
        "file_form": CallFileForm() if is_bureau else None,
    })


@page("calls/<int:call_id>/files/")
@login_required
@require_POST
def call_file_add(request, call_id: int):
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=call_id)
    tell_form_outcome(request, CallFileForm(request.POST, request.FILES), lambda data: services.add_call_file(
        actor=request.user, call=call, kind=data["kind"], upload=data["file"], ip=client_ip(request)),
        lambda f: f"已发布附件“{f.original_name}”。")
    return redirect(call)


@page("calls/files/<int:pk>/")
def call_file(request, pk: int):
    """A call's file is public, like the call: anyone may download it (no audit of anonymous readers)."""
    f = get_object_or_404(CallFile.objects.visible_to(request.user), pk=pk)
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.original_name, content_type=f.content_type)
