"""What a web worker holds in memory, and which packages put it there: ticms beside the bare-Django reference.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ticms_bench python -m bench.worker_memory

For each app, in a fresh process (as a gunicorn worker starts): import the WSGI application, resolve the URLconf,
then serve the benchmark's pages (bench.serve_run.CASES; the reference's /rows/) through the WSGI handler itself,
signed in as serve_run signs in. Prints RSS, PSS and USS (/proc/self/smaps_rollup) after each stage, then, from a
second fresh process run under tracemalloc, the packages that hold the memory:
- "import": Python memory allocated while each module was imported and still held when the import ended, not
  counting the modules it imported in turn, summed by top-level package;
- "modules": the number of modules loaded, by top-level package;
- "mapped": RSS of the shared libraries and other files mapped into the process (C extensions: tracemalloc does
  not see their memory), by package;
- "serving": what the pages added after start-up (caches, compiled templates), by the package of the innermost
  frame outside the standard library.

Read-only: the sign-in, everything the pages write and, when serve_run has not made it, the reference's table
happen in one transaction that is rolled back. Nothing but
the database is contacted. The figures of the first process are the ones to compare (tracemalloc's own
bookkeeping inflates the second's).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = {"ticms": ("ticms.settings", "ticms.wsgi"), "reference": ("bench.reference.settings", "bench.reference.wsgi")}


def memory_kb() -> dict[str, int]:
    """RSS, PSS and USS (private clean + private dirty) of this process, in kB."""
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}


def package_of(path: str) -> str:
    """The top-level package a file belongs to: the folder under site-packages, ticms, bench, or `stdlib`."""
    parts = Path(path).parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            name = parts[parts.index(marker) + 1]
            return name.split(".")[0].split("-")[0]
    if "ticms" in parts:
        return "ticms"
    if "bench" in parts:
        return "bench"
    if path.startswith(("<frozen", sys.base_prefix, sys.prefix)) or "python3" in path:
        return "stdlib"
    return "other"


def mapped_files_kb() -> Counter:
    """RSS of each file mapped into the process (shared libraries, extension modules), summed by package."""
    out: Counter = Counter()
    current = None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and ":" not in head[0]:
            current = head[5] if len(head) > 5 and head[5].startswith("/") else None
        elif current and line.startswith("Rss:"):
            out[package_of(current) if current.endswith(".so") or ".so." in current else "other files"] += int(
                head[1])
    return out


def sign_in(role: str) -> str:
    """A session cookie for a bench user, made in the open transaction (rolled back at the end)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import login
    from django.http import HttpRequest

    from ticms.accounts import twofactor
    from ticms.accounts.models import User

    user = User.objects.get(username="bench_expert00000" if role == "expert" else f"bench_{role}")
    request = HttpRequest()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    twofactor.mark_verified(request.session, user)
    request.session.save()
    return f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"


def reference_rows(n: int = 5000) -> None:
    """The reference's table, when serve_run has not seeded it here: made and filled in SQL inside the open
    transaction (rolled back with it), so no Python object of the filling stays in the reference's memory."""
    from django.db import connection

    from bench.reference.models import Row

    if Row._meta.db_table in connection.introspection.table_names():
        return
    with connection.schema_editor() as editor:
        editor.create_model(Row)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Row._meta.db_table} (name, county, state, created) "
            f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {int(n)}) "
            "SELECT '参照记录' || i, '朔城区', 'active', '2020-01-01 00:00:00+00:00' FROM s")


def serve(application, path: str, cookie: str | None) -> int:
    from io import BytesIO
    from wsgiref.util import setup_testing_defaults

    route, _, query = path.partition("?")
    environ = {"PATH_INFO": route, "QUERY_STRING": query, "REQUEST_METHOD": "GET", "SERVER_NAME": "127.0.0.1",
               "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": BytesIO()}
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    setup_testing_defaults(environ)
    status = []
    body = application(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(status[0].split()[0])


def child(app: str, trace: bool, rounds: int) -> dict:
    stages = {"python": memory_kb()}
    own: Counter = Counter()
    if trace:
        import _frozen_importlib as bootstrap
        import tracemalloc

        tracemalloc.start(1)  # the import accounting reads totals only
        load, nested = bootstrap._load_unlocked, []

        def timed_load(spec):
            start = tracemalloc.get_traced_memory()[0]
            nested.append(0)
            try:
                return load(spec)
            finally:
                inner = nested.pop()
                total = tracemalloc.get_traced_memory()[0] - start
                own[spec.name] += total - inner
                if nested:
                    nested[-1] += total

        bootstrap._load_unlocked = timed_load
    from bench.serve_run import CASES, REFERENCE

    settings_module, wsgi_module = APPS[app]
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    application = __import__(wsgi_module, fromlist=["application"]).application
    stages["wsgi app imported"] = memory_kb()
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module, as the first request does)
    stages["URLconf resolved"] = memory_kb()
    if trace:
        bootstrap._load_unlocked = load
        # Traced afresh, with frames enough to find the code that asked: what is held at the end was added by serving.
        tracemalloc.stop()
        tracemalloc.start(8)
    from django.core import signals
    from django.db import close_old_connections, transaction

    # One transaction around everything, rolled back: the handler must not close the connection between requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    statuses = {}
    with transaction.atomic():
        if app == "reference":
            reference_rows()
        cases = [(p, w) for _, p, w in CASES] if app == "ticms" else [(REFERENCE[1], None)]
        cookies = {w: sign_in(w) for _, w in cases if w}
        for _ in range(rounds):
            for path, who in cases:
                statuses[f"{path} as {who or 'anonymous'}"] = serve(application, path, cookies.get(who))
        transaction.set_rollback(True)
    stages["pages served"] = memory_kb()
    result = {"app": app, "stages": stages, "statuses": statuses}
    modules = Counter(name.split(".")[0] for name in sys.modules)
    result["modules"] = dict(modules.most_common())
    result["modules_total"] = len(sys.modules)
    if trace:
        served: Counter = Counter()
        for stat in tracemalloc.take_snapshot().statistics("traceback"):
            # Frames run from the oldest to the most recent: the innermost frame outside the standard library.
            frames = [package_of(f.filename) for f in reversed(stat.traceback)]
            owner = next((p for p in frames if p != "stdlib"), "stdlib")
            served[owner] += stat.size
        tracemalloc.stop()
        by_package: Counter = Counter()
        for name, size in own.items():
            by_package[name.split(".")[0]] += size
        result["import_kb"] = {k: round(v / 1024) for k, v in by_package.most_common()}
        result["import_kb_by_module"] = {k: round(v / 1024) for k, v in own.most_common() if v >= 1024}
        result["serving_kb"] = {k: round(v / 1024) for k, v in served.most_common()}
    result["mapped_kb"] = dict(mapped_files_kb().most_common())
    return result


def run_child(app: str, trace: bool, rounds: int) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("DEBUG", None)  # served as gunicorn serves it: DEBUG off
    from bench.generate import BENCH_DATA_KEY, BENCH_SECRET_KEY

    env.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    env.setdefault("TICMS_DATA_KEY", BENCH_DATA_KEY)
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    argv = [sys.executable, "-m", "bench.worker_memory", "--child", app, "--rounds", str(rounds)]
    out = subprocess.run(argv + (["--trace"] if trace else []), env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{app} measurement failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.splitlines()[-1])


def mb(kb: int) -> str:
    return f"{kb / 1024:.1f}"


def report(plain: dict, traced: dict | None, top: int, within: str = "") -> None:
    print(f"== {plain['app']}: {plain['modules_total']} modules")
    print(f"  {'stage':<20} {'RSS MB':>8} {'PSS MB':>8} {'USS MB':>8}")
    for stage, m in plain["stages"].items():
        print(f"  {stage:<20} {mb(m['rss']):>8} {mb(m['pss']):>8} {mb(m['uss']):>8}")
    bad = {k: v for k, v in plain["statuses"].items() if v != 200}
    print(f"  pages: {len(plain['statuses'])} served, " + (f"NOT 200: {bad}" if bad else "all 200"))
    print("  modules by package: " + ", ".join(f"{k} {v}" for k, v in list(plain["modules"].items())[:top]))
    print("  mapped files (RSS kB): " + ", ".join(f"{k} {v}" for k, v in list(plain["mapped_kb"].items())[:top]))
    if traced:
        print("  held after import (kB): " + ", ".join(
            f"{k} {v}" for k, v in list(traced["import_kb"].items())[:top]))
        if within:
            print(f"  held after import by {within} modules (kB): " + ", ".join(
                f"{k} {v}" for k, v in traced["import_kb_by_module"].items() if k.split(".")[0] == within))
        print("  added by serving (kB): " + ", ".join(
            f"{k} {v}" for k, v in list(traced["serving_kb"].items())[:top]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker_memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", choices=APPS, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--app", choices=[*APPS, "both"], default="both")
    parser.add_argument("--rounds", type=int, default=2, help="times each page is served")
    parser.add_argument("--top", type=int, default=14, help="packages listed per table")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run (faster)")
    parser.add_argument("--within", default="", help="also list this package's modules by memory held (ticms)")
    parser.add_argument("--json", help="also write the raw figures to this file")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.trace, args.rounds)))
        return 0
    results = {}
    for app in APPS if args.app == "both" else [args.app]:
        plain = run_child(app, False, args.rounds)
        traced = None if args.no_trace else run_child(app, True, 1)
        results[app] = {"plain": plain, "traced": traced}
        report(plain, traced, args.top, args.within)
    if len(results) == 2:
        t, r = (results[a]["plain"]["stages"]["pages served"] for a in APPS)
        print("ratio ticms ÷ reference after serving: " + ", ".join(
            f"{k.upper()} {t[k] / r[k]:.2f}" for k in ("rss", "pss", "uss")))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
