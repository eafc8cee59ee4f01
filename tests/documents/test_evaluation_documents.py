"""The evaluation round's documents: panel summary, results notice, rectification notice, revocation decision."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from ticms.documents import services
from ticms.errors import ServiceError
from ticms.evaluations import services as evaluations

from ..evaluations.factories import make_center, open_round, to_scoring
from .reading import docx_text, flat, pdf_text


def _texts(doc):
    with doc.docx.open("rb") as d, doc.pdf.open("rb") as p:
        return flat(docx_text(d.read())), pdf_text(p.read())


@pytest.fixture
def concluded(bureau_officer, county_officer, applicant, organisation):
    year = timezone.localdate().year
    center = make_center(bureau_officer, organisation, recognized_on=datetime.date(year - 3, 3, 1),
                         name="朔州市新能源技术创新中心")
    rnd = open_round(bureau_officer, year)
    ev = to_scoring(bureau_officer, county_officer, applicant, rnd.evaluations.get(center=center),
                    ("0.5", "0.5", "0.5"))
    with pytest.raises(ServiceError):  # not concluded yet: no results notice
        services.issue_document(actor=bureau_officer, kind="evaluation_results", record=rnd)
    ev = evaluations.conclude(actor=bureau_officer, evaluation=ev, outcome="rectify", comment="补充研发投入台账",
                              deadline=timezone.localdate() + datetime.timedelta(days=90))
    return rnd, ev


def test_results_notice_lists_the_center_and_its_outcome(bureau_officer, concluded):
    rnd, ev = concluded
    doc = services.issue_document(actor=bureau_officer, kind="evaluation_results", record=rnd)
    for text in _texts(doc):
        assert doc.number in text and f"关于{rnd.year}年度朔州市技术创新中心绩效评估结果的通知" in text
        assert "朔州市新能源技术创新中心" in text and "整改" in text


def test_rectification_notice_states_requirements_and_deadline(bureau_officer, concluded):
    _, ev = concluded
    rect = ev.rectification
    doc = services.issue_document(actor=bureau_officer, kind="rectification", record=rect)
    deadline = f"{rect.deadline.year}年{rect.deadline.month}月{rect.deadline.day}日"
    for text in _texts(doc):
        assert doc.number.startswith("朔科函〔") and doc.number in text
        assert "补充研发投入台账" in text and deadline in text


def test_panel_summary_lists_each_experts_score(bureau_officer, concluded):
    from ticms.reviews.selectors import latest_panel_for

    _, ev = concluded
    panel = latest_panel_for(ev)
    doc = services.issue_document(actor=bureau_officer, kind="panel_summary", record=panel)
    names = [a.expert.name for a in panel.assignments.filter(active=True)]
    for text in _texts(doc):
        assert "专家论证意见汇总表" in text and all(n in text for n in names)


def test_revocation_decision_after_failed_recheck(bureau_officer, concluded):
    _, ev = concluded
    center = ev.center
    with pytest.raises(ServiceError):
        services.issue_document(actor=bureau_officer, kind="revocation", record=center)
    after_deadline = ev.rectification.deadline + datetime.timedelta(days=3)
    with time_machine.travel(datetime.datetime.combine(after_deadline, datetime.time(10)), tick=True):
        evaluations.transition_rectification(actor=bureau_officer, rectification=ev.rectification,
                                             name="fail_recheck", comment="逾期未整改")
        center.refresh_from_db()
        doc = services.issue_document(actor=bureau_officer, kind="revocation", record=center)
    for text in _texts(doc):
        assert "关于撤销朔州市新能源技术创新中心资格的决定" in text and doc.number in text
