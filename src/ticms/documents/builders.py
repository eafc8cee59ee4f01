"""One content builder per document kind: the record in, the words of the document out (ticms.documents.content).

Builders read records through the apps' own models and selectors and never write. A `ready_*` function says why a
record cannot have its document issued yet (None when it can); a preview is allowed regardless.
"""

from __future__ import annotations

from ticms.centers.changes import describe
from ticms.policy import current_policy
from ticms.policy.calendar import format_period_zh
from ticms.reviews.selectors import panel_result

from .content import ISSUER, Content, Table, zh_date

MEASURES = "《朔州市技术创新中心管理办法》"
COUNTIES = "各县（市、区）科技局，各有关单位"


# --- 建设通知 (Art. 9(1)) ------------------------------------------------------------------------------------
def call(record) -> Content:
    fields = "、".join(record.fields) if record.fields else f"{MEASURES}第三条第（二）项所列全部重点产业集群"
    paragraphs = [
        f"为加快推进我市技术创新体系建设，根据{MEASURES}第九条规定，现组织开展{record.year}年度朔州市技术创新中心"
        f"建设申报工作。有关事项通知如下：",
        f"一、申报领域：{fields}。",
        f"二、申报时间：{zh_date(record.opens)}至{zh_date(record.closes)}。",
        "三、申报程序：申报单位通过系统填报申请书并上传附件，经归口管理单位审核推荐后报送市科技局。",
    ]
    paragraphs += [line for line in (record.text or "").splitlines() if line.strip()]
    return Content(title=record.title, recipients=COUNTIES, paragraphs=paragraphs, cc="各县（市、区）人民政府")


# --- 公示 (Art. 9(4), 11) --------------------------------------------------------------------------------------
def notice(record) -> Content:
    items = list(record.items.order_by("pk"))
    contacts = [f"电话：{record.contact_phone}"]
    if record.contact_email:
        contacts.append(f"电子邮箱：{record.contact_email}")
    if record.contact_address:
        contacts.append(f"地址：{record.contact_address}")
    paragraphs = [
        f"根据{MEASURES}第九条、第十一条规定，经归口管理单位推荐、市科技局复核和专家论证，现将拟认定（拟列为筹建）的"
        f"朔州市技术创新中心名单予以公示。",
        f"{format_period_zh(record.starts_on, record.ends_on)}（{_length(record.starts_on)}）。",
    ]
    paragraphs += [line for line in (record.text or "").splitlines() if line.strip()]
    closing = [
        "公示期内，任何单位和个人对公示名单有异议的，可通过本系统公示页面或以书面形式实名提出，写明异议事项、理由并提供"
        "必要的证明材料，签署真实姓名（单位加盖公章）和联系方式。匿名异议不予受理。",
        "异议受理联系方式：" + "；".join(contacts) + "。",
    ]
    return Content(
        title=record.title, paragraphs=paragraphs, closing=closing, masthead="",
        table=Table(["序号", "牵头单位", "拟命名", "公示结论"],
                    [[str(i), it.organisation_name, it.center_name, it.get_proposed_display()]
                     for i, it in enumerate(items, 1)]),
    )


def _length(on) -> str:
    policy = current_policy()
    unit = "个工作日" if policy.param("notice_day_unit", on) == "working" else "日"
    return f"{policy.param('notice_length', on)}{unit}"


def ready_notice(record) -> str | None:
    return None if record.state == "published" else "公示尚未发布。"


# --- 认定通知 / 列为筹建 (Art. 9(4), 11): the applications of one notice that were decided ---------------------
def _decided(record, state: str):
    return [it for it in record.items.select_related("application__center", "application__lead_unit").order_by("pk")
            if it.application.state == state and it.application.center_id]


def _decided_table(items, *, with_host: bool) -> Table:
    """The decided centers, numbered, with their lead unit (and host unit, on the recognition notice)."""
    rows = []
    for i, it in enumerate(items, 1):
        row = [str(i), it.application.center.official_name, it.application.lead_unit.name]
        if with_host:
            row.append(it.application.center.host_unit.name)
        rows.append(row)
    return Table(["序号", "中心名称", "牵头单位", *(["依托单位"] if with_host else [])], rows)


def _decision(title: str, items, *, with_host: bool, opening: str, closing: str) -> Content:
    """A decision on the centers of one notice, to the counties with a copy to their governments: the opening
    paragraph, the decided centers numbered, the closing."""
    return Content(title=title, recipients=COUNTIES, paragraphs=[opening],
                   table=_decided_table(items, with_host=with_host), closing=[closing], cc="各县（市、区）人民政府")


def recognition(record) -> Content:
    items = _decided(record, "recognized")
    return _decision("关于认定朔州市技术创新中心的通知", items, with_host=True,
                     opening=f"根据{MEASURES}第九条规定，经归口管理单位推荐、市科技局复核、专家论证和公示（"
                     f"{zh_date(record.starts_on)}至{zh_date(record.ends_on)}），公示期内无异议，决定认定以下"
                     f"{len(items)}家单位牵头建设的创新平台为朔州市技术创新中心，名称如下：",
                     closing="请各依托单位按照建设方案加强建设和运行管理，健全管理制度，每三年接受一次绩效评估（第十六条）。")


def ready_recognition(record) -> str | None:
    return None if _decided(record, "recognized") else "该公示中尚无已认定的中心。"


def preparatory(record) -> Content:
    items = _decided(record, "preparatory")
    return _decision("关于列为朔州市技术创新中心筹建对象的通知", items, with_host=False,
                     opening=f"根据{MEASURES}第十一条规定，下列{len(items)}家单位牵头建设的创新平台暂未完全达到认定条件，"
                     "但创新能力较强、产业发展急需，经专家论证和公示，决定列为朔州市技术创新中心筹建对象：",
                     closing="筹建期满达到认定条件的，可申请转正（第十一条）。")


def ready_preparatory(record) -> str | None:
    return None if _decided(record, "preparatory") else "该公示中尚无列为筹建的中心。"


# --- 专家论证意见汇总表 (Art. 9(3), 16) --------------------------------------------------------------------------
def panel_summary(record) -> Content:
    result = panel_result(record, with_indicators=False)
    rows = [[str(i), s.expert_name, s.assignment.expert.title or "", str(s.total) if s.total is not None else "未提交",
             s.recommendation_label or "—", (s.opinion.comment if s.opinion else "")]
            for i, s in enumerate(result.scores, 1)]
    when = []
    if record.site_visit_at:
        when.append(f"实地考察：{zh_date(record.site_visit_at.date())}，{record.site_visit_place}")
    if record.defence_at:
        when.append(f"现场答辩：{zh_date(record.defence_at.date())}，{record.defence_place}")
    return Content(
        title="专家论证意见汇总表", masthead="",
        paragraphs=[f"评审对象：{record.subject_title}",
                    f"评审类型：{record.get_purpose_display()}；领域：{record.field}", *when],
        table=Table(["序号", "专家", "职称", "总分", "结论建议", "评审意见"], rows),
        closing=[f"专家组平均分（{'去掉一个最高分和一个最低分后' if result.trimmed else '算术平均'}）："
                 f"{result.mean_score if result.mean_score is not None else '—'}；"
                 f"专家组结论：{result.recommendation_label or '未形成多数意见'}。",
                 "专家组组长（签字）：                    日期："],
    )


def ready_panel_summary(record) -> str | None:
    result = panel_result(record, with_indicators=False)
    return None if result.complete else "专家意见尚未全部提交：" + "、".join(result.missing) + "。"


# --- 变更批复 (Art. 15) ----------------------------------------------------------------------------------------
def change_approval(record) -> Content:
    center = record.center
    approved = record.state == "approved"
    decision = ("经研究，同意上述变更。变更后请依托单位及时更新中心信息，并按规定开展建设和运行。" if approved
                else "经研究，不同意上述变更。")
    return Content(
        title=f"关于{center.official_name}{record.get_kind_display()}的批复",
        recipients=center.host_unit.name,
        paragraphs=[f"你单位关于{center.official_name}{record.get_kind_display()}的申请收悉。根据{MEASURES}第十五条规定，"
                    f"经归口管理单位审核同意，现批复如下：",
                    f"变更事项：{describe(record)}。", f"变更理由：{record.reasons}", decision],
        cc=center.host_unit.competent_unit.name if center.host_unit.competent_unit_id else "",
    )


def ready_change_approval(record) -> str | None:
    return None if record.state in ("approved", "rejected") and record.decided_at else "变更申请尚未作出决定。"


# --- 绩效评估结果通知 (Art. 16) ----------------------------------------------------------------------------------
def evaluation_results(record) -> Content:
    rows = list(record.evaluations.filter(state="concluded").select_related("center__host_unit")
                .order_by("-total_score", "center__official_name"))
    return Content(
        title=f"关于{record.year}年度朔州市技术创新中心绩效评估结果的通知",
        recipients=COUNTIES,
        paragraphs=[f"根据{MEASURES}第十六条规定，市科技局组织专家对{len(rows)}家朔州市技术创新中心开展了绩效评估。"
                    "现将评估结果通知如下："],
        table=Table(["序号", "中心名称", "依托单位", "得分", "等级", "评估结论"],
                    [[str(i), e.center.official_name, e.center.host_unit.name,
                      str(e.total_score) if e.total_score is not None else "—", e.get_grade_display() or "—",
                      e.get_outcome_display()] for i, e in enumerate(rows, 1)]),
        closing=["评估结果为优秀的中心，优先给予支持并推荐申报省级技术创新中心；评估结论为整改的中心，请按整改通知要求限期"
                 "整改；评估结论为撤销的中心，撤销其朔州市技术创新中心资格。"],
        cc="各县（市、区）人民政府",
    )


def ready_evaluation_results(record) -> str | None:
    if not record.evaluations.filter(state="concluded").exists():
        return "该批次尚无已出结论的评估。"
    if record.evaluations.exclude(state="concluded").exists():
        return "该批次还有评估未出结论。"
    return None


# --- 整改通知 (Art. 16) ----------------------------------------------------------------------------------------
def rectification(record) -> Content:
    ev = record.evaluation
    center = ev.center
    return Content(
        title=f"关于{center.official_name}限期整改的通知",
        recipients=center.host_unit.name,
        paragraphs=[f"根据{MEASURES}第十六条规定，{ev.round.year}年度绩效评估结论为整改。请你单位按以下要求进行整改，"
                    f"并于{zh_date(record.deadline)}前通过系统提交整改报告。逾期未整改或整改复查不合格的，撤销其朔州市技术"
                    f"创新中心资格。", "整改要求："],
        closing=[line for line in record.requirements.splitlines() if line.strip()],
        cc=center.host_unit.competent_unit.name if center.host_unit.competent_unit_id else "",
    )


# --- 撤销决定 (Art. 16, 5(4)) ----------------------------------------------------------------------------------
def revocation(record) -> Content:
    change = record.status_changes.filter(to_status="revoked").order_by("-at").first()
    reason = change.reason if change and change.reason else "绩效评估或整改复查不合格"
    return Content(
        title=f"关于撤销{record.official_name}资格的决定",
        recipients=COUNTIES,
        paragraphs=[f"{record.official_name}（依托单位：{record.host_unit.name}），于{zh_date(record.recognized_on)}"
                    f"认定。", f"撤销原因：{reason}。",
                    f"根据{MEASURES}第十六条规定，决定撤销{record.official_name}资格，自本决定印发之日起不再使用"
                    "“朔州市技术创新中心”名称。"],
        cc=record.host_unit.name,
    )


def ready_revocation(record) -> str | None:
    return None if record.status == "revoked" else "该中心未被撤销。"


def _unit_name(organisation) -> str:
    return organisation.competent_unit.name if organisation.competent_unit_id else "—"


# --- 申报书 (Art. 9(2)): the application as a document to sign and stamp -----------------------------------------
def application_form(record) -> Content:
    from ticms.applications.display import sections_of  # the 申请书's fields, as the record page shows them

    rows = [["申报类型", record.get_track_display()]]
    for section in sections_of(record):
        rows += [[row["label"], row["text"]] for row in section["rows"]]
    return Content(
        title=f"朔州市技术创新中心申请书（{record.year}年度）", masthead="",
        paragraphs=[f"申报单位：{record.lead_unit.name}",
                    f"归口管理单位：{_unit_name(record.lead_unit)}"],
        table=Table(["项目", "内容"], rows),
        closing=["诚信承诺：本单位承诺所填报内容及附件真实、准确、完整，无违法失信记录，近三年未发生重大安全、质量、环境污染"
                 f"事故（第八条第（四）项）。承诺人：{record.integrity_signer or '          '}"],
        sign_lines=["法定代表人（签字）：", "牵头单位（盖章）：", "归口管理单位意见（盖章）："],
        signer=record.lead_unit.name, printed_by="",
    )


__all__ = ["ISSUER"]
