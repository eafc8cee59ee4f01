"""Pages of public notices: public list and detail, objections (public form, bureau handling)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role, require_role
from ticms.accounts.scope import get_visible_or_404
from ticms.applications.models import Application
from ticms.audit.services import timeline
from ticms.audit.signals import client_ip
from ticms.crypto.access import record_reveal
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.web.feedback import form_errors, refusal_messages
from ticms.web.lists import Column, Listing
from ticms.web.routes import page
from ticms.workflow.core import WorkflowError
from ticms.workflow.endpoints import action_url

from . import services
from .exports import NOTICES_EXPORT, OBJECTIONS_EXPORT
from .filters import NoticeFilter, ObjectionFilter
from .forms import NoticeForm, ObjectionForm
from .models import NoticeItem, NoticeState, Objection, PublicNotice
from .rights import may_edit
from .selectors import notices_visible_to, objections_visible_to
from .workflow import NOTICE_FLOW, OBJECTION_FLOW, PLAN_SUBMITTED


def _workflow_message(request, exc: WorkflowError) -> None:
    messages.error(request, "；".join(str(r) for r in exc.reasons))


NOTICE_COLUMNS = [
    Column("标题", "title", ("title",)),
    Column("公示期", "starts", ("starts_on",)),
    "项数", "状态",
]
OBJECTION_COLUMNS = [
    Column("受理编号", "reference", ("reference",)),
    "公示", "对象", "异议人",
    Column("提交时间", "submitted", ("submitted_at",)),
    Column("状态", "state", ("state", "-submitted_at")),
]


@page("notices/")
def notice_list(request):
    listing = Listing(request, notices_visible_to(request.user), columns=NOTICE_COLUMNS, filterset=NoticeFilter,
                      default_sort="-starts", per_page=25)
    if wants_xlsx(request):
        return NOTICES_EXPORT.response(request, listing.qs)
    is_bureau = request.user.is_authenticated and request.user.has_role(Role.BUREAU_OFFICER)
    return render(request, "notices/notice_list.html", {"listing": listing, "page_obj": listing.page_obj,
                                                        "is_bureau": is_bureau})


@page("notices/new/")
@login_required
def notice_create(request):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")

    ready = list(Application.objects.visible_to(request.user).filter(state=PLAN_SUBMITTED)
                 .select_related("lead_unit").order_by("pk"))
    form = NoticeForm(request.POST or None, applications=ready)
    if request.method == "POST" and form.is_valid():
        apps, proposed, center_names = form.chosen()
        d = form.cleaned_data
        try:
            notice = services.create_notice(
                actor=request.user, title=d["title"], applications=apps, proposed=proposed, center_names=center_names,
                contact_phone=d["contact_phone"], contact_email=d["contact_email"],
                contact_address=d["contact_address"], text=d["text"], starts_on=d["starts_on"], ip=client_ip(request),
            )
        except ServiceError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "公示草稿已保存。核对后点击“发布公示”。")
            return redirect(notice)
    return render(request, "notices/notice_form.html", {"form": form})


@page("notices/<int:pk>/")
def notice_detail(request, pk: int):
    notice = get_visible_or_404(PublicNotice, request.user, pk=pk)
    items = list(notice.items.all())
    is_bureau = request.user.is_authenticated and request.user.has_role(Role.BUREAU_OFFICER)
    context = {"notice": notice, "items": items, "is_bureau": is_bureau,
               "can_edit": may_edit(request.user, notice)[0],
               "open_for_objections": notice.state == NoticeState.PUBLISHED and not notice.ended}
    if is_bureau:
        context.update({
            "transitions": NOTICE_FLOW.available(request.user, notice),
            "action_url": action_url(notice),
            "events": timeline(notice),
            "objections": list(objections_visible_to(request.user).filter(item__notice=notice)),
        })
    return render(request, "notices/notice_detail.html", context)


@page("notices/items/<int:pk>/mark/")
@login_required
@require_POST
def item_mark(request, pk: int):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    item = get_object_or_404(NoticeItem.objects.visible_to(request.user), pk=pk)
    try:
        services.mark_item(actor=request.user, item=item, proposed=request.POST.get("proposed", ""),
                           ip=client_ip(request))
    except ServiceError as exc:
        refusal_messages(request, exc)
    return redirect(item.notice)


@page("notices/<int:pk>/items/<int:item_id>/objection/")
def objection_create(request, pk: int, item_id: int):
    notice = get_visible_or_404(PublicNotice, None, pk=pk)  # published notices only, whoever asks
    item = get_object_or_404(NoticeItem, pk=item_id, notice=notice)
    form = ObjectionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                objection = services.raise_objection(item=item, ip=client_ip(request), **form.service_data())
            except ServiceError as exc:
                form_errors(form, exc)
                status = exc.status if exc.status in (409, 429) else 422
            else:
                return render(request, "notices/objection_received.html",
                              {"notice": notice, "item": item, "reference": objection.reference})
        else:
            status = 422
    return render(request, "notices/objection_form.html",
                  {"notice": notice, "item": item, "form": form, "ended": notice.ended}, status=status)


@page("notices/objections/")
@login_required
def objection_list(request):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    listing = Listing(request, objections_visible_to(request.user), columns=OBJECTION_COLUMNS,
                      filterset=ObjectionFilter, default_sort="state", per_page=25)
    if wants_xlsx(request):
        return OBJECTIONS_EXPORT.response(request, listing.qs)
    return render(request, "notices/objection_list.html", {"listing": listing, "page_obj": listing.page_obj})


@page("notices/objections/<int:pk>/")
@login_required
def objection_detail(request, pk: int):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    objection = get_visible_or_404(Objection.objects.select_related("item__notice", "handled_by"), request.user,
                                   pk=pk)
    # The bureau must be able to call the objector back: the full phone is shown here, and the read audited.
    record_reveal(actor=request.user, role=Role.BUREAU_OFFICER, model=Objection, ids=[objection.pk],
                  fields=["phone"], via="page:objection_detail", ip=client_ip(request))
    return render(request, "notices/objection_detail.html", {
        "objection": objection, "transitions": OBJECTION_FLOW.available(request.user, objection),
        "action_url": action_url(objection),
        "events": timeline(objection),
    })
