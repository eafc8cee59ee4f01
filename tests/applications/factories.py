"""Calls and applications for tests. Complete applications are filled and submitted through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ticms.applications import services
from ticms.applications.models import REQUIRED_ATTACHMENTS, Application
from ticms.calls.models import Call

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name: str = "材料.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"关于申报2026年度朔州市技术创新中心的通知（{n}）")
    year = 2026
    fields = factory.LazyFunction(list)
    opens = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5))
    closes = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    text = "请符合条件的单位按要求申报。"


COMPLETE_FACTS = {
    "category": "domain",
    "field": "碳基新材料",
    "name": "碳基新材料",
    "independent_legal_person": True,
    "director": "张三",
    "director_title": "正高级工程师",
    "fixed_staff": 20,
    "visiting_staff": 5,
    "floor_area_m2": Decimal("450"),
    "equipment_value": Decimal("3000000"),
    "rd_investment_y1": Decimal("800000"),
    "rd_investment_y2": Decimal("900000"),
    "rd_investment_y3": Decimal("1000000"),
    "ip_asset_count": 12,
    "ip_assets": "发明专利5项，实用新型7项",
    "achievements": "碳纤维复合材料关键技术",
    "construction_plan": "三年建成碳基新材料中试平台",
    "integrity_declaration": True,
    "integrity_signer": "李法人",
}


def new_application(applicant, organisation, *, call=None, **facts) -> Application:
    app = services.create_application(actor=applicant, lead_unit=organisation, call=call or CallFactory())
    if facts:
        app = services.update_application(actor=applicant, application=app, changes=facts)
    return app


def attach_required(applicant, app: Application) -> None:
    for kind in REQUIRED_ATTACHMENTS:
        services.add_attachment(actor=applicant, application=app, kind=kind, upload=pdf(f"{kind}.pdf",
                                PDF + kind.encode()))


def complete_application(applicant, organisation, *, call=None, **overrides) -> Application:
    app = new_application(applicant, organisation, call=call, **{**COMPLETE_FACTS, **overrides})
    attach_required(applicant, app)
    return app


def submitted_application(applicant, organisation, **overrides) -> Application:
    app = complete_application(applicant, organisation, **overrides)
    return services.transition_application(actor=applicant, application=app, name="submit")


def recommended_application(applicant, organisation, county_officer, **overrides) -> Application:
    app = submitted_application(applicant, organisation, **overrides)
    return services.transition_application(actor=county_officer, application=app, name="county_recommend")
