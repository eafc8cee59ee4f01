"""Pages for signed-in users: the scoped center list, a center's management page, and the forms that call
the services (profile, sub-institutes, outputs, filings, change requests, support, supervision, revocation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role
from ticms.accounts.scope import get_visible_or_404
from ticms.audit.services import timeline
from ticms.audit.signals import client_ip
from ticms.crypto.access import record_download
from ticms.errors import ServiceError
from ticms.money import to_yuan
from ticms.web.feedback import form_errors, form_post, tell_form_outcome, tell_outcome
from ticms.web.routes import page
from ticms.workflow.core import WorkflowError
from ticms.workflow.endpoints import action_url
from ticms.workflow.rights import deny_unless

from . import operations, services
from .changes import describe
from .forms import (
    ChangeRequestForm,
    CloseSubInstituteForm,
    FilingForm,
    OutputForm,
    ProfileForm,
    SubInstituteForm,
    SupportForm,
    VisitForm,
)
from .models import Center, ChangeAttachment, ChangeRequest, Filing, SubInstitute
from .rights import may_edit, may_edit_change, may_edit_filing
from .selectors import centers_visible_to, changes_visible_to, filings_visible_to
from .workflow import CENTER_FLOW, CHANGE_FLOW, FILING_FLOW


def _center(request, pk: int) -> Center:
    return get_visible_or_404(centers_visible_to(request.user), request.user, pk=pk)


def _require_host(request, center) -> None:
    deny_unless(may_edit(request.user, center))


@page("centers/<int:pk>/manage/")
@login_required
def center_manage(request, pk: int):
    center = _center(request, pk)
    user = request.user
    # Only revocation is offered here: the other status steps are internal to recognition and evaluation.
    status_actions = CENTER_FLOW.available(user, center)
    events = list(timeline(center))
    ctx = {
        "center": center,
        "can_edit": may_edit(user, center)[0],
        "is_county": user.has_role(Role.COUNTY_OFFICER)
        and center.host_unit.competent_unit_id in user.competent_unit_ids(),
        "is_bureau": user.has_role(Role.BUREAU_OFFICER),
        "action_url": action_url(center),
        "partners": center.partner_units.order_by("name"),
        "sub_institutes": center.sub_institutes.all(),
        "outputs": center.outputs.all()[:100],
        "supports": center.supports.all(),
        "visits": center.visits.select_related("recorded_by"),
        "filings": center.filings.all()[:50],
        "change_requests": [(cr, describe(cr)) for cr in center.change_requests.select_related(
            "new_unit", "center__host_unit", "center__lead_unit").prefetch_related("applied_changes")[:50]],
        "changes": center.changes.select_related("change_request"),
        "status_changes": center.status_changes.select_related("by"),
        "status_actions": status_actions,
        "events": events,
        "profile_edits": _profile_edits(events),
    }
    return render(request, "centers/center_manage.html", ctx)


def _profile_edits(events) -> list[tuple]:
    """Audited profile edits as (event, [(field label, before, after)]) for the page."""
    labels = {f.name: str(f.verbose_name) for f in Center._meta.get_fields() if hasattr(f, "verbose_name")}
    out = []
    for e in events:
        changes = (e.data or {}).get("changes")
        if isinstance(changes, dict):
            out.append((e, [(labels.get(k, k), d.get("before"), d.get("after")) for k, d in changes.items()
                            if isinstance(d, dict)]))
    return out


def _form_page(request, center, form, title: str, submit: str, **extra):
    return render(request, "centers/form.html", {"center": center, "form": form, "title": title,
                                                 "submit_label": submit, **extra})


def _service_form(request, center, form, action, *, success: str, title: str, submit: str, prepare=None):
    """The pattern of every center form: valid input goes to the service; a refusal lands on the form's fields;
    success redirects to the center. `prepare` turns cleaned data into the service's arguments (万元 → 元)."""
    done = form_post(request, form, lambda data: action(actor=request.user, center=center, ip=client_ip(request),
                                                        **(prepare(dict(data)) if prepare else data)),
                     success=success, then=center)
    return done or _form_page(request, center, form, title, submit)


def _wan_to_yuan(source: str, target: str):
    def prepare(data: dict) -> dict:
        data[target] = to_yuan(data.pop(source))
        return data

    return prepare


@page("centers/<int:pk>/profile/")
@login_required
def profile_edit(request, pk: int):
    center = _center(request, pk)
    _require_host(request, center)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(center))
    return _service_form(request, center, form, services.update_profile, success="中心信息已保存。",
                         title="维护中心信息", submit="保存", prepare=lambda _data: {"changes": form.changes()})


@page("centers/<int:pk>/sub-institutes/new/")
@login_required
def sub_institute_new(request, pk: int):
    center = _center(request, pk)
    _require_host(request, center)
    form = SubInstituteForm(request.POST or None)
    return _service_form(request, center, form, services.add_sub_institute, success="专业化创新研发机构已登记。",
                         title="新增专业化创新研发机构（第三条第（一）项）", submit="登记")


@page("centers/sub-institutes/<int:pk>/close/")
@login_required
@require_POST
def sub_institute_close(request, pk: int):
    sub = get_visible_or_404(SubInstitute.objects.select_related("center__host_unit"), request.user, pk=pk)
    _require_host(request, sub.center)
    tell_form_outcome(request, CloseSubInstituteForm(request.POST), lambda data: services.close_sub_institute(
        actor=request.user, sub_institute=sub, closed_on=data["closed_on"], reason=data["closing_reason"],
        ip=client_ip(request)), f"“{sub.name}”已撤并。", invalid="请填写撤并日期和原因。")
    return redirect(sub.center)


@page("centers/<int:pk>/outputs/new/")
@login_required
def output_new(request, pk: int):
    center = _center(request, pk)
    _require_host(request, center)
    form = OutputForm(request.POST or None, initial={"year": None})
    return _service_form(request, center, form, services.record_output, success="成果已登记。",
                         title="登记成果（第二条、第十四条）", submit="登记",
                         prepare=_wan_to_yuan("income_wan", "income"))


@page("centers/<int:pk>/supports/new/")
@login_required
def support_new(request, pk: int):
    center = _center(request, pk)
    if not request.user.has_role(Role.BUREAU_OFFICER):
        raise PermissionDenied("只有市科技局工作人员可以登记支持措施（第十七条）。")
    form = SupportForm(request.POST or None)
    return _service_form(request, center, form, services.record_support, success="支持措施已登记。",
                         title="登记支持措施（第十六条、第十七条）", submit="登记",
                         prepare=_wan_to_yuan("amount_wan", "amount"))


@page("centers/<int:pk>/visits/new/")
@login_required
def visit_new(request, pk: int):
    center = _center(request, pk)
    if not (request.user.has_role(Role.COUNTY_OFFICER)
            and center.host_unit.competent_unit_id in request.user.competent_unit_ids()):
        raise PermissionDenied("只有该中心的归口管理单位可以登记检查（第六条第（三）项）。")
    form = VisitForm(request.POST or None)
    return _service_form(request, center, form, services.record_visit, success="检查记录已保存。",
                         title="登记监督检查（第六条第（三）项）", submit="保存")


# --- filings ----------------------------------------------------------------------------------------------
@page("centers/<int:pk>/filings/new/")
@login_required
def filing_new(request, pk: int):
    center = _center(request, pk)
    _require_host(request, center)
    form = FilingForm(request.POST or None, initial={"kind": request.GET.get("kind", "director")})
    if request.method == "POST" and form.is_valid():
        try:
            filing = operations.submit_filing(actor=request.user, center=center, ip=client_ip(request),
                                              **form.cleaned_data)
        except ServiceError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "已报归口管理单位和市科技局备案。")
            if filing.flagged:
                messages.warning(request, filing.title_check_evidence)
            return redirect(filing)
    return _form_page(request, center, form, "任命备案（第七条第（二）项）", "报备")


def _filing(request, pk: int) -> Filing:
    return get_visible_or_404(filings_visible_to(request.user), request.user, pk=pk)


@page("centers/filings/<int:pk>/")
@login_required
def filing_detail(request, pk: int):
    filing = _filing(request, pk)
    ctx = {"filing": filing, "center": filing.center, "transitions": FILING_FLOW.available(request.user, filing),
           "action_url": action_url(filing),
           "events": timeline(filing)}
    if may_edit_filing(request.user, filing)[0]:
        initial = {k: getattr(filing, k) for k in operations.FILING_FIELDS}
        ctx["edit_form"] = FilingForm(initial={"kind": filing.kind, **initial})
        ctx["edit_form"].fields["kind"].disabled = True
    return render(request, "centers/filing_detail.html", ctx)


@page("centers/filings/<int:pk>/resubmit/")
@login_required
@require_POST
def filing_resubmit(request, pk: int):
    """A returned filing, corrected on its page, goes back (an edit and the `resubmit` step together)."""
    filing = _filing(request, pk)
    form = FilingForm({**request.POST.dict(), "kind": filing.kind})
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, "；".join(errors))
        return redirect(filing)
    data = {k: form.cleaned_data[k] for k in operations.FILING_FIELDS}
    tell_outcome(request, lambda: operations.resubmit_filing(actor=request.user, filing=filing, ip=client_ip(request),
                                                             **data),
                 "已修改并重新报备。", refused=(WorkflowError, ServiceError))
    return redirect(filing)


# --- change requests --------------------------------------------------------------------------------------
@page("centers/<int:pk>/changes/new/")
@login_required
def change_new(request, pk: int):
    center = _center(request, pk)
    _require_host(request, center)
    form = ChangeRequestForm(request.POST or None, request.FILES or None,
                             initial={"kind": request.GET.get("kind", "rename")})
    if request.method == "POST" and form.is_valid():
        try:
            cr = operations.create_change_request(actor=request.user, center=center, kind=form.cleaned_data["kind"],
                                                  ip=client_ip(request), **form.service_data())
            if form.cleaned_data.get("file"):
                operations.add_change_attachment(actor=request.user, change_request=cr,
                                                 upload=form.cleaned_data["file"], ip=client_ip(request))
        except ServiceError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "变更申请草稿已保存；检查无误后请点击“提交变更申请”。")
            return redirect(cr)
    return _form_page(request, center, form, "变更申请（第七条第（四）项、第十五条）", "保存草稿", multipart=True)


def _change(request, pk: int) -> ChangeRequest:
    return get_visible_or_404(changes_visible_to(request.user), request.user, pk=pk)


@page("centers/changes/<int:pk>/")
@login_required
def change_detail(request, pk: int):
    cr = _change(request, pk)
    ctx = {"cr": cr, "center": cr.center, "summary": describe(cr),
           "transitions": CHANGE_FLOW.available(request.user, cr),
           "action_url": action_url(cr),
           "events": timeline(cr), "attachments": cr.attachments.all(),
           "editable": may_edit_change(request.user, cr)[0]}
    return render(request, "centers/change_detail.html", ctx)


@page("centers/changes/<int:pk>/edit/")
@login_required
def change_edit(request, pk: int):
    cr = _change(request, pk)
    deny_unless(may_edit_change(request.user, cr))
    initial = {k: getattr(cr, k) for k in operations.CHANGE_FIELDS}
    form = ChangeRequestForm(request.POST or None, request.FILES or None, initial=initial, edit=True, kind=cr.kind)
    if request.method == "POST" and form.is_valid():
        try:
            operations.update_change_request(actor=request.user, change_request=cr, ip=client_ip(request),
                                             **form.service_data())
            if form.cleaned_data.get("file"):
                operations.add_change_attachment(actor=request.user, change_request=cr,
                                                 upload=form.cleaned_data["file"], ip=client_ip(request))
        except ServiceError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "变更申请已修改。")
            return redirect(cr)
    return _form_page(request, cr.center, form, f"修改变更申请：{cr.get_kind_display()}", "保存", multipart=True)


@page("centers/change-attachments/<int:pk>/")
@login_required
def change_attachment(request, pk: int):
    att = get_visible_or_404(ChangeAttachment.objects.all(), request.user, pk=pk)
    record_download(actor=request.user, obj=att, name=att.original_name, via="page:change_attachment",
                    ip=client_ip(request))
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.original_name,
                        content_type=att.content_type or None)
