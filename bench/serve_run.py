"""Measure ticms from outside, served as `ticms serve` serves it, beside a bare-Django reference app.

    python -m bench.generate --scale 0.1 --reset && python -m bench.serve_run

Starts `ticms serve` (gunicorn, 2 sync workers, DEBUG off) and the reference app (bench/reference, same gunicorn
flags, same database) on free ports of 127.0.0.1, signs in the bench users (session cookies), then measures in
paired rounds, the case order shuffled each round and the reference measured in every round:
- latency at one client (p50/p95 over all rounds; ratio to the reference = median of the rounds' ratios);
- throughput at 8 clients (threads; requests completed in a fixed time), each page between two measurements of
  the reference (its ratio: its rate over their mean, the median over the rounds);
- each gunicorn worker's RSS, PSS and USS after the run (and the master's), both apps with or without --preload;
- `ticms audit verify` on the whole chain, appending with 8 writer processes, and the chain verified after.
Results: bench/results/<date>-<db>-<scale>.json and .md. Only 127.0.0.1 is ever contacted; every loop is bounded.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.generate import BENCH_DATA_KEY, BENCH_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
GOAL_P95_MS = 100
GOAL_TPUT_RATIO = 0.5

# (label, path, who): who is a bench user's role, or None for an anonymous visitor.
CASES = [
    ("home", "/", None),
    ("public directory /centers/", "/centers/", None),
    ("centers (bureau) /centers/manage/", "/centers/manage/", "bureau_officer"),
    ("applications (bureau)", "/applications/", "bureau_officer"),
    ("applications (county)", "/applications/", "county_officer"),
    ("applications (applicant)", "/applications/", "applicant"),
    ("workbench (bureau)", "/workbench/", "bureau_officer"),
    ("audit log (audit admin)", "/audit/", "audit_admin"),
    ("calls", "/calls/", None),
    ("notices", "/notices/", "bureau_officer"),
    ("objections (bureau)", "/notices/objections/", "bureau_officer"),
    ("experts (bureau)", "/reviews/experts/", "bureau_officer"),
    ("panels (bureau)", "/reviews/panels/", "bureau_officer"),
    ("my assignments (expert)", "/reviews/assignments/", "expert"),
    ("evaluation rounds (bureau)", "/evaluations/", "bureau_officer"),
    ("API applications?limit=50 (bureau)", "/api/v1/applications?limit=50", "bureau_officer"),
    ("API centers (bureau)", "/api/v1/centers", "bureau_officer"),
    ("API centers/public", "/api/v1/centers/public", None),
    ("API experts (bureau)", "/api/v1/experts", "bureau_officer"),
    ("API objections (bureau)", "/api/v1/objections", "bureau_officer"),
    ("API notices", "/api/v1/notices", None),
]
REFERENCE = ("bare Django: 50 rows, paginated", "/rows/", None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(port: int, path: str, cookie: str | None, timeout: float = 120) -> tuple[int, int]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


class Server:
    """A gunicorn started like `ticms serve`; stopped by its own pid only."""

    def __init__(self, name: str, argv: list[str], env: dict, port: int, probe: str, log: Path):
        self.name, self.port, self.probe = name, port, probe
        self.log = open(log, "w")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, limit: float = 60) -> None:
        deadline = time.time() + limit
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log.name}")
            try:
                get(self.port, self.probe, None, timeout=5)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer within {limit} s; see {self.log.name}")

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def memory_mb(self) -> dict:
        """RSS, PSS and USS of the master and of each worker. With --preload the workers share the pages of the
        application the master imported: RSS counts those pages in every worker, USS only the worker's own, and PSS
        its share of the shared ones."""
        return {"master": process_memory_mb(self.proc.pid), "workers": [process_memory_mb(p) for p in self.workers()]}

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def prepare() -> tuple[str, dict, dict]:
    """Point this process at the bench database, fill the reference's table as large as the applications, and
    collect the static files the served stack needs: (database label, counts, the servers' environment)."""
    from bench.generate import configure, counts

    label = configure()
    cnt = counts()
    env = server_env()
    subprocess.run([sys.executable, "-m", "bench.reference.seed", str(cnt["applications"])],
                   env={**env, "DJANGO_SETTINGS_MODULE": "bench.reference.settings"}, cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "ticms.cli", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT,
                   check=True)
    return label, cnt, env


def start_servers(env: dict, preload: bool = True) -> tuple[Server, Server]:
    """`ticms serve` and the reference, each with 2 workers, answering; stopped again if either fails to."""
    logs = ROOT / "var" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    tport, rport = free_port(), free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    ticms = Server("ticms", [sys.executable, "-m", "ticms.cli", "serve", "--bind", f"{HOST}:{tport}", "--workers",
                             "2", "--preload" if preload else "--no-preload"], env, tport, "/",
                   logs / "ticms-serve.log")
    # The reference is served with the flags `ticms serve` uses, its gunicorn settings (preload, and the URLconf
    # resolved in the master) included: a worker of each, configured alike.
    ref = Server("reference", [gunicorn, "bench.reference.wsgi:application", "--config",
                               "python:ticms.ops.gunicorn_conf", "--bind", f"{HOST}:{rport}", "--workers", "2",
                               *(["--preload"] if preload else []), "--access-logfile", "-", "--timeout", "120"],
                 {**env, "DJANGO_SETTINGS_MODULE": "bench.reference.settings"}, rport, "/rows/",
                 logs / "reference-serve.log")
    try:
        ticms.wait_ready()
        ref.wait_ready()
    except BaseException:
        ticms.stop()
        ref.stop()
        raise
    return ticms, ref


def process_memory_mb(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    kb = {"rss": fields["Rss"], "pss": fields["Pss"], "uss": fields["Private_Clean"] + fields["Private_Dirty"]}
    return {k: round(v / 1024, 1) for k, v in kb.items()}


def server_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    env.setdefault("TICMS_DATA_KEY", BENCH_DATA_KEY)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    if not env.get("DATABASE_URL"):
        env.setdefault("TICMS_DATA_DIR", str(ROOT / "var" / "bench"))
    return env


def sign_in() -> dict[str, str]:
    """Session cookies for the bench users, made by Django's own login machinery in this process."""
    from django.conf import settings
    from django.test import Client

    from ticms.accounts import twofactor
    from ticms.accounts.models import User

    cookies = {}
    for role in ("bureau_officer", "county_officer", "applicant", "audit_admin", "expert"):
        username = "bench_expert00000" if role == "expert" else f"bench_{role}"
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        twofactor.mark_verified(client.session, user)  # the bureau and audit admin need a second factor
        cookies[role] = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return cookies


def latency_round(port: int, path: str, cookie: str | None, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        status, _ = get(port, path, cookie)
        samples.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    return samples


def throughput(port: int, path: str, cookie: str | None, clients: int, seconds: float) -> float:
    done = [0] * clients
    deadline = time.perf_counter() + seconds

    def loop(k):
        while time.perf_counter() < deadline:
            get(port, path, cookie)
            done[k] += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure_pages(ticms: Server, ref: Server, cookies: dict, args, say) -> list[dict]:
    cases = [(label, path, who, ticms.port) for label, path, who in CASES]
    checked = []
    for label, path, who, port in cases:
        status, size = get(port, path, cookies.get(who))
        if status != 200:
            say(f"  skip {label}: {path} answered {status}")
            continue
        get(port, path, cookies.get(who))  # warm both workers
        checked.append((label, path, who, port))
    checked.append((REFERENCE[0], REFERENCE[1], None, ref.port))
    get(ref.port, REFERENCE[1], None)
    lat: dict[str, list[list[float]]] = {c[0]: [] for c in checked}
    tput: dict[str, list[float]] = {c[0]: [] for c in checked}
    rng = random.Random(15)
    for r in range(args.rounds):
        order = checked[:]
        rng.shuffle(order)
        for label, path, who, port in order:
            # A slow page gets fewer samples per round, so one round stays bounded in time.
            first = latency_round(port, path, cookies.get(who), 1)
            n = max(1, min(args.per_round - 1, int(args.round_budget * 1000 / max(first[0], 1))))
            lat[label].append(first + latency_round(port, path, cookies.get(who), n))
        say(f"  latency round {r + 1}/{args.rounds} done")
    # Throughput pairs each page with the reference measured just before and just after it (R P R P R …): a
    # page's ratio in a round is its rate over the mean of its two neighbours, so a drift of the machine over the
    # minute a round takes (a vacuum, another process) moves both sides of the ratio alike.
    ref = REFERENCE[0]
    ref_port = checked[-1][3]
    pages = checked[:-1]
    paired: dict[str, list[float]] = {c[0]: [] for c in pages}
    for r in range(args.tput_rounds):
        order = pages[:]
        rng.shuffle(order)
        before = throughput(ref_port, REFERENCE[1], None, args.clients, args.tput_seconds)
        tput[ref].append(before)
        for label, path, who, port in order:
            rate = throughput(port, path, cookies.get(who), args.clients, args.tput_seconds)
            after = throughput(ref_port, REFERENCE[1], None, args.clients, args.tput_seconds)
            tput[label].append(rate)
            tput[ref].append(after)
            paired[label].append(rate / ((before + after) / 2))
            before = after
        say(f"  throughput round {r + 1}/{args.tput_rounds} done")
    rows = []
    for label, path, who, _ in checked:
        samples = [s for rnd in lat[label] for s in rnd]
        ratio_lat = statistics.median(statistics.median(a) / statistics.median(b)
                                      for a, b in zip(lat[label], lat[ref], strict=True))
        ratio_tput = 1.0 if label == ref else statistics.median(paired[label])
        p95 = pct(samples, 0.95)
        rows.append({
            "case": label, "path": path, "as": who or "anonymous", "samples": len(samples),
            "p50_ms": round(statistics.median(samples), 1), "p95_ms": round(p95, 1),
            "p50_vs_reference": round(ratio_lat, 2),
            "rps_8_clients": round(statistics.median(tput[label]), 1), "rps_vs_reference": round(ratio_tput, 2),
            "meets_goal": label == ref or (p95 < GOAL_P95_MS and ratio_tput >= GOAL_TPUT_RATIO),
        })
    return rows


def measure_audit(args, say) -> dict:
    env = server_env()
    py = sys.executable
    out = {}
    t0 = time.perf_counter()
    res = subprocess.run([py, "-m", "ticms.cli", "audit", "verify"], env=env, cwd=ROOT, capture_output=True,
                         text=True)
    out["verify_s"] = round(time.perf_counter() - t0, 2)
    out["verify_output"] = (res.stdout + res.stderr).strip()[-200:]
    say(f"  audit verify: {out['verify_s']} s ({out['verify_output']})")
    start = time.time() + 8  # the writers' Django start-up is not part of the measure
    writers = [subprocess.Popen([py, "-m", "bench.append_worker", str(args.append_each), str(start), str(k)],
                                env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for k in range(args.writers)]
    begins, ends, errors = [], [], []
    for w in writers:
        so, se = w.communicate(timeout=900)
        if w.returncode == 0:
            begin, end = so.strip().splitlines()[-1].split()
            begins.append(float(begin))
            ends.append(float(end))
        else:
            errors.append(se.strip()[-300:])
    total = args.writers * args.append_each
    out["append_writers"] = args.writers
    out["append_events"] = total
    out["append_errors"] = errors
    # From the first writer's first event to the last writer's last (a writer slow to start widens the window).
    out["append_events_per_s"] = round(len(ends) * args.append_each / (max(ends) - min(begins)), 1) if ends else 0
    out["append_late_start_s"] = round(max(begins) - start, 2) if begins else None
    say(f"  append: {out['append_events_per_s']} events/s with {args.writers} writers ({len(errors)} failed)")
    t0 = time.perf_counter()
    res = subprocess.run([py, "-m", "ticms.cli", "audit", "verify"], env=env, cwd=ROOT, capture_output=True,
                         text=True)
    out["verify_after_s"] = round(time.perf_counter() - t0, 2)
    out["verify_after_ok"] = res.returncode == 0
    out["verify_after_output"] = (res.stdout + res.stderr).strip()[-200:]
    say(f"  verify after appending: {out['verify_after_s']} s ({out['verify_after_output']})")
    return out


def memory_lines(m: dict) -> list[str]:
    if "ticms" not in m:  # a result of before PSS and USS were measured
        return []

    def each(server: dict, kind: str) -> str:
        return "/".join(str(w[kind]) for w in server["workers"])

    lines = ["", f"Memory, MB ({'with' if m['preload'] else 'without'} --preload, both apps alike): "
             "RSS counts the pages a worker shares with the master; PSS divides them among the sharers; USS is "
             "what the worker alone holds, what one more worker costs.", "",
             "| | master RSS / PSS / USS | workers RSS | workers PSS | workers USS |", "|---|---|---|---|---|"]
    for name in ("ticms", "reference"):
        s = m[name]
        lines.append(f"| {name} | {s['master']['rss']} / {s['master']['pss']} / {s['master']['uss']} | "
                     f"{each(s, 'rss')} | {each(s, 'pss')} | {each(s, 'uss')} |")
    lines.append(f"| ticms ÷ reference (largest worker) | | {m['ratio_rss']} | {m['ratio_pss']} | {m['ratio_uss']} |")
    return lines


def markdown(result: dict) -> str:
    d = result
    lines = [
        f"# Benchmark {d['date']}: {d['database']}, scale {d['scale']}",
        "",
        f"Data: {', '.join(f'{v:,} {k}' for k, v in d['counts'].items())}.",
        f"Served: `ticms serve` (gunicorn, 2 sync workers, DEBUG off) and the bare-Django reference, same flags, "
        f"same database. Command: `{d['command']}`. Latency: {d['settings']['rounds']} paired rounds at 1 client; "
        f"throughput: {d['settings']['tput_rounds']} rounds × {d['settings']['tput_seconds']} s at "
        f"{d['settings']['clients']} clients. Machine: {d.get('cpus', 2)} cores, load average at the end "
        f"{'/'.join(map(str, d.get('load_average', ['?'])))} (1/5/15 min).",
        "",
        f"| page | as | p50 ms | p95 ms | p50 × ref | req/s @{d['settings']['clients']} | req/s ÷ ref | goal |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in d["pages"]:
        goal = "—" if r["case"] == REFERENCE[0] else ("ok" if r["meets_goal"] else "**miss**")
        lines.append(f"| {r['case']} `{r['path']}` | {r['as']} | {r['p50_ms']} | {r['p95_ms']} | "
                     f"{r['p50_vs_reference']} | {r['rps_8_clients']} | {r['rps_vs_reference']} | {goal} |")
    m, a = d["memory"], d["audit"]
    lines += [
        "",
        f"Worker RSS after the run: ticms {m['ticms_workers_mb']} MB, reference {m['reference_workers_mb']} MB "
        f"(max ratio {m['ratio']}; goal < 1.5).",
        *memory_lines(m),
        "",
        f"Audit: `ticms audit verify` {a['verify_s']} s ({a['verify_output']}); appending "
        f"{a['append_events_per_s']} events/s with {a['append_writers']} writer processes "
        f"({a['append_events']} events, {len(a['append_errors'])} writers failed); verify after: "
        f"{a['verify_after_s']} s, {'chain intact' if a['verify_after_ok'] else 'BROKEN'} "
        f"({a['verify_after_output']}).",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve_run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=6, help="requests per case per latency round (at most)")
    parser.add_argument("--round-budget", type=float, default=2.0, help="seconds per case per latency round")
    parser.add_argument("--tput-rounds", type=int, default=2)
    parser.add_argument("--tput-seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--append-each", type=int, default=250)
    parser.add_argument("--skip-audit", action="store_true")
    parser.add_argument("--no-preload", action="store_true",
                        help="serve both apps without gunicorn's --preload (`ticms serve --no-preload`)")
    parser.add_argument("--tag", default="", help="suffix of the results' file names (<date>-<db>-<scale>-<tag>)")
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", ""), help="label only (from generate)")
    args = parser.parse_args(argv)

    def say(text):
        print(text, flush=True)

    from bench.generate import sizes

    label, cnt, env = prepare()
    from django.db import connection

    scale = args.scale or next((s for s in ("1.0", "0.1", "0.01", "0.002")
                                if sizes(float(s))["centers"] == cnt["centers"]), "?")
    say(f"database {label}: " + ", ".join(f"{v} {k}" for k, v in cnt.items()))
    cookies = sign_in()
    connection.close()  # the driver holds no connection while the servers run
    preload = not args.no_preload
    ticms, ref = start_servers(env, preload)
    try:
        say(f"serving: ticms on :{ticms.port} (pid {ticms.proc.pid}), reference on :{ref.port} (pid {ref.proc.pid})")
        pages = measure_pages(ticms, ref, cookies, args, say)
        t_mem, r_mem = ticms.memory_mb(), ref.memory_mb()
    finally:
        ticms.stop()
        ref.stop()
    memory = {"preload": preload, "ticms": t_mem, "reference": r_mem,
              # The goal is stated in RSS; kept under its old keys so older results compare.
              "ticms_workers_mb": [w["rss"] for w in t_mem["workers"]],
              "reference_workers_mb": [w["rss"] for w in r_mem["workers"]]}
    for kind in ("rss", "pss", "uss"):
        t, r = [w[kind] for w in t_mem["workers"]], [w[kind] for w in r_mem["workers"]]
        memory[f"ratio_{kind}"] = round(max(t) / max(r), 2) if t and r else None
    memory["ratio"] = memory["ratio_rss"]
    audit = {} if args.skip_audit else measure_audit(args, say)
    today = datetime.date.today().isoformat()
    result = {
        "date": today, "database": connection.vendor, "scale": scale, "counts": cnt, "pages": pages,
        "memory": memory, "audit": audit, "settings": vars(args),
        # Other work on the machine moves every figure: the load over the run's last 1/5/15 minutes says how much.
        "load_average": [round(x, 1) for x in os.getloadavg()], "cpus": os.cpu_count(),
        "command": (f"DATABASE_URL={os.environ['DATABASE_URL']}" if os.environ.get("DATABASE_URL")
                    else f"TICMS_DATA_DIR={os.environ.get('TICMS_DATA_DIR', 'var/bench')}")
                   + " python -m bench.serve_run "
                   + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    # --tag keeps a run beside the day's others instead of over them (a re-run after a change, say).
    stem = ROOT / "bench" / "results" / "-".join(filter(None, [today, connection.vendor, scale, args.tag]))
    Path(f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    if not audit:
        audit.update(verify_s="-", verify_output="skipped", append_events_per_s="-", append_writers=0,
                     append_events=0, append_errors=[], verify_after_s="-", verify_after_ok=True,
                     verify_after_output="skipped")
    text = markdown(result)
    Path(f"{stem}.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
