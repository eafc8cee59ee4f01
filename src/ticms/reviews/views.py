"""Pages of expert review: the pool and panels (bureau), and the expert's own assignments (phone-friendly)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role, require_role
from ticms.accounts.scope import get_visible_or_404
from ticms.audit.services import timeline
from ticms.audit.signals import client_ip
from ticms.crypto.access import record_reveal
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.web.feedback import form_errors, form_post, refusal_messages, tell_outcome
from ticms.web.lists import Column, Listing, rows_only
from ticms.web.routes import page
from ticms.workflow.endpoints import action_url

from . import draw as drawing
from . import services
from .endpoints import own_assignment
from .exports import EXPERTS_EXPORT, PANELS_EXPORT
from .filters import ExpertFilter, PanelFilter
from .forms import ExpertForm, OpinionForm, PanelForm
from .models import Assignment, Expert, Opinion, Panel
from .purposes import indicators_for, recommendation_label
from .selectors import (
    applications_without_panel,
    assignments_of_expert,
    can_see_details,
    latest_panel_for,
    panel_result,
    panels_of_subject,
    redraw_check,
)
from .subjects import check_drawable, describe, resolve
from .workflow import ASSIGNMENT_FLOW

# --- the expert pool (专家库) --------------------------------------------------------------------
ASSIGNMENTS_PER_PAGE = 25

EXPERT_COLUMNS = [
    Column("编号", "pk", ("pk",)),
    Column("姓名", "name", ("name",)),
    "职称", "工作单位", "擅长领域", "账号", "状态", "操作",
]
PANEL_COLUMNS = [
    Column("评审对象", "subject", ("subject_title",)),
    "用途",
    Column("领域", "field", ("field",)),
    "人数",
    Column("抽取时间", "drawn", ("drawn_at",)),
]


@page("reviews/experts/")
@login_required
def expert_list(request):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    qs = Expert.objects.visible_to(request.user).select_related("organisation", "user")
    listing = Listing(request, qs, columns=EXPERT_COLUMNS, filterset=ExpertFilter, default_sort="pk", per_page=50)
    if wants_xlsx(request):
        return EXPERTS_EXPORT.response(request, listing.qs)
    return render(request, "reviews/expert_list.html", {"listing": listing, "page_obj": listing.page_obj})


@page("reviews/experts/new/")
@login_required
def expert_create(request):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    form = ExpertForm(request.POST or None)
    done = form_post(request, form, lambda data: services.create_expert(actor=request.user, ip=client_ip(request),
                                                                        **data),
                     success=lambda expert: f"已将专家“{expert.name}”加入专家库。", then="reviews:expert_list",
                     prefix="score_")
    return done or render(request, "reviews/expert_form.html", {"form": form, "expert": None})


@page("reviews/experts/<int:pk>/edit/")
@login_required
def expert_edit(request, pk: int):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    expert = get_visible_or_404(Expert, request.user, pk=pk)
    initial = {
        "name": expert.name, "title": expert.title, "organisation": expert.organisation,
        "organisation_text": expert.organisation_text, "fields": expert.fields, "phone": expert.phone,
        "email": expert.email, "user": expert.user, "active": expert.active,
        "declared_ties": list(expert.declared_ties.all()),
    }
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "GET" and (expert.phone or expert.email):
        # The form shows the expert's phone and e-mail in full, to edit them: that read is audited.
        record_reveal(actor=request.user, role=Role.BUREAU_OFFICER, model=Expert, ids=[expert.pk],
                      fields=["phone", "email"], via="page:expert_edit", ip=client_ip(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        ties = data.pop("declared_ties")
        try:
            services.update_expert(actor=request.user, expert=expert, declared_ties=ties, ip=client_ip(request),
                                   **data)
        except ServiceError as exc:
            form_errors(form, exc, prefix="score_")
        else:
            messages.success(request, f"已保存专家“{expert.name}”的信息。")
            return redirect("reviews:expert_list")
    return render(request, "reviews/expert_form.html",
                  {"form": form, "expert": expert, "events": timeline(expert)})


# --- panels (专家组) ------------------------------------------------------------------------------
@page("reviews/panels/")
@login_required
def panel_list(request):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    qs = Panel.objects.visible_to(request.user).select_related("content_type")
    listing = Listing(request, qs, columns=PANEL_COLUMNS, filterset=PanelFilter, default_sort="-drawn")
    if wants_xlsx(request):
        return PANELS_EXPORT.response(request, listing.qs)
    listing.rows_only("subject_title", "purpose", "field", "size", "drawn_at")
    waiting = rows_only(applications_without_panel(request.user), "name", "field", lead_name="lead_unit__name")[:50]
    return render(request, "reviews/panel_list.html",
                  {"listing": listing, "page_obj": listing.page_obj, "waiting": waiting})


@page("reviews/panels/new/<str:subject_type>/<int:subject_id>/")
@login_required
def panel_create(request, subject_type: str, subject_id: int):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    try:
        subject = resolve(subject_type, subject_id)
    except ServiceError as exc:
        refusal_messages(request, exc)
        return redirect("reviews:panel_list")
    info = describe(subject)
    purpose = "recognition" if subject_type == "application" else "evaluation"
    try:
        check_drawable(subject)
    except ServiceError as exc:
        refusal_messages(request, exc)
        return redirect(info.url or "reviews:panel_list")
    form = PanelForm(request.POST or None, initial={"field": info.field, "size": 5})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            panel = services.form_panel(
                actor=request.user, subject=subject, size=d["size"], field=d["field"],
                excluded_org_ids=info.organisation_ids, purpose=purpose,
                site_visit_at=d["site_visit_at"], site_visit_place=d["site_visit_place"],
                defence_at=d["defence_at"], defence_place=d["defence_place"], excluded_experts=form.exclusions(),
                redraw_reason=d["redraw_reason"], ip=client_ip(request),
            )
        except ServiceError as exc:
            form_errors(form, exc, prefix="score_")
        else:
            messages.success(request, f"已随机抽取 {panel.size} 名专家组成专家组（第 {panel.draw_number} 次抽取）。")
            return redirect(panel)
    return render(request, "reviews/panel_form.html",
                  {"form": form, "info": info, "current": latest_panel_for(subject)})


@page("reviews/panels/<int:pk>/")
@login_required
def panel_detail(request, pk: int):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    panel = get_visible_or_404(Panel.objects.select_related("content_type", "drawn_by"), request.user, pk=pk)
    all_assignments = list(panel.assignments.select_related("expert", "replaced_by__expert").order_by("pk"))
    check = redraw_check(panel) if request.GET.get("check") else None
    return render(request, "reviews/panel_detail.html", {
        "panel": panel,
        "result": panel_result(panel),
        "assignments": all_assignments,
        "draws": list(panel.draws.all()),
        "history": panels_of_subject(panel),
        "algorithm": drawing.ALGORITHM_ZH,
        "check": check,
        "events": timeline(panel),
        "subject_url": describe(panel.subject).url if panel.subject is not None else "",
    })


# --- the expert's own assignments ----------------------------------------------------------------
@page("reviews/assignments/")
@login_required
def my_assignments(request):
    if not request.user.has_role(Role.EXPERT):
        raise PermissionDenied("只有评审专家可以访问此页面。")
    # Paged, newest first: an expert on the register for years has hundreds. A row shows the subject, the purpose
    # and where the expert stands, nothing of the expert's own (encrypted) details nor the opinion's text.
    qs = (assignments_of_expert(request.user).select_related(None).select_related("panel")
          .only("active", "declaration", "panel__subject_title", "panel__purpose")
          .annotate(submitted=Exists(Opinion.objects.filter(assignment=OuterRef("pk")))))
    page_obj = Paginator(qs, ASSIGNMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reviews/my_assignments.html", {"page_obj": page_obj})


@page("reviews/assignments/<int:pk>/")
@login_required
def assignment_detail(request, pk: int, opinion_form=None):
    assignment = own_assignment(request.user, pk)
    panel = assignment.panel
    info = describe(panel.subject) if panel.subject is not None else None
    opinion = getattr(assignment, "opinion", None)
    details = can_see_details(assignment)
    if details and opinion is None and opinion_form is None:
        opinion_form = OpinionForm(panel=panel)
    return render(request, "reviews/assignment_detail.html", {
        "assignment": assignment,
        "panel": panel,
        "info": info,
        "details": details,
        "opinion": opinion,
        "opinion_rows": [(i.name, i.max, opinion.scores.get(i.code, "—")) for i in indicators_for(panel)]
        if opinion else [],
        "opinion_label": recommendation_label(panel.purpose, opinion.recommendation) if opinion else "",
        "opinion_form": opinion_form,
        "transitions": {t.name: t for t in ASSIGNMENT_FLOW.available(request.user, assignment)},
        "action_url": action_url(assignment),
    }, status=422 if (opinion_form is not None and opinion_form.errors) else 200)


@page("reviews/assignments/<int:pk>/opinion/")
@login_required
@require_POST
def assignment_opinion(request, pk: int):
    assignment = own_assignment(request.user, pk)
    form = OpinionForm(request.POST, panel=assignment.panel)
    if form.is_valid():
        try:
            services.submit_opinion(actor=request.user, assignment=assignment, scores=form.scores(),
                                    comment=form.cleaned_data["comment"],
                                    recommendation=form.cleaned_data["recommendation"], ip=client_ip(request))
        except ServiceError as exc:
            if exc.status == 409:
                refusal_messages(request, exc)
                return redirect("reviews:assignment_detail", pk=pk)
            form_errors(form, exc, prefix="score_")
        else:
            messages.success(request, "评审意见已提交。提交后不能修改。")
            return redirect("reviews:assignment_detail", pk=pk)
    return assignment_detail(request, pk, opinion_form=form)


@page("reviews/assignments/<int:pk>/replace/")
@login_required
@require_POST
def assignment_replace(request, pk: int):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    assignment = get_visible_or_404(Assignment, request.user, pk=pk)
    tell_outcome(request, lambda: services.replace_expert(actor=request.user, assignment=assignment,
                                                          ip=client_ip(request)),
                 lambda new: f"已替补专家“{new.expert.name}”。")
    return redirect(assignment.panel)
