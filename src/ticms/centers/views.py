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
from .models import Center, ChangeAttachment, ChangeRequest, SubInstitute
from .rights import may_edit, may_edit_change, may_edit_filing
from .selectors import centers_visible_to, changes_visible_to, filings_visible_to
from .workflow import CENTER_FLOW, CHANGE_FLOW, FILING_FLOW


def _visible(request, selector, pk: int):
    """Record `pk` among those `selector` (centers_visible_to, …) gives the user: 404 when it isn't one of them."""
    return get_visible_or_404(selector(request.user), request.user, pk=pk)


def _require_host(request, center) -> None:
    deny_unless(may_edit(request.user, center))


@page("centers/<int:pk>/manage/")
@login_required
def center_manage(request, pk: int):
    center = _visible(request, centers_visible_to, pk)
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


def _require_bureau(request, center) -> None:
    if not request.user.has_role(Role.BUREAU_OFFICER):
        raise PermissionDenied("只有市科技局工作人员可以登记支持措施（第十七条）。")


def _require_competent_unit(request, center) -> None:
    if not (request.user.has_role(Role.COUNTY_OFFICER)
            and center.host_unit.competent_unit_id in request.user.competent_unit_ids()):
        raise PermissionDenied("只有该中心的归口管理单位可以登记检查（第六条第（三）项）。")


def _service_form(request, pk: int, form_class, action, allowed, *, success: str, title: str, submit: str = "登记",
                  initial=None, prepare=None):
    """The pattern of every center form: the center (404 unless visible), who may use the form (`allowed` raises
    PermissionDenied), valid input to the service, a refusal on the form's fields, success back to the center.
    `initial` may be a function of the center; `prepare(form)` gives the service's arguments where the cleaned data
    are not. An amount typed in 万元 (a field `<name>_wan`) reaches the service as `<name>` in 元."""
    center = _visible(request, centers_visible_to, pk)
    allowed(request, center)
    form = form_class(request.POST or None, initial=initial(center) if callable(initial) else initial)
    done = form_post(request, form, lambda data: action(actor=request.user, center=center, ip=client_ip(request),
                                                        **(prepare(form) if prepare else _in_yuan(data))),
                     success=success, then=center)
    return done or _form_page(request, center, form, title, submit)


def _in_yuan(data: dict) -> dict:
    return {name.removesuffix("_wan"): to_yuan(value) if name.endswith("_wan") else value
            for name, value in data.items()}


@page("centers/<int:pk>/profile/")
@login_required
def profile_edit(request, pk: int):
    return _service_form(request, pk, ProfileForm, services.update_profile, _require_host,
                         initial=ProfileForm.initial_for, prepare=lambda form: {"changes": form.changes()},
                         success="中心信息已保存。", title="维护中心信息", submit="保存")


@page("centers/<int:pk>/sub-institutes/new/")
@login_required
def sub_institute_new(request, pk: int):
    return _service_form(request, pk, SubInstituteForm, services.add_sub_institute, _require_host,
                         success="专业化创新研发机构已登记。", title="新增专业化创新研发机构（第三条第（一）项）")


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


# A center's records entered by a form of their own: each its form, its service, who may enter it, and its wording
# (page title, success message, button).
RECORD_FORMS = {
    "output": (OutputForm, services.record_output, _require_host,
               "登记成果（第二条、第十四条）", "成果已登记。", "登记"),
    "support": (SupportForm, services.record_support, _require_bureau,
                "登记支持措施（第十六条、第十七条）", "支持措施已登记。", "登记"),
    "visit": (VisitForm, services.record_visit, _require_competent_unit,
              "登记监督检查（第六条第（三）项）", "检查记录已保存。", "保存"),
}


@page("centers/<int:pk>/outputs/new/", name="output_new", kwargs={"record": "output"})
@page("centers/<int:pk>/supports/new/", name="support_new", kwargs={"record": "support"})
@page("centers/<int:pk>/visits/new/", name="visit_new", kwargs={"record": "visit"})
@login_required
def record_new(request, pk: int, record: str):
    form_class, action, allowed, title, success, submit = RECORD_FORMS[record]
    return _service_form(request, pk, form_class, action, allowed, success=success, title=title, submit=submit)


# --- filings ----------------------------------------------------------------------------------------------
@page("centers/<int:pk>/filings/new/")
@login_required
def filing_new(request, pk: int):
    center = _visible(request, centers_visible_to, pk)
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


@page("centers/filings/<int:pk>/")
@login_required
def filing_detail(request, pk: int):
    filing = _visible(request, filings_visible_to, pk)
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
    filing = _visible(request, filings_visible_to, pk)
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
    center = _visible(request, centers_visible_to, pk)
    _require_host(request, center)
    form = ChangeRequestForm(request.POST or None, request.FILES or None,
                             initial={"kind": request.GET.get("kind", "rename")})
    done = form_post(request, form, lambda data: _with_file(request, data, operations.create_change_request(
        actor=request.user, center=center, kind=data["kind"], ip=client_ip(request), **form.service_data())),
        success="变更申请草稿已保存；检查无误后请点击“提交变更申请”。", then=lambda cr: cr)
    return done or _form_page(request, center, form, "变更申请（第七条第（四）项、第十五条）", "保存草稿",
                              multipart=True)


def _with_file(request, data: dict, cr: ChangeRequest) -> ChangeRequest:
    """The change request saved from the form, with the file the form carried (if any) attached to it."""
    if data.get("file"):
        operations.add_change_attachment(actor=request.user, change_request=cr, upload=data["file"],
                                         ip=client_ip(request))
    return cr


@page("centers/changes/<int:pk>/")
@login_required
def change_detail(request, pk: int):
    cr = _visible(request, changes_visible_to, pk)
    ctx = {"cr": cr, "center": cr.center, "summary": describe(cr),
           "transitions": CHANGE_FLOW.available(request.user, cr),
           "action_url": action_url(cr),
           "events": timeline(cr), "attachments": cr.attachments.all(),
           "editable": may_edit_change(request.user, cr)[0]}
    return render(request, "centers/change_detail.html", ctx)


@page("centers/changes/<int:pk>/edit/")
@login_required
def change_edit(request, pk: int):
    cr = _visible(request, changes_visible_to, pk)
    deny_unless(may_edit_change(request.user, cr))
    initial = {k: getattr(cr, k) for k in operations.CHANGE_FIELDS}
    form = ChangeRequestForm(request.POST or None, request.FILES or None, initial=initial, edit=True, kind=cr.kind)
    done = form_post(request, form, lambda data: _with_file(request, data, operations.update_change_request(
        actor=request.user, change_request=cr, ip=client_ip(request), **form.service_data())),
        success="变更申请已修改。", then=lambda cr: cr)
    return done or _form_page(request, cr.center, form, f"修改变更申请：{cr.get_kind_display()}", "保存",
                              multipart=True)


@page("centers/change-attachments/<int:pk>/")
@login_required
def change_attachment(request, pk: int):
    att = get_visible_or_404(ChangeAttachment.objects.all(), request.user, pk=pk)
    record_download(actor=request.user, obj=att, name=att.original_name, via="page:change_attachment",
                    ip=client_ip(request))
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.original_name,
                        content_type=att.content_type or None)
