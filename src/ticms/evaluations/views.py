"""Pages of the evaluation: rounds, one evaluation, materials, conclusion, rectification, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ticms.accounts.roles import Role, require_role
from ticms.accounts.scope import get_visible_or_404
from ticms.audit.services import timeline
from ticms.audit.signals import client_ip
from ticms.errors import ServiceError
from ticms.exports import wants_xlsx
from ticms.reviews.selectors import latest_panel_for
from ticms.web.feedback import form_post, tell_form_outcome
from ticms.web.lists import Column, Listing
from ticms.web.routes import page
from ticms.workflow.endpoints import action_url
from ticms.workflow.rights import deny_unless, owner_note

from . import services
from .exports import EVALUATIONS_EXPORT, ROUNDS_EXPORT
from .filters import ResultFilter, RoundFilter
from .forms import AttachmentForm, ConcludeForm, MaterialsForm, ReportForm, RoundForm
from .indicators import GRADE_LABELS
from .metrics import DATA_FIELDS
from .models import EvaluationState, Rectification
from .rights import may_edit, may_write_report
from .schedule import due_centers, due_queryset, with_due_dates
from .scoring import evaluation_system, score_sheet
from .selectors import evaluations_visible_to, round_results, rounds_visible_to
from .workflow import EVALUATION_FLOW, RECTIFICATION_FLOW, ROUND_FLOW

DUE_PAGE_SIZE = 25


ROUND_COLUMNS = [
    Column("年度", "year", ("year",), unique=True),
    "批次名称",
    Column("材料截止", "deadline", ("materials_deadline",)),
    "指标体系", "状态", "结果",
]
RESULT_COLUMNS = [
    Column("中心", "center", ("center__official_name",)),
    "领域", "数据指标", "专家评分",
    Column("总分", "score", ("total_score",)),
    "等级", "结论", "中心状态",
]


@page("evaluations/")
@login_required
def round_list(request):
    # The rounds page on `rpage`: `page` pages the centers due below.
    listing = Listing(request, rounds_visible_to(request.user), columns=ROUND_COLUMNS, filterset=RoundFilter,
                      default_sort="-year", page_param="rpage")
    if wants_xlsx(request):
        return ROUNDS_EXPORT.response(request, listing.qs)
    ctx = {"listing": listing, "rounds": listing.page_obj.object_list}
    if request.user.has_role(Role.BUREAU_OFFICER):
        year = timezone.localdate().year
        ctx["due_year"] = year
        # Thousands of centers fall due in a year at the province's size: a page of them and a count.
        page = Paginator(due_queryset(year).select_related("host_unit"), DUE_PAGE_SIZE).get_page(
            request.GET.get("page"))
        ctx["due_page"] = page
        ctx["due"] = with_due_dates(page.object_list, year)
    return render(request, "evaluations/round_list.html", ctx)


@page("evaluations/rounds/new/")
@login_required
def round_create(request):
    require_role(request.user, Role.BUREAU_OFFICER, doing="访问此页面", article="5")
    year = timezone.localdate().year
    form = RoundForm(request.POST or None, initial={"year": year})
    chosen_year = form.data.get("year") if form.is_bound else year
    try:
        chosen_year = int(chosen_year)
    except (TypeError, ValueError):
        chosen_year = year
    due = due_centers(chosen_year) if 2000 <= chosen_year <= 2100 else []
    done = form_post(request, form, lambda data: services.open_round(
        actor=request.user, ip=client_ip(request), center_ids=request.POST.getlist("center_ids") or None, **data),
        success=lambda rnd: f"已开启“{rnd.title}”，共 {rnd.evaluations.count()} 个中心。", then=lambda rnd: rnd)
    return done or render(request, "evaluations/round_form.html", {"form": form, "due": due, "due_year": chosen_year})


@page("evaluations/rounds/<int:pk>/")
@login_required
def round_detail(request, pk: int):
    rnd = get_visible_or_404(rounds_visible_to(request.user), request.user, pk=pk)
    evaluations = evaluations_visible_to(request.user).filter(round=rnd).order_by("due_on", "center__official_name")
    if wants_xlsx(request):
        return EVALUATIONS_EXPORT.response(request, evaluations.order_by("due_on", "center__official_name", "pk"),
                                           filters={"评估批次": rnd.title})
    return render(request, "evaluations/round_detail.html", {
        "round": rnd, "evaluations": evaluations, "transitions": ROUND_FLOW.available(request.user, rnd),
        "events": timeline(rnd), "action_url": action_url(rnd),
    })


@page("evaluations/rounds/<int:pk>/results/", name="round_results")
@login_required
def round_results_view(request, pk: int):
    rnd = get_visible_or_404(rounds_visible_to(request.user), request.user, pk=pk)
    results = round_results(rnd, request.user)
    listing = Listing(request, evaluations_visible_to(request.user).filter(round=rnd).select_related("rectification"),
                      columns=RESULT_COLUMNS, filterset=ResultFilter, default_sort="-score", per_page=50)
    if wants_xlsx(request):
        return EVALUATIONS_EXPORT.response(request, listing.qs)
    chart = {
        "outcomes": [label for _code, label in results["outcomes"]],
        "fields": [name for name, _ in results["by_field"]],
        "series": [[counts[i] for _name, counts in results["by_field"]] for i in range(len(results["outcomes"]))],
    }
    return render(request, "evaluations/round_results.html", {
        "round": rnd, **results, "grade_labels": GRADE_LABELS, "chart": chart,
        "listing": listing, "page_obj": listing.page_obj,
    })


def _score_rows(system, summary: dict) -> list:
    rows = []
    for level in system.levels:
        items = []
        for i in level.children:
            if i.rule == "expert":
                items.append((i, (summary.get("expert") or {}).get(i.code), None))
            else:
                d = (summary.get("data") or {}).get(i.code) or {}
                items.append((i, d.get("points"), d.get("value")))
        rows.append((level, items))
    return rows


@page("evaluations/<int:pk>/")
@login_required
def evaluation_detail(request, pk: int):
    ev = get_visible_or_404(evaluations_visible_to(request.user), request.user, pk=pk)
    system = evaluation_system(ev)
    if ev.state == EvaluationState.EXPERT_SCORING:
        summary = score_sheet(ev).as_dict()
    elif ev.scores:
        summary = ev.scores
    else:
        summary = {"data": system.data_scores(ev.indicator_data, [int(y) for y in ev.data_years])}
    transitions = EVALUATION_FLOW.available(request.user, ev)
    edit = may_edit(request.user, ev)
    rect = getattr(ev, "rectification", None)
    data_rows = [(f, [(ev.indicator_data or {}).get(str(y), {}).get(f.code) for y in ev.data_years])
                 for f in DATA_FIELDS]
    return render(request, "evaluations/evaluation_detail.html", {
        "ev": ev, "system": system, "score_rows": _score_rows(system, summary),
        "summary": summary if "total" in summary else None,
        "suggested_label": GRADE_LABELS.get(summary.get("suggested_grade", ""), ""),
        "transitions": [t for t in transitions if not t.name.startswith("conclude_")],
        "concluding": [t for t in transitions if t.name.startswith("conclude_")],
        "outcome_choices": ConcludeForm.OUTCOMES, "grade_choices": ConcludeForm.GRADES,
        "action_url": action_url(ev),
        "rect": rect,
        "rect_transitions": RECTIFICATION_FLOW.available(request.user, rect) if rect else [],
        "rect_action_url": action_url(rect) if rect else "",
        "can_report": bool(rect) and may_write_report(request.user, rect)[0],
        "can_form_panel": ev.state == EvaluationState.COUNTY_CHECKED and request.user.has_role(Role.BUREAU_OFFICER),
        "can_conclude": request.user.has_role(Role.BUREAU_OFFICER),
        "panel": latest_panel_for(ev) if request.user.has_role(Role.BUREAU_OFFICER) else None,
        "data_rows": data_rows, "events": timeline(ev), "attachments": ev.attachments.all(),
        "can_edit": edit[0], "edit_note": owner_note(edit),
    })


@page("evaluations/<int:pk>/materials/")
@login_required
def materials_edit(request, pk: int):
    ev = get_visible_or_404(evaluations_visible_to(request.user), request.user, pk=pk)
    deny_unless(may_edit(request.user, ev))
    initial = {"self_assessment": ev.self_assessment}
    for year, row in services.indicator_data_for_form(ev).items():
        for code, value in row.items():
            initial[f"{year}__{code}"] = value
    form = MaterialsForm(request.POST or None, initial=initial, years=ev.data_years)
    upload = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_materials(actor=request.user, evaluation=ev, ip=client_ip(request),
                                      self_assessment=form.cleaned_data["self_assessment"],
                                      indicator_data=form.indicator_data())
            if request.FILES.get("file"):
                services.add_attachment(actor=request.user, evaluation=ev, uploaded_file=request.FILES["file"],
                                        ip=client_ip(request))
        except ServiceError as exc:
            if isinstance(exc.detail, dict):
                for key, msg in exc.detail.items():
                    name = key.replace(".", "__")
                    form.add_error(name if name in form.fields else None, msg)
            else:
                form.add_error(None, str(exc.detail))
        else:
            messages.success(request, "评估材料已保存。确认无误后，请在评估页面点击“提交评估材料”。")
            return redirect(ev)
    return render(request, "evaluations/materials_form.html", {"ev": ev, "form": form, "upload": upload,
                                                               "fields": DATA_FIELDS})


@page("evaluations/rectifications/<int:pk>/report/")
@login_required
@require_POST
def rectification_report(request, pk: int):
    rect = get_visible_or_404(Rectification.objects.select_related("evaluation__center"), request.user, pk=pk)
    tell_form_outcome(request, ReportForm(request.POST), lambda data: services.write_rectification_report(
        actor=request.user, rectification=rect, report=data["report"], ip=client_ip(request)),
        "整改报告已保存。确认无误后，请点击“提交整改报告”。", invalid="请填写整改报告（不超过五万字）。")
    return redirect(rect.evaluation)
