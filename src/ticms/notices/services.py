"""Business actions of public notices: create, mark items, publish; raise and handle objections."""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.utils import timezone

from ticms.accounts.roles import Role, require_role
from ticms.audit import services as audit
from ticms.centers.models import Center
from ticms.errors import ServiceError
from ticms.notifications.services import notify_on_commit
from ticms.policy.calendar import format_date_zh
from ticms.policy.naming import check_official_name, official_name
from ticms.workflow.rights import enforce

from .models import NoticeItem, NoticeState, Objection, ObjectionClient, Proposed, PublicNotice
from .period import end_of_period
from .rights import may_edit
from .workflow import NOTICE_FLOW, OBJECTION_FLOW, PLAN_SUBMITTED

# Art. 9(4): the notice, the real-name objection and the name the center receives all stand on this item.
ARTICLE = "9(4)"
CITATION = "第九条第（四）项"
# Words people type instead of a name; an objection signed so is anonymous.
ANONYMOUS_NAMES = {"匿名", "无名", "无名氏", "佚名", "某某", "不详", "保密", "不愿透露"}
OBJECTIONS_PER_IP_PER_HOUR = 5
PHONE = re.compile(r"^[0-9+\-() ]{5,30}$")
LIMITS = {"name": 50, "organisation": 200, "phone": 30, "content": 5000}
# Who objects must be identifiable: name, unit and phone (the notice asks for all three).
REAL_NAME_FIELDS = ("name", "organisation", "phone")


def default_proposed(application) -> str:
    """From the panel's conclusion recorded by conclude_review (Art. 11: preparatory → 拟列为筹建)."""
    return Proposed.PREPARATORY if application.proposed_outcome == Proposed.PREPARATORY else Proposed.RECOGNIZE


def default_center_name(application) -> str:
    """The default official name: 朔州市{field}技术创新中心 (Art. 9(4)); an upgrade keeps its center's name."""

    if application.upgrade_of_id:
        return application.upgrade_of.official_name
    return official_name(application.field) if application.field else str(application.name or application)


def _check_center_name(application, name: str, taken_in_notice: set[str]) -> str:
    """The name the center will get on recognition: it must follow the pattern and be free — two centers in one
    field need different ×× (e.g. a narrower domain), and the bureau settles that before the notice is public."""

    name = (name or "").strip()
    reasons = check_official_name(name)
    if reasons:
        raise ServiceError("center_name_invalid", f"“{application}”：{reasons[0].message}",
                           field="center_names", article="9(4)")
    existing = Center.objects.filter(official_name=name).exclude(pk=application.upgrade_of_id or 0).first()
    if existing or name in taken_in_notice:
        raise ServiceError(
            "center_name_taken",
            f"“{application}”：名称“{name}”已被{'已认定的中心' if existing else '本公示中的另一项'}使用，"
            f"请另拟“朔州市××技术创新中心”中的××（如更具体的细分领域）（{CITATION}）。",
            field="center_names", article=ARTICLE)
    return name


def _add_item(notice: PublicNotice, application, proposed: str | None, center_name: str | None = None,
              taken_in_notice: set[str] | None = None) -> NoticeItem:
    if application.state != PLAN_SUBMITTED:
        raise ServiceError("application_not_ready",
                           f"“{application}”不在“建设方案已提交”状态，不能列入公示。", field="applications")
    if NoticeItem.objects.filter(application=application, notice__state=NoticeState.PUBLISHED).exists():
        raise ServiceError("already_publicized", f"“{application}”已在已发布的公示中。", field="applications")
    proposed = proposed or default_proposed(application)
    if proposed not in Proposed.values:
        raise ServiceError("invalid_proposed", "公示结论只能是“拟认定”或“拟列为筹建”。", field="proposed")
    return NoticeItem.objects.create(
        notice=notice, application=application, proposed=proposed,
        organisation_name=application.lead_unit.name,
        center_name=_check_center_name(application, center_name or default_center_name(application),
                                       taken_in_notice if taken_in_notice is not None else set()),
    )


@transaction.atomic
def create_notice(*, actor, title: str, applications, contact_phone: str, contact_email: str = "",
                  contact_address: str = "", text: str = "", starts_on: datetime.date | None = None,
                  proposed: dict | None = None, center_names: dict | None = None,
                  ip: str | None = None) -> PublicNotice:
    """A draft notice with one item per application (`proposed` maps application id → recognize/preparatory;
    `center_names` application id → the official name the center will get, by default from its field)."""
    require_role(actor, Role.BUREAU_OFFICER, article="5")
    if not (title or "").strip():
        raise ServiceError("title_required", "请填写公示标题。", field="title")
    if not (contact_phone or "").strip():
        raise ServiceError("contact_required", "请填写异议受理电话。", field="contact_phone", article="9(4)")
    applications = list(applications)
    if not applications:
        raise ServiceError("no_items", "请至少选择一项申请列入公示。", field="applications")
    if len({a.pk for a in applications}) != len(applications):
        raise ServiceError("duplicate_items", "同一申请不能重复列入公示。", field="applications")
    today = timezone.localdate()
    starts_on = starts_on or today
    if starts_on < today:
        # Art. 9(4): the five working days are the public's time to object; a period already run is no notice.
        raise ServiceError("start_in_past",
                           f"公示开始日期不能早于今天（{format_date_zh(today)}）：公示期自发布之日起计算。",
                           field="starts_on")
    notice = PublicNotice.objects.create(
        title=title.strip(), text=text, starts_on=starts_on, ends_on=end_of_period(starts_on),
        contact_phone=contact_phone.strip(), contact_email=contact_email, contact_address=contact_address,
        created_by=actor,
    )
    proposed, center_names, taken = proposed or {}, center_names or {}, set()
    items = []
    for a in applications:
        items.append(_add_item(notice, a, proposed.get(a.pk), center_names.get(a.pk), taken))
        taken.add(items[-1].center_name)
    audit.record("publicnotice.create", actor=actor, role=Role.BUREAU_OFFICER, obj=notice, ip=ip, data={
        "title": notice.title, "starts_on": starts_on.isoformat(), "ends_on": notice.ends_on.isoformat(),
        "items": [{"application": i.application_id, "proposed": i.proposed, "center_name": i.center_name}
                  for i in items],
    })
    return notice


@transaction.atomic
def mark_item(*, actor, item: NoticeItem, proposed: str, ip: str | None = None) -> NoticeItem:
    item = NoticeItem.objects.select_for_update().select_related("notice").get(pk=item.pk)
    enforce(may_edit(actor, item.notice))
    if proposed not in Proposed.values:
        raise ServiceError("invalid_proposed", "公示结论只能是“拟认定”或“拟列为筹建”。", field="proposed")
    before = item.proposed
    item.proposed = proposed
    item.save(update_fields=["proposed"])
    audit.record("noticeitem.mark", actor=actor, role=Role.BUREAU_OFFICER, obj=item, ip=ip,
                 data={"notice": item.notice_id, "before": before, "after": proposed})
    return item


def publish_notice(*, actor, notice: PublicNotice, ip: str | None = None) -> PublicNotice:
    """Publish and put every application into 公示中 in one transaction: all or nothing (Art. 9(4))."""
    return NOTICE_FLOW.apply(actor, notice, "publish", ip=ip)


def _clean_public_text(value, name: str, label: str) -> str:
    value = value.strip() if isinstance(value, str) else ""
    if not value and name in REAL_NAME_FIELDS:
        raise ServiceError("anonymous_objection", f"异议须实名提出，请填写{label}（{CITATION}）。", field=name,
                           article=ARTICLE)
    if not value:
        raise ServiceError("required", f"请填写{label}。", field=name)
    if len(value) > LIMITS[name]:
        raise ServiceError("too_long", f"{label}不能超过 {LIMITS[name]} 字。", field=name)
    return value


def _check_rate(ip: str) -> None:
    """At most OBJECTIONS_PER_IP_PER_HOUR per client address in any hour, exactly, however many posts arrive at
    once: the address's row is created if new (a concurrent insert waits for the other, then is ignored) and
    locked until this transaction ends, so the count below sees every objection committed before it."""
    now = timezone.now()
    ObjectionClient.objects.bulk_create([ObjectionClient(ip=ip, last_at=now)], ignore_conflicts=True)
    client = ObjectionClient.objects.select_for_update().get(ip=ip)
    since = now - datetime.timedelta(hours=1)
    if Objection.objects.filter(ip=ip, submitted_at__gte=since).count() >= OBJECTIONS_PER_IP_PER_HOUR:
        raise ServiceError("rate_limited", "提交过于频繁，请一小时后再试，或通过公示中的电话反映。", status=429)
    client.last_at = now
    client.save(update_fields=["last_at"])


@transaction.atomic
def raise_objection(*, item: NoticeItem, name: str, organisation: str, phone: str, content: str,
                    ip: str | None = None, today: datetime.date | None = None) -> Objection:
    """Anyone may object, under their real name, within the notice period (Art. 9(4))."""
    name = _clean_public_text(name, "name", "真实姓名")
    if name in ANONYMOUS_NAMES:
        raise ServiceError("anonymous_objection", f"异议须实名提出，“{name}”不是真实姓名（{CITATION}）。",
                           field="name", article=ARTICLE)
    organisation = _clean_public_text(organisation, "organisation", "工作单位")
    phone = _clean_public_text(phone, "phone", "联系电话")
    content = _clean_public_text(content, "content", "异议内容")
    if not PHONE.match(phone):
        raise ServiceError("invalid_phone", "联系电话格式不正确。", field="phone")
    notice = item.notice
    if notice.state != NoticeState.PUBLISHED:
        raise ServiceError("not_published", "该公示尚未发布。", status=404)
    today = today or timezone.localdate()
    if today < notice.starts_on:
        raise ServiceError("not_started", f"公示尚未开始（{notice.period_zh}）。", status=409)
    if today > notice.ends_on:
        raise ServiceError("period_ended", f"公示期已结束（{notice.period_zh}），不再受理异议。",
                           status=409, article="9(4)")
    if ip:
        _check_rate(ip)
    objection = Objection.objects.create(item=item, name=name, organisation=organisation, phone=phone,
                                         content=content, ip=ip or None)
    objection.reference = f"YY{timezone.localdate(objection.submitted_at):%Y%m%d}{objection.pk:05d}"
    objection.save(update_fields=["reference"])
    # The objector's phone stays out of the audit log; name and unit are what the bureau must answer to.
    event = audit.record("objection.raise", obj=objection, ip=ip, data={
        "notice": notice.pk, "item": item.pk, "reference": objection.reference, "name": name,
        "organisation": organisation, "article": "9(4)",
    })
    notify_on_commit(event)  # the bureau is told (Art. 9(4): objections are handled within the notice)
    return objection


def handle_objection(*, actor, objection: Objection, sustained: bool, handling: str, ip: str | None = None,
                     expected_state: str | None = None) -> Objection:
    """Record the bureau's handling: sustained or dismissed, the reasons required."""
    return OBJECTION_FLOW.apply(actor, objection, "sustain" if sustained else "dismiss", comment=handling, ip=ip,
                                expected_state=expected_state)
