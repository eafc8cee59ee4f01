"""Pages of the recognition workflow for applicants, county officers and the bureau; the public self-check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role
from ticms.audit.services import timeline
from ticms.audit.signals import client_ip
from ticms.calls.models import Call
from ticms.crypto.access import record_download
from ticms.documents.uploads import upload_hint
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.params import ascii_int
from ticms.web.feedback import form_errors, form_post, refusal_messages, tell_form_outcome
from ticms.web.lists import Column, Listing
from ticms.web.routes import page
from ticms.workflow.endpoints import action_url
from ticms.workflow.rights import deny_unless, owner_note

from . import selectors, services
from .batch import apply_to_many, batch_steps_for
from .display import sections_of
from .eligibility import eligibility_for, facts_of
from .exports import APPLICATIONS_EXPORT
from .fields import fact_fields
from .filters import ApplicationFilter
from .forms import ApplicationForm, AttachmentForm, NewApplicationForm, SelfCheckForm, initial_for
from .models import Application, State
from .policy_adapter import evaluate
from .rights import may_attach, may_edit
from .workflow import APPLICATION_FLOW

COLUMNS = [
    Column("申报编号", "number", ("number",), unique=True),
    "申请书", "牵头单位", "领域", "县（市、区）", "状态",
    Column("更新时间", "updated", ("updated_at",)),
]


@page("applications/")
@login_required
def application_list(request):
    listing = Listing(request, selectors.applications_visible_to(request.user), columns=COLUMNS,
                      filterset=ApplicationFilter, default_sort="-updated")
    if wants_xlsx(request):
        return APPLICATIONS_EXPORT.response(request, listing.qs)
    listing.rows_only("number", "name", "field", "year", "track", "state", "updated_at",
                      lead_name="lead_unit__name", county_name="lead_unit__competent_unit__name")
    return render(request, "applications/application_list.html", {
        "listing": listing, "page_obj": listing.page_obj,
        "batch_steps": batch_steps_for(request.user),
        "can_create": request.user.has_role(Role.APPLICANT),
    })


@page("applications/batch/")
@login_required
@require_POST
def application_batch(request):
    back = request.POST.get("next", "")
    back = back if back.startswith("/applications/?") else reverse("application_list")  # never off the list
    ids = [i for i in (ascii_int(v, 1) for v in request.POST.getlist("ids")) if i]
    try:
        outcomes = apply_to_many(actor=request.user, step=request.POST.get("step", ""), application_ids=ids,
                                 comment=request.POST.get("comment", ""), ip=client_ip(request))
    except ServiceError as exc:
        refusal_messages(request, exc)
        return redirect(back)
    step = APPLICATION_FLOW.steps[request.POST["step"]]
    return render(request, "applications/batch_result.html", {
        "step": step, "outcomes": outcomes,
        "done": [o for o in outcomes if o.done], "refused": [o for o in outcomes if not o.done],
        "back": back,
    })


@page("applications/new/")
@login_required
def application_new(request):
    if not request.user.has_role(Role.APPLICANT):
        raise PermissionDenied("只有申报单位用户可以填报申请书。")
    initial = {}
    call_id = ascii_int(request.GET.get("call"), 1)
    if call_id:
        initial["call"] = Call.objects.filter(pk=call_id).first()
    orgs = request.user.organisation_ids()
    if orgs:
        initial["lead_unit"] = orgs[0]
    form = NewApplicationForm(request.POST or None, user=request.user, initial=initial)
    done = form_post(request, form, lambda data: services.create_application(actor=request.user,
                                                                             ip=client_ip(request), **data),
                     success="已创建申请书草稿，请逐节填写。",
                     then=lambda app: reverse("application_edit", args=[app.pk]))
    return done or render(request, "applications/application_new.html", {"form": form})


def _detail_context(request, app: Application) -> dict:
    edit = may_edit(request.user, app)
    return {
        "application": app,
        "eligibility": eligibility_for(app),
        "transitions": APPLICATION_FLOW.available(request.user, app),
        "action_url": action_url(app),
        "events": timeline(app),
        "upload_form": AttachmentForm(),
        "upload_hint": upload_hint(),
        "field_sections": sections_of(app),
        "can_edit": edit[0], "edit_note": owner_note(edit),
        "plan_accept_hint": app.state == State.PLAN_SUBMITTED and request.user.has_role(Role.BUREAU_OFFICER),
        "can_upload": may_attach(request.user, app)[0],
        **selectors.detail_parts(app),
    }


@page("applications/<int:application_id>/")
@login_required
def application_detail(request, application_id: int):
    app = selectors.application_for(request.user, application_id)
    return render(request, "applications/application_detail.html", _detail_context(request, app))


@page("applications/<int:application_id>/edit/")
@login_required
def application_edit(request, application_id: int):
    app = selectors.application_for(request.user, application_id)
    deny_unless(may_edit(request.user, app))
    form = ApplicationForm(request.POST or None, application=app, user=request.user, initial=initial_for(app))
    if request.method == "POST" and form.is_valid():
        host = form.cleaned_data.get("host_unit")
        try:
            services.update_application(
                actor=request.user, application=app, changes=form.changes(), ip=client_ip(request),
                partner_unit_ids=[o.pk for o in form.cleaned_data["partner_units"]],
                host_unit_id=host.pk if host else None,
            )
        except ServiceError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, "申请书已保存。")
            return redirect("application_edit" if "stay" in request.POST else "application_detail", app.pk)
    results = _results_from_form(form, app) if form.is_bound else eligibility_for(app)
    return render(request, "applications/application_edit.html",
                  {"application": app, "form": form, "eligibility": results, "upload_hint": upload_hint()},
                  status=400 if form.errors else 200)


def _results_from_form(form, app: Application):
    values = {}
    if form.is_bound:
        form.is_valid()
        for name in (f.name for f in fact_fields() if f.editable):
            if name not in form.errors and name in getattr(form, "cleaned_data", {}):
                values[name] = form.yuan_values().get(name)
    return evaluate(facts_of(values, lead_unit=app.lead_unit, year=app.year))


@page("applications/<int:application_id>/eligibility/")
@login_required
@require_POST
def application_eligibility(request, application_id: int):
    """HTMX: the Art. 8 panel for what is typed in the form now (nothing is saved)."""
    app = selectors.application_for(request.user, application_id)
    form = ApplicationForm(request.POST, application=app, user=request.user)
    return render(request, "applications/includes/eligibility.html", {"eligibility": _results_from_form(form, app)})


@page("applications/<int:application_id>/attachments/")
@login_required
@require_POST
def attachment_upload(request, application_id: int):
    app = selectors.application_for(request.user, application_id)
    tell_form_outcome(request, AttachmentForm(request.POST, request.FILES), lambda data: services.add_attachment(
        actor=request.user, application=app, kind=data["kind"], upload=data["file"], ip=client_ip(request)),
        lambda att: f"已上传附件“{att.original_name}”（SHA-256 {att.sha256[:12]}…）。")
    return redirect(app)


@page("applications/<int:application_id>/attachments/<int:attachment_id>/")
@login_required
def attachment_download(request, application_id: int, attachment_id: int):
    att = selectors.attachment_for(request.user, application_id, attachment_id)
    record_download(actor=request.user, obj=att, name=att.original_name, via="page:attachment_download",
                    ip=client_ip(request))
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.original_name,
                        content_type=att.content_type)


@page("eligibility/", name="eligibility_self_check")
def self_check(request):
    """Anyone may check an organisation's facts against Art. 8 before applying; nothing is stored."""
    form = SelfCheckForm(request.GET or None, year=_year(request))
    results = []
    if form.is_bound and form.is_valid():
        data = form.yuan_values()
        facts = facts_of({**data, "integrity_declaration": data.get("integrity_clean")},
                         year=data.get("application_year"))
        facts.credit_code = (data.get("credit_code") or "").strip().upper()
        if data.get("integrity_clean") is False:
            facts.integrity_record_clean = False
        results = evaluate(facts)
    template = "applications/includes/eligibility.html" if request.headers.get("HX-Request") else \
        "applications/self_check.html"
    # What is wrong, by label, for the panel: an update from a typed value replaces only the panel (htmx).
    invalid = [(form.fields[name].label if name in form.fields else "", message)
               for name, messages_ in form.errors.items() for message in messages_]
    return render(request, template, {"form": form, "eligibility": results, "invalid": invalid},
                  status=400 if form.errors else 200)


def _year(request) -> int | None:
    return ascii_int(request.GET.get("application_year"), 2000, 2100)
