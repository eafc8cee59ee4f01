"""A province-sized synthetic registry for the benchmarks, written in bulk.

    python -m bench.generate --scale 1.0            # 10k centers, 50k applications, 2k experts, 1M audit events …
    python -m bench.generate --scale 0.1 --reset    # drop and re-create the bench database first

Into the database named by DATABASE_URL (PostgreSQL: use a database named ticms_bench…), or SQLite under
var/bench/. Deterministic for a given scale (seeded random). Rows go in with bulk_create in batches; the audit
events are hashed in Python with the project's own `chain.event_body` / `chain.link` (so the chain follows
whatever the canonical form is) and the chain head is set, so `ticms audit verify` accepts the result.
A database that already holds centers, applications, experts or audit events is refused.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Scale 1.0: the size of a province (issue 15).
FULL = {
    "organisations": 5_000,
    "centers": 10_000,
    "applications": 50_000,
    "experts": 2_000,
    "events": 1_000_000,
    "objections": 5_000,
    "outputs": 20_000,
}
FIELDS = ["半导体", "碳基新材料", "储能", "新能源", "智能制造", "固废利用", "现代煤化工", "生物医药", "数字经济",
          "陶瓷新材料", "装备制造", "农产品精深加工"]
# Where the applications that are not (yet) recognised stand; recognised/preparatory ones come from the centers.
OPEN_STATE_WEIGHTS = {
    "draft": 14, "submitted": 8, "returned": 4, "recommended": 4, "expert_review": 4, "plan_revision": 3,
    "plan_submitted": 2, "publicized": 2, "rejected": 40, "withdrawn": 19,
}
STATUS_WEIGHTS = {"active": 70, "preparatory": 12, "rectifying": 8, "revoked": 10}
# The states reached only in the current year's call (the rest spread over the years).
CURRENT_STATES = {"draft", "submitted", "returned", "recommended", "expert_review", "plan_revision",
                  "plan_submitted", "publicized"}
THIS_YEAR = 2026
FIRST_YEAR = 2014
PREFIX = "bench_"  # usernames of the generated accounts


class Refused(Exception):
    """The target database is not empty: the generator never mixes its rows with real ones."""


def sizes(scale: float) -> dict[str, int]:
    minimum = {"organisations": 6, "centers": 8, "applications": 60, "experts": 4, "events": 100,
               "objections": 4, "outputs": 8}
    return {k: max(minimum[k], round(v * scale)) for k, v in FULL.items()}


def _spread(rng: random.Random, weights: dict[str, int], n: int) -> list[str]:
    """n values drawn by weight, each value at least once (so every state and status is present)."""
    keys = list(weights)
    out = keys[:n] + rng.choices(keys, weights=[weights[k] for k in keys], k=max(0, n - len(keys)))
    rng.shuffle(out)
    return out


def _bulk(model, rows, batch=2000):
    model.objects.bulk_create(rows, batch_size=batch)


def _check_empty() -> None:
    from ticms.applications.models import Application
    from ticms.audit.models import Event
    from ticms.centers.models import Center
    from ticms.reviews.models import Expert

    found = {m._meta.verbose_name_plural: m.objects.count() for m in (Center, Application, Expert, Event)}
    found = {str(k): v for k, v in found.items() if v}
    if found:
        raise Refused(
            "the database is not empty (" + ", ".join(f"{v} {k}" for k, v in found.items()) + "): the generator "
            "only writes into an empty one. Use `python -m bench.generate --reset` on a bench database "
            "(its name must contain 'bench'), or point DATABASE_URL at a new database."
        )


def _analyze() -> None:
    """Bring the database to the state autovacuum keeps it in some time after a bulk load: without statistics
    PostgreSQL plans the first minutes' queries for empty tables (e.g. a nested-loop anti join over the
    panels took 860 ms instead of 14 ms), and without a vacuum no page is marked all-visible, so every count reads
    the table itself rather than an index (the applications' COUNT: a 15 ms scan). What the bench measures must not
    depend on when autovacuum woke up."""
    from django.db import connection

    with connection.cursor() as cursor:
        # SQLite's ANALYZE too: its planner reads sqlite_stat1 the same way. VACUUM cannot run in a transaction
        # (a test's); the command runs in autocommit.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")


def generate(scale: float = 1.0, seed: int = 20261125, out=None) -> dict:
    """Write the data set; return the counts, the sign-in users and the seconds each part took."""
    from django.db import transaction

    say = (lambda text: print(text, file=out, flush=True)) if out is not None else (lambda text: None)
    _check_empty()
    rng = random.Random(seed)
    n = sizes(scale)
    timings = {}
    ctx: dict = {"n": n}

    def step(name, fn):
        t0 = time.perf_counter()
        with transaction.atomic():
            fn(rng, ctx)
        timings[name] = round(time.perf_counter() - t0, 2)
        say(f"  {name}: {timings[name]} s")

    say(f"generating scale {scale}: " + ", ".join(f"{v} {k}" for k, v in n.items()))
    for name, fn in [("organisations", _organisations), ("accounts", _accounts), ("experts", _experts),
                     ("centers", _centers), ("applications", _applications), ("panels", _panels),
                     ("notices", _notices), ("outputs", _outputs), ("audit events", _events)]:
        step(name, fn)
    _analyze()
    return {"sizes": n, "users": ctx["users"], "timings": timings, "counts": counts()}


def counts() -> dict[str, int]:
    from ticms.accounts.models import Organisation
    from ticms.applications.models import Application
    from ticms.audit.models import Event
    from ticms.centers.models import Center, Output
    from ticms.notices.models import Objection
    from ticms.reviews.models import Expert

    models = {"organisations": Organisation, "centers": Center, "applications": Application, "experts": Expert,
              "events": Event, "objections": Objection, "outputs": Output}
    return {k: m.objects.count() for k, m in models.items()}


def _organisations(rng, ctx):
    from ticms.accounts import credit_code
    from ticms.accounts.models import CompetentUnit, Organisation

    units = list(CompetentUnit.objects.exclude(division_code="").order_by("pk"))
    # The city's districts are busier than its counties: a skewed spread, not a round-robin.
    weights = [max(1, 12 - 2 * i) for i in range(len(units))]
    rows = []
    for i in range(ctx["n"]["organisations"]):
        unit = rng.choices(units, weights=weights)[0]
        rows.append(Organisation(name=f"基准测试单位{i:05d}",
                                 credit_code=credit_code.make(f"91{unit.division_code}BM{i:07d}"),
                                 competent_unit=unit))
    _bulk(Organisation, rows)
    ctx["units"] = units
    ctx["orgs"] = list(Organisation.objects.filter(name__startswith="基准测试单位").order_by("pk"))


def _accounts(rng, ctx):
    """One account per role the benchmark signs in as (demo password), granted through the project's service."""
    from ticms.accounts.models import User
    from ticms.accounts.roles import Role
    from ticms.accounts.services import grant_role
    from ticms.ops.demo import demo_password_hash

    targets = {
        Role.BUREAU_OFFICER: {}, Role.AUDIT_ADMIN: {}, Role.COUNTY_OFFICER: {"competent_unit": ctx["units"][0]},
        Role.APPLICANT: {"organisation": ctx["orgs"][0]},
    }
    users = {}
    for role, target in targets.items():
        user = User.objects.create(username=f"{PREFIX}{role}", display_name=f"基准{role}",
                                   password=demo_password_hash())
        grant_role(user=user, role=role, **target)
        users[str(role)] = user
    ctx["users"] = users


def _experts(rng, ctx):
    """Experts of the pool, each with a user account holding the expert role (bulk: grant_role per row is slow)."""
    from ticms.accounts.models import Membership, User
    from ticms.accounts.roles import Role
    from ticms.ops.demo import demo_password_hash
    from ticms.reviews.models import Expert

    n = ctx["n"]["experts"]
    password = demo_password_hash()
    _bulk(User, [User(username=f"{PREFIX}expert{i:05d}", display_name=f"专家{i:05d}", password=password)
                 for i in range(n)])
    users = list(User.objects.filter(username__startswith=f"{PREFIX}expert").order_by("username"))
    _bulk(Membership, [Membership(user=u, role=Role.EXPERT) for u in users])
    titles = ["教授", "研究员", "正高级工程师", "高级工程师", "副教授"]
    rows = []
    for i, user in enumerate(users):
        local = rng.random() < 0.6
        rows.append(Expert(
            name=f"专家{i:05d}", title=rng.choice(titles), user=user,
            organisation=rng.choice(ctx["orgs"]) if local else None,
            organisation_text="" if local else f"省外研究院{i % 97:02d}",
            fields=rng.sample(FIELDS, rng.randint(1, 3)), phone=f"139{i:08d}", active=rng.random() < 0.92,
        ))
    _bulk(Expert, rows)
    ctx["experts"] = list(Expert.objects.order_by("pk"))
    ctx["users"]["expert"] = users[0]


def _centers(rng, ctx):
    from ticms.centers.models import Category, Center

    n = ctx["n"]["centers"]
    statuses = _spread(rng, STATUS_WEIGHTS, n)
    rows = []
    for i in range(n):
        org = rng.choice(ctx["orgs"])
        field = rng.choice(FIELDS)
        year = rng.randint(FIRST_YEAR, THIS_YEAR - 1) if statuses[i] != "preparatory" else rng.randint(
            THIS_YEAR - 2, THIS_YEAR - 1)
        c = Center(
            official_name=f"朔州市{field}基准{i:05d}技术创新中心",
            category=Category.COMPREHENSIVE if rng.random() < 0.05 else Category.DOMAIN, field=field,
            host_unit=org, lead_unit=org, recognized_on=datetime.date(year, 1, 1) + datetime.timedelta(
                days=rng.randrange(365)),
            fixed_staff=rng.randrange(10, 200), director=f"主任{i:05d}",
        )
        c.__dict__["status"] = statuses[i]  # the FSM field is protected; bulk rows start where they stand
        c.set_due_fields()  # what Center.save() does, which bulk_create skips
        rows.append(c)
    _bulk(Center, rows)
    ctx["centers"] = list(Center.objects.order_by("pk"))


def _applications(rng, ctx):
    """One recognised (or preparatory) application per center; the rest in every other state, most not recognised."""
    from ticms.applications.models import Application, State
    from ticms.calls.models import Call

    calls = {}
    for year in range(FIRST_YEAR, THIS_YEAR + 1):
        calls[year] = Call(title=f"{year}年度市技术创新中心建设通知（基准）", year=year, fields=FIELDS,
                           opens=datetime.date(year, 3, 1), closes=datetime.date(year, 12, 31) if year == THIS_YEAR
                           else datetime.date(year, 5, 31))
    _bulk(Call, list(calls.values()))
    calls = {c.year: c for c in Call.objects.filter(title__endswith="（基准）")}
    applicant = ctx["users"]["applicant"]
    now = datetime.datetime(THIS_YEAR, 6, 1, tzinfo=UTC)
    rows = []

    def app(i, state, year, org, field, center=None):
        a = Application(call=calls[year], year=year, field=field, name=f"{field}基准申请{i:05d}", lead_unit=org,
                        host_unit=org, fixed_staff=rng.randrange(5, 120), director=f"负责人{i:05d}",
                        created_by=applicant, center=center,
                        submitted_at=None if state == State.DRAFT else now - datetime.timedelta(
                            days=365 * (THIS_YEAR - year) + rng.randrange(60)))
        a.__dict__["state"] = state
        return a

    i = 0
    for center in ctx["centers"]:
        state = State.PREPARATORY if center.status == "preparatory" else State.RECOGNIZED
        rows.append(app(i, state, center.recognized_on.year, center.lead_unit, center.field, center))
        i += 1
    others = ctx["n"]["applications"] - len(rows)
    for state in _spread(rng, OPEN_STATE_WEIGHTS, others):
        year = THIS_YEAR if state in CURRENT_STATES else rng.randint(FIRST_YEAR, THIS_YEAR)
        rows.append(app(i, state, year, rng.choice(ctx["orgs"]), rng.choice(FIELDS)))
        i += 1
    rng.shuffle(rows)  # so primary keys do not sort by state
    _bulk(Application, rows)
    ctx["applications"] = list(Application.objects.order_by("pk").only("pk", "state", "year", "field", "name",
                                                                          "lead_unit__name").select_related(
        "lead_unit"))


# Of the applications rejected over the years, the share turned down after (or at the end of) expert review; the
# rest were turned down by their competent unit or at the bureau's recheck, before any panel.
REJECTED_AFTER_REVIEW = 0.4
# Applications now in expert review: the share still waiting for the bureau to draw their panel, and on drawn
# panels how far each expert has got (declared, recused awaiting a replacement, opinion submitted).
NO_PANEL_YET = 0.25
DECLARATION_WEIGHTS = {"no_conflict": 80, "pending": 15, "recused": 5}
OPINION_SHARE = 0.55
# The recommendation a completed panel's majority made, by where the application went afterwards.
RECOMMENDATION = {"recognized": "recognize", "preparatory": "preparatory", "rejected": "reject"}


def _panels(rng, ctx):
    """Panels of five experts, as the review services leave them. Every application past expert review (this
    year's plans and notices, the recognised and preparatory ones of every year, the share of the rejected that
    were reviewed) has a completed panel: each expert declared no conflict and submitted an opinion, and the panel
    stays open (only a redraw closes one). Applications now in expert review either wait for their panel or have
    one drawn in the last weeks, partly declared and partly scored."""
    from django.contrib.contenttypes.models import ContentType

    from ticms.applications.models import Application
    from ticms.policy import current_policy
    from ticms.reviews.models import Assignment, Declaration, Opinion, Panel, Purpose

    ct = ContentType.objects.get_for_model(Application)
    bureau = ctx["users"]["bureau_officer"]
    reviewed, in_review = [], []
    for a in ctx["applications"]:
        if a.state == "expert_review":
            if rng.random() >= NO_PANEL_YET:
                in_review.append(a)
        elif a.state in ("plan_revision", "plan_submitted", "publicized", "recognized", "preparatory") or (
                a.state == "rejected" and rng.random() < REJECTED_AFTER_REVIEW):
            reviewed.append(a)
    now = datetime.datetime(THIS_YEAR, 6, 1, tzinfo=UTC)

    def drawn_at(a):
        if a.state == "expert_review":
            return now - datetime.timedelta(days=rng.randrange(1, 30), minutes=rng.randrange(600))
        return datetime.datetime(a.year, 6, 1, tzinfo=UTC) + datetime.timedelta(days=rng.randrange(30),
                                                                                minutes=rng.randrange(600))

    subjects = reviewed + in_review
    pool = ctx["experts"]
    done = {a.pk for a in reviewed}
    declarations = list(DECLARATION_WEIGHTS)
    weights = list(DECLARATION_WEIGHTS.values())
    plans = {}  # application → [(expert, declaration, scored)], drawn before the rows so each panel's count is known
    for a in subjects:
        plan = []
        for expert in rng.sample(pool, min(5, len(pool))):
            declaration = Declaration.NO_CONFLICT if a.pk in done else rng.choices(declarations, weights=weights)[0]
            scored = a.pk in done or (declaration == Declaration.NO_CONFLICT and rng.random() < OPINION_SHARE)
            plan.append((expert, declaration, scored))
        plans[a.pk] = plan
    _bulk(Panel, [Panel(content_type=ct, object_id=a.pk, purpose=Purpose.RECOGNITION, size=5, field=a.field,
                        subject_title=a.name, seed=rng.randrange(2**31), candidate_ids=[], drawn_at=drawn_at(a),
                        drawn_by=bureau, awaiting_opinions=sum(not scored for *_, scored in plans[a.pk]))
                   for a in subjects])
    panels = {p.object_id: p for p in Panel.objects.filter(content_type=ct).only("pk", "object_id", "drawn_at")}
    rows, scored = [], {}
    for a in subjects:
        p = panels[a.pk]
        for expert, declaration, writes in plans[a.pk]:
            declared = None if declaration == Declaration.PENDING else p.drawn_at + datetime.timedelta(
                hours=rng.randrange(1, 72))
            reason = "曾与申报单位合作承担项目（基准）" if declaration == Declaration.RECUSED else ""
            row = Assignment(panel_id=p.pk, expert=expert, created_at=p.drawn_at, declared_at=declared,
                             recusal_reason=reason)
            row.__dict__["declaration"] = declaration
            rows.append(row)
            if writes:
                scored[(p.pk, expert.pk)] = (a, row.declared_at)
    _bulk(Assignment, rows)
    indicators = current_policy().review_indicators
    opinions = []
    for pk, panel_id, expert_id in Assignment.objects.filter(panel__content_type=ct).values_list(
            "pk", "panel_id", "expert_id"):
        if (panel_id, expert_id) not in scored:
            continue
        a, declared = scored[(panel_id, expert_id)]
        scores = {str(i.code): f"{i.max * rng.uniform(0.55, 0.98):.2f}" for i in indicators}
        total = sum(float(v) for v in scores.values())
        opinions.append(Opinion(
            assignment_id=pk, scores=scores, total=f"{total:.2f}", comment="材料齐全，论证充分（基准）",
            recommendation=RECOMMENDATION.get(a.state, "recognize" if total >= 70 else "reject"),
            submitted_at=declared + datetime.timedelta(days=rng.randrange(1, 10))))
    _bulk(Opinion, opinions)


def _notices(rng, ctx):
    """Published notices of about 50 items each for everything that reached the notice; objections on items."""
    from ticms.notices.models import NoticeItem, NoticeState, Objection, ObjectionState, Proposed, PublicNotice

    bureau = ctx["users"]["bureau_officer"]
    noticed = [a for a in ctx["applications"] if a.state in ("publicized", "recognized", "preparatory")]
    by_year: dict[int, list] = {}
    for a in noticed:
        by_year.setdefault(a.year, []).append(a)
    notices, groups = [], []
    for year, apps in sorted(by_year.items()):
        for k in range(0, len(apps), 50):
            starts = datetime.date(year, 9, 1) + datetime.timedelta(days=k // 50)
            n = PublicNotice(title=f"{year}年度拟认定市技术创新中心公示（第{k // 50 + 1}批，基准）",
                             starts_on=starts, ends_on=starts + datetime.timedelta(days=7),
                             contact_phone="0349-0000000",
                             published_by=bureau, created_by=bureau,
                             published_at=datetime.datetime(year, 9, 1, tzinfo=UTC))
            n.__dict__["state"] = NoticeState.PUBLISHED
            notices.append(n)
            groups.append(apps[k:k + 50])
    _bulk(PublicNotice, notices)
    notices = list(PublicNotice.objects.order_by("pk"))
    items = []
    for notice, apps in zip(notices, groups, strict=True):
        for a in apps:
            items.append(NoticeItem(notice=notice, application_id=a.pk, organisation_name=a.lead_unit.name,
                                    center_name=a.name, proposed=Proposed.PREPARATORY if a.state == "preparatory"
                                    else Proposed.RECOGNIZE))
    _bulk(NoticeItem, items)
    items = list(NoticeItem.objects.select_related("notice", "application").order_by("pk"))
    rows = []
    for i in range(ctx["n"]["objections"]):
        item = rng.choice(items)
        o = Objection(item=item, reference=f"YY{item.notice.starts_on.year}{i:06d}", name=f"异议人{i:05d}",
                      organisation="某单位", phone=f"138{i:08d}", content="对公示对象的研发投入数据有异议（基准）",
                      submitted_at=datetime.datetime.combine(item.notice.starts_on, datetime.time(2), UTC))
        if item.application.state != "publicized":
            o.__dict__["state"] = rng.choice([ObjectionState.DISMISSED, ObjectionState.DISMISSED,
                                              ObjectionState.SUSTAINED])
            o.handling, o.handled_by, o.handled_at = "经核查", bureau, o.submitted_at + datetime.timedelta(days=5)
        rows.append(o)
    _bulk(Objection, rows)


def _outputs(rng, ctx):
    from ticms.centers.models import Output

    bureau = ctx["users"]["bureau_officer"]
    kinds = list(Output.Kind.values)
    rows = []
    for i in range(ctx["n"]["outputs"]):
        c = rng.choice(ctx["centers"])
        kind = rng.choice(kinds)
        rows.append(Output(center=c, kind=kind, title=f"成果{i:06d}", year=rng.randint(c.recognized_on.year, THIS_YEAR),
                           reference=f"ZL{i:09d}" if kind == "ip_asset" else "",
                           carries_center_name=rng.random() < 0.7 if kind == "ip_asset" else None,
                           recorded_by=bureau))
    _bulk(Output, rows)


def _events(rng, ctx, batch: int = 5000):
    """The audit log: events over the years in chain order, hashed with the project's own canonical form."""
    from django.core.management.color import no_style
    from django.db import connection

    from ticms.accounts.roles import Role
    from ticms.audit import chain
    from ticms.audit.models import ChainHead, Event

    n = ctx["n"]["events"]
    from django.db.models import Max

    from ticms.audit.sealing import seal

    seal()  # what the generator's own services recorded so far, so the chain goes on from the head
    head, _ = ChainHead.objects.get_or_create(pk=1)
    prev, no = head.last_hash, head.last_seq
    seq = Event.objects.aggregate(n=Max("seq"))["n"] or 0
    apps, centers = ctx["applications"], ctx["centers"]
    users = ctx["users"]
    experts = ctx["experts"]
    actors = [(users["bureau_officer"], Role.BUREAU_OFFICER), (users["county_officer"], Role.COUNTY_OFFICER),
              (users["applicant"], Role.APPLICANT), (users["audit_admin"], Role.AUDIT_ADMIN)]
    kinds = [  # (weight, action, object kind)
        (40, "application.{t}", "application"), (20, "application.update", "application"),
        (15, "center.update_profile", "center"), (10, "center.record_output", "center"),
        (8, "opinion.submit", "expert"), (4, "objection.raise", "application"), (3, "auth.login", "user"),
    ]
    weights = [k[0] for k in kinds]
    transitions = ["submit", "county_recommend", "recheck_pass", "conclude_review", "submit_plan", "publicize",
                   "recognize", "county_return", "withdraw"]
    start = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
    step_us = int((datetime.datetime(THIS_YEAR, 6, 1, tzinfo=UTC) - start).total_seconds() * 1e6 / max(1, n))
    at = start
    rows = []
    for k in range(n):
        seq += 1
        no += 1
        at = at + datetime.timedelta(microseconds=rng.randint(1, 2 * step_us))
        _, action, kind = rng.choices(kinds, weights=weights)[0]
        if kind == "application":
            obj = rng.choice(apps)
            otype, oid = "applications.application", str(obj.pk)
            action = action.format(t=rng.choice(transitions))
            actor, role = actors[rng.randrange(3)]
            data = {"from": "submitted", "to": "recommended"} if "{" not in action else {}
        elif kind == "center":
            obj = rng.choice(centers)
            otype, oid = "centers.center", str(obj.pk)
            actor, role = actors[rng.choice((0, 2))]
            data = {"fields": ["fixed_staff"]}
        elif kind == "expert":
            e = rng.choice(experts)
            otype, oid = "reviews.opinion", str(k)
            actor, role = e.user, Role.EXPERT
            data = {"total": "82.50"}
        else:
            actor, role = actors[rng.randrange(4)]
            otype, oid = "accounts.user", str(actor.pk)
            data = {}
        event = Event(seq=seq, at=at, actor_id=actor.pk, actor_name=str(actor), role=role, action=action,
                      object_type=otype, object_id=oid, data=data, ip=f"10.14.0.{rng.randrange(1, 255)}",
                      prev_hash=prev, chain_no=no)
        event.hash = chain.link(prev, chain.event_body(event))
        prev = event.hash
        rows.append(event)
        if len(rows) >= batch:
            Event.objects.bulk_create(rows, batch_size=batch)
            rows = []
    if rows:
        Event.objects.bulk_create(rows, batch_size=batch)
    ChainHead.objects.filter(pk=1).update(last_seq=no, last_hash=prev)
    # Explicit keys leave PostgreSQL's sequence behind; a later plain insert must not collide.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Event]):
            cursor.execute(sql)


# --- command line ------------------------------------------------------------------------------------------
# The generator, the driver and the served stack run with DEBUG off, as deployed, so they need one shared key:
# sessions the driver signs in are read by the gunicorn workers.
BENCH_SECRET_KEY = "bench-only-key-for-generated-data"
BENCH_DATA_KEY = "YmVuY2gtb25seS1kYXRhIQ=="  # the SM4 data key of the generated (fictitious) personal data


def configure(reset: bool = False) -> str:
    """Point Django at the bench database (DATABASE_URL, else SQLite under var/bench/); migrate. Returns a label."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        # TICMS_DATA_DIR keeps a second SQLite data set beside the first (e.g. var/bench-1.0 for the province size).
        data = Path(os.environ.setdefault("TICMS_DATA_DIR", str(ROOT / "var" / "bench")))
        if reset:
            for f in data.glob("ticms.sqlite3*"):
                f.unlink()
    elif reset:
        _recreate_postgres(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ticms.settings")
    os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    os.environ.setdefault("TICMS_DATA_KEY", BENCH_DATA_KEY)
    for p in (str(ROOT / "src"), str(ROOT)):
        if p not in sys.path:
            sys.path.insert(0, p)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


def _recreate_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    name = cfg["NAME"]
    if "bench" not in name:
        raise Refused(f"--reset drops the database: refusing '{name}' (its name must contain 'bench')")
    with psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"],
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1.0")))
    parser.add_argument("--reset", action="store_true", help="drop and re-create the bench database first")
    args = parser.parse_args(argv)
    try:
        label = configure(reset=args.reset)
        print(f"database {label}")
        t0 = time.perf_counter()
        result = generate(args.scale, out=sys.stdout)
    except Refused as exc:
        print(f"bench.generate: refused: {exc}", file=sys.stderr)
        return 2
    total = time.perf_counter() - t0
    print(f"done in {total:.1f} s: " + ", ".join(f"{v} {k}" for k, v in result["counts"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
