"""The load benchmark: every authenticated page, rendered cold, under 20 concurrent logged-in clients,
measured against the simplest logged-in page (the profile page) and `/healthz` in the same run, on
the production setup.

`make loadtest` runs it alone; `make bench` adds its rows to the benchmark table. One run:

1. creates a PostgreSQL database of its own (`saylo_loadtest_<random>`, dropped afterwards; it never
   drops a database it did not create; skipped with one line when PostgreSQL does not answer),
   migrates it and collects static files into a temporary folder; when `redis-server` is installed it
   starts a Redis of its own on a free port for the cache (never writing a Redis it did not start);
2. seeds one candidate with 200 interviews taken and scored by the offline coach (plus a few
   prepared and never taken), in a child process (`python -m benchmarks.loadtest seed`);
3. measures, in-process on that database, where each page's time goes: its queries (count and
   time), its templates, and the rest (Python) — `python -m benchmarks.loadtest breakdown`;
4. serves the production command — gunicorn, `DEBUG=false`, a freshly generated `SECRET_KEY`,
   whitenoise — on a free port;
5. logs 20 clients in through the real login form and drives each page in turn for a bounded time
   from this process (asyncio + aiohttp), then prints req/s, p50/p95/p99, p95 ÷ the profile page's
   p95 (the target: 2.5× at most, 0 errors) and p95 ÷ `/healthz`'s.

Every request is a render: no page is stored whole. The one cached fragment is a results page's body,
keyed on its score run (rows that never change).

Settings (environment): LOADTEST_SECONDS (10 per page, measured in LOADTEST_ROUNDS=5 interleaved
slices so drifting background load hits the floor and the pages alike), LOADTEST_WARMUP (1 s per
page, not measured), LOADTEST_CLIENTS (20),
LOADTEST_INTERVIEWS (200), LOADTEST_WORKERS (3 gunicorn workers), LOADTEST_PAGES (comma-separated
page names, default all), LOADTEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/saylo_loadtest),
LOADTEST_CACHE_URL (default: Redis at 127.0.0.1:6379 when it answers, else the database cache),
LOADTEST_PROFILE (page names, e.g. `history,results`: before the load run, each is requested 100
times in-process under cProfile on the seeded database and the top functions are printed — how the
slowest page was found and fixed).
"""

import asyncio
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EMAIL = "loadtest@saylo.local"
TARGET_RATIO = 2.5  # every page's p95 within 2.5× the profile page's (the simplest logged-in page)
BASELINE = "profile"


@dataclass(frozen=True)
class Config:
    seconds: float = 10.0
    rounds: int = 5  # each page's time is split into this many interleaved slices
    warmup: float = 1.0
    clients: int = 20
    interviews: int = 200
    workers: int = 3
    database_url: str = ""  # default: postgres://postgres@127.0.0.1:5432/saylo_loadtest_<random>, made and dropped
    cache_url: str = ""
    pages: tuple[str, ...] = ()
    profile: str = ""  # page names (comma-separated): profile them in-process (cProfile) before the load run

    @classmethod
    def from_env(cls) -> "Config":
        env = os.environ
        return cls(
            seconds=float(env.get("LOADTEST_SECONDS", 10)), rounds=max(1, int(env.get("LOADTEST_ROUNDS", 5))),
            warmup=float(env.get("LOADTEST_WARMUP", 1)),
            clients=int(env.get("LOADTEST_CLIENTS", 20)), interviews=int(env.get("LOADTEST_INTERVIEWS", 200)),
            workers=int(env.get("LOADTEST_WORKERS", 3)),
            database_url=env.get("LOADTEST_DATABASE_URL", "")
            or f"postgres://postgres@127.0.0.1:5432/saylo_loadtest_{secrets.token_hex(4)}",
            cache_url=env.get("LOADTEST_CACHE_URL", ""),
            pages=tuple(p.strip() for p in env.get("LOADTEST_PAGES", "").split(",") if p.strip()),
            profile=env.get("LOADTEST_PROFILE", ""),
        )


@dataclass
class PageResult:
    name: str
    path: str
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    size: int = 0  # bytes of the last successful answer

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def ms(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[max(0, min(98, round(q) - 1))]


# --- The pages --------------------------------------------------------------------------------

def page_paths(ids: dict) -> list[tuple[str, str]]:
    """(name, path) of every authenticated page, the floor first."""
    return [
        ("floor", "/healthz"),
        ("dashboard", "/dashboard/"),
        ("interviews", "/interviews/"),
        ("history", "/interviews/history/"),
        ("results", f"/interviews/{ids['scored']}/results/"),
        ("interview", f"/interviews/{ids['scored']}/"),
        ("room", f"/interviews/{ids['ready']}/room/"),
        ("setup", "/interviews/new/"),
        ("resumes", "/resumes/"),
        ("resume", f"/resumes/{ids['resume']}/"),
        ("jobs", "/jobs/"),
        ("job", f"/jobs/{ids['job']}/"),
        ("match", f"/jobs/{ids['job']}/match/?resume={ids['resume']}"),
        ("profile", "/profile/"),
    ]


# --- Seeding (runs in a child process with the load test's environment) -----------------------

ANSWERS = [
    "At Brightcart I led the migration of the order service to three Python services on Kubernetes. The "
    "checkout p95 was 850 ms and we were losing carts; I split the work into strangler steps, wrote the "
    "contract tests, and we shipped in eight weeks. p95 dropped to 310 ms and abandoned carts fell 12%.",
    "I designed the PostgreSQL schema for 40 million orders a month. The problem was slow monthly reports, "
    "so I partitioned by month, added covering indexes and moved reporting to a replica. Report time went "
    "from 9 minutes to 40 seconds, and I documented the trade-offs for the team.",
    "Um, I think I would probably look at the logs first and, like, see what is going on, and then maybe "
    "ask the team.",
    "When two teams disagreed about the event format I set up a short design review, wrote both options "
    "down with their costs, and we picked the versioned schema. I owned the migration and nothing broke.",
    "",  # skipped
]


def seed(*, interviews: int, password: str) -> dict:
    """One candidate with `interviews` interviews taken and scored by the offline coach, spread over
    the past months across three jobs and two resumes, plus five prepared and never taken."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.demo_content import DEMO_JOB_TEXT, DEMO_RESUME
    from accounts.models import User
    from interviews.coach.schemas import PlanOptions
    from interviews.models import InterviewSession, Question, TranscriptTurn
    from interviews.services.scoring import score_run_create
    from interviews.services.setup import interview_create
    from resumes.services import job_create, resume_paste, resume_read_now

    user = User.objects.create_user(email=EMAIL, password=password, first_name="Load", last_name="Test",
                                    target_role="Backend engineer")
    resumes = [resume_read_now(resume=resume_paste(user=user, text=text).resume)
               for text in (DEMO_RESUME, DEMO_RESUME.replace("6 years", "seven years"))]
    jobs = [job_create(user=user, title=title, company=company, text=DEMO_JOB_TEXT)
            for title, company in [("Senior Backend Engineer", "Northwind Health"), ("Platform Engineer", "Acme"),
                                   ("Staff Engineer", "Initech")]]
    templates = []
    for index, job in enumerate(jobs):
        session, _ = interview_create(user=user, resume=resumes[index % 2], job=job, options=PlanOptions(count=6),
                                      answer_seconds=120)
        session.refresh_from_db()
        templates.append(session)
    now = timezone.now()
    scored_id = None
    for number in range(interviews):
        template = templates[number % len(templates)]
        session = InterviewSession.objects.create(
            user=user, resume=template.resume, job=template.job, title=template.title, mode=template.mode,
            status=InterviewSession.Status.FINISHED, options=template.options, resume_snapshot=template.resume_snapshot,
            job_snapshot=template.job_snapshot, match_snapshot=template.match_snapshot, engine=template.engine,
            prepared_at=now, started_at=now, ended_at=now,
        )
        when = now - timedelta(days=interviews - number, hours=number % 7)
        InterviewSession.objects.filter(pk=session.pk).update(created_at=when)
        session.created_at = when
        questions = Question.objects.bulk_create([
            Question(session=session, order=q.order, kind=q.kind, competency=q.competency, text=q.text,
                     rationale=q.rationale, strong_answer_points=q.strong_answer_points, skill=q.skill)
            for q in template.questions.order_by("order")
        ])
        turns, seq, clock = [], 0, 0
        for offset, question in enumerate(questions):
            answer = ANSWERS[(number + offset) % len(ANSWERS)]
            seq += 1
            turns.append(TranscriptTurn(session=session, seq=seq, role="interviewer", text=question.text,
                                        question=question, client_id=f"q{seq}", started_ms=clock, ended_ms=clock + 4000))
            seq += 1
            clock += 5000
            spoken = len(answer.split()) * 400
            turns.append(TranscriptTurn(session=session, seq=seq, role="candidate", text=answer, question=question,
                                        skipped=not answer, client_id=f"a{seq}", started_ms=clock,
                                        ended_ms=clock + spoken))
            clock += spoken + 2000
        TranscriptTurn.objects.bulk_create(turns)
        score_run_create(session=session)
        scored_id = session.pk
    ready = None
    for job in jobs[:2]:
        for _ in range(2 if job is jobs[0] else 3):
            ready, _ = interview_create(user=user, resume=resumes[0], job=job, options=PlanOptions(count=6),
                                        answer_seconds=120)
    _analyze()
    return {"scored": scored_id, "ready": ready.pk, "resume": resumes[0].pk, "job": jobs[0].pk, "user": user.pk}


def _analyze() -> None:
    """Give the planner its statistics, as a database that has been running has them (autovacuum
    analyzes a table once a tenth of it changed, a minute or so later): measured straight after the
    seed, a table it has no figures for is read with a plan no running site uses (a full sort of the
    candidate's history instead of the list's index)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- The driver -------------------------------------------------------------------------------

CLIENT_IP_HEADER = "X-Loadtest-Client"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


async def _login(base: str, password: str, number: int):
    """A client logged in through the real form. Each client comes from its own address, as behind
    a proxy (ALLAUTH_TRUSTED_CLIENT_IP_HEADER): twenty logins from one address in a minute are what
    allauth's login limit is there to stop."""
    import aiohttp

    session = aiohttp.ClientSession(base_url=base, cookie_jar=aiohttp.CookieJar(unsafe=True),
                                    timeout=aiohttp.ClientTimeout(total=60),
                                    headers={CLIENT_IP_HEADER: f"10.77.{number // 250}.{number % 250 + 1}"})
    async with session.get("/accounts/login/") as response:
        token = CSRF_INPUT.search(await response.text()).group(1)
    async with session.post("/accounts/login/", data={"login": EMAIL, "password": password,
                                                      "csrfmiddlewaretoken": token},
                            headers={"Referer": f"{base}/accounts/login/"}, allow_redirects=False) as response:
        posted = f"{response.status} {response.headers.get('Location', '')}"
    async with session.get("/dashboard/", allow_redirects=False) as response:
        status = response.status
    if status != 200:
        await session.close()
        raise RuntimeError(f"login did not work: the form answered {posted}, /dashboard/ {status}")
    return session


async def _hammer(client, path: str, until: float, result: PageResult | None) -> None:
    while time.perf_counter() < until:
        start = time.perf_counter()
        try:
            async with client.get(path, allow_redirects=False) as response:
                body = await response.read()
                status = response.status
        except Exception:  # noqa: BLE001 - any failure counts as an error, the run goes on
            status, body = 0, b""
        elapsed = time.perf_counter() - start
        if result is None:
            continue
        result.statuses[status] += 1
        if status == 200:
            result.latencies.append(elapsed)
            result.size = len(body)
        else:
            result.errors += 1


async def drive(base: str, password: str, pages: list[tuple[str, str]], config: Config) -> list[PageResult]:
    """Each page for `config.seconds` in all, in `config.rounds` interleaved slices: on a shared
    machine the background load drifts, and interleaving gives the floor and every page the same
    share of it, so the ratios stay fair."""
    clients = []
    results = {name: PageResult(name=name, path=path, seconds=0.0) for name, path in pages}
    try:
        for number in range(config.clients):
            clients.append(await _login(base, password, number))
        if config.warmup:
            for _, path in pages:
                until = time.perf_counter() + config.warmup
                await asyncio.gather(*(_hammer(c, path, until, None) for c in clients))
        for _ in range(config.rounds):
            for name, path in pages:
                start = time.perf_counter()
                until = start + config.seconds / config.rounds
                await asyncio.gather(*(_hammer(c, path, until, results[name]) for c in clients))
                results[name].seconds += time.perf_counter() - start
    finally:
        await asyncio.gather(*(c.close() for c in clients))
    return list(results.values())


# --- Orchestration ----------------------------------------------------------------------------

class Skipped(Exception):
    pass


def _postgres_admin(database_url: str):
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"LOADTEST_DATABASE_URL must name a plain database, not {name!r}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        raise Skipped(f"PostgreSQL does not answer at {parts.hostname}:{parts.port or 5432} ({exc.__class__.__name__})") from exc
    return connection, name


@contextmanager
def _database(database_url: str):
    """A database made for this run and dropped after it; one that already exists is refused, never dropped."""
    import psycopg

    connection, name = _postgres_admin(database_url)
    with connection:
        try:
            connection.execute(f'CREATE DATABASE "{name}"')
        except psycopg.errors.DuplicateDatabase:
            raise Skipped(f"the database {name} already exists; the load test only uses a database it creates "
                          "(leave LOADTEST_DATABASE_URL unset, or name a database that does not exist)") from None
    try:
        yield
    finally:
        connection, name = _postgres_admin(database_url)
        with connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _own_redis(folder: Path):
    """A Redis server of this run's own (on a free port, nothing saved to disk), or None without `redis-server`."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = _free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",  # noqa: S603
                               "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not _redis_answers(port=port):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the load test's own redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)


def _redis_answers(host="127.0.0.1", port=6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(config: Config, folder: Path, password: str, *, redis_url: str | None = None) -> dict[str, str]:
    cache_url = config.cache_url or redis_url or ""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("STORAGE_", "SENTRY_", "GEMINI_", "TAVUS_", "LIVEKIT_")) and k not in {"CACHE_URL"}}
    env.update({
        "SAYLO_RUNTIME": "server", "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": config.database_url, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0", "STATIC_ROOT": str(folder / "static"), "PRIVATE_ROOT": str(folder / "private"),
        "TASKS_BACKEND": "immediate", "COACH_ENGINE": "offline", "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "saylo.settings", "LOADTEST_PASSWORD": password,
        "ALLAUTH_TRUSTED_CLIENT_IP_HEADER": CLIENT_IP_HEADER,
    })
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def _run(args: list[str], env: dict, *, capture: bool = False) -> str:
    done = subprocess.run(args, cwd=BASE, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own commands
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:4])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout if capture else ""


@contextmanager
def _gunicorn(env: dict, workers: int):
    port = _free_port()
    command = [str(BIN / "gunicorn"), "saylo.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=BASE, env=env, start_new_session=True)  # noqa: S603 - our own command
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _wait_until_up(base: str, server: subprocess.Popen, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310 - our http://127.0.0.1
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


@dataclass
class Run:
    results: list[PageResult]
    cache: str
    config: Config
    took: float
    breakdown: dict = field(default_factory=dict)  # page name -> {"ms", "queries", "query_ms", "template_ms", "python_ms"}

    @property
    def floor(self) -> PageResult:
        return self.results[0]

    @property
    def baseline(self) -> PageResult | None:
        return next((r for r in self.results if r.name == BASELINE), None)

    def ratio(self, result: PageResult) -> float:
        """p95 ÷ the profile page's p95 (the target's measure)."""
        baseline = self.baseline.ms(95) if self.baseline else 0.0
        return result.ms(95) / baseline if baseline else 0.0

    def floor_ratio(self, result: PageResult) -> float:
        floor = self.floor.ms(95)
        return result.ms(95) / floor if floor else 0.0


def run_load(config: Config | None = None, *, log=print) -> Run:
    """Seed, serve and drive every page once. Raises Skipped when PostgreSQL is not there."""
    config = config or Config.from_env()
    started = time.perf_counter()
    password = secrets.token_urlsafe(16)
    folder = Path(tempfile.mkdtemp(prefix="saylo-loadtest-"))
    try:
        with _database(config.database_url), _own_redis(folder) as redis_url:
            env = environment(config, folder, password, redis_url=redis_url)
            python = [sys.executable]
            log(f"load test: migrating {urlsplit(config.database_url).path.lstrip('/')}, collecting static files…")
            _run([*python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
            _run([*python, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
            log(f"load test: seeding {config.interviews} scored interviews…")
            ids = json.loads(_run([*python, "-m", "benchmarks.loadtest", "seed", str(config.interviews)], env,
                                  capture=True).strip().splitlines()[-1])
            pages = [p for p in page_paths(ids) if not config.pages or p[0] == "floor" or p[0] in config.pages]
            paths = dict(page_paths(ids))
            names = [name for name, _ in page_paths(ids)] if config.profile == "all" else config.profile.split(",")
            for name in filter(None, names):
                log(_run([*python, "-m", "benchmarks.loadtest", "profile", paths[name]], env, capture=True))
            log("load test: where each page's time goes (in-process, one client)…")
            breakdown = json.loads(_run([*python, "-m", "benchmarks.loadtest", "breakdown",
                                         json.dumps([p for p in pages if p[0] != "floor"])], env,
                                        capture=True).strip().splitlines()[-1])
            log(f"load test: gunicorn ({config.workers} workers), {config.clients} clients, "
                f"{config.seconds:g} s per page on {len(pages)} pages…")
            with _gunicorn(env, config.workers) as base:
                results = asyncio.run(drive(base, password, pages, config))
            cache = "Redis" if env.get("CACHE_URL", "").startswith("redis") else "database"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Run(results=results, cache=cache, config=config, took=time.perf_counter() - started, breakdown=breakdown)


def print_report(outcome: Run) -> None:
    headers = ("page", "path", "req/s", "p50 ms", "p95 ms", "p99 ms", "÷ profile", "÷ healthz", "errors", "KB",
               "render ms", "queries", "query ms", "template ms", "python ms")
    rows = []
    for result in outcome.results:
        cost = outcome.breakdown.get(result.name, {})
        rows.append((result.name, result.path, f"{result.rps:.0f}", f"{result.ms(50):.1f}", f"{result.ms(95):.1f}",
                     f"{result.ms(99):.1f}", f"{outcome.ratio(result):.2f}", f"{outcome.floor_ratio(result):.2f}",
                     str(result.errors), f"{result.size / 1024:.1f}",
                     *(f"{cost[k]:.1f}" if k in cost else "—" for k in ("ms",)),
                     str(cost.get("queries", "—")),
                     *(f"{cost[k]:.1f}" if k in cost else "—" for k in ("query_ms", "template_ms", "python_ms"))))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    worst = max(outcome.results[1:], key=outcome.ratio, default=None)
    c = outcome.config
    print(f"\n{c.clients} clients, {c.seconds:g} s per page, gunicorn {c.workers} workers, DEBUG=false, PostgreSQL, "
          f"{outcome.cache} cache, {c.interviews} scored interviews; every request a render; {outcome.took:.0f} s in all."
          "\nrender/queries/template/python: one request in-process on the same database (ms), where its time goes.")
    if worst is not None and outcome.baseline is not None:
        verdict = "within" if outcome.ratio(worst) <= TARGET_RATIO else "OVER"
        print(f"Slowest: {worst.name} at {outcome.ratio(worst):.2f}× the profile page's p95 — {verdict} the "
              f"{TARGET_RATIO:g}× target.")
    errors = sum(r.errors for r in outcome.results)
    if errors:
        print(f"{errors} errors: " + "; ".join(f"{r.name} {dict(r.statuses)}" for r in outcome.results if r.errors))


def run() -> list:
    """The `make bench` section: the same run as `make loadtest`, as table rows."""
    return bench_rows()


def bench_rows() -> list:
    """Rows for `make bench` (scripts/bench.py)."""
    from benchmarks.harness import Row

    try:
        outcome = run_load(log=lambda message: print(message, file=sys.stderr))
    except Skipped as skipped:
        return [Row("load", "skipped", 0, "", str(skipped))]
    rows = []
    for result in outcome.results:
        note = (f"{result.rps:.0f} req/s, p50 {result.ms(50):.0f} ms, p95 {result.ms(95):.0f} ms, "
                f"p99 {result.ms(99):.0f} ms, {result.errors} errors")
        rows.append(Row("load", f"{result.path} p95 ÷ profile page", outcome.ratio(result), "×",
                        f"{note}; ÷ /healthz {outcome.floor_ratio(result):.2f}"))
    return rows


# --- Entry points for the child processes ------------------------------------------------------

def _profile(path: str, repeat: int) -> None:
    import cProfile
    import pstats

    from django.test import Client

    from accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=EMAIL))
    for _ in range(5):
        client.get(path)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        response = client.get(path)
    wall, cpu = (time.perf_counter() - start) / repeat * 1000, (time.process_time() - cpu) / repeat * 1000
    print(f"{path}: {response.status_code}, {len(response.content) / 1024:.1f} KB, {wall:.1f} ms a request "
          f"({cpu:.1f} ms of CPU in this process), in-process, unprofiled")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    for query in queries.captured_queries:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:150]}")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(25)


def _breakdown(pages: list[tuple[str, str]], repeat: int = 30) -> dict:
    """Where each page's time goes, in-process: per request, its queries (count, time), the time spent
    rendering templates (less the queries run from inside them), and the rest (Python: views, forms,
    middleware). Medians over `repeat` requests after a warm-up, each one cold (no page is stored)."""
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    from accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=EMAIL))
    clock = {"query": 0.0, "query_in_template": 0.0, "template": 0.0, "queries": 0, "depth": 0}

    def timed_query(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - start
            clock["query"] += spent
            clock["queries"] += 1
            if clock["depth"]:
                clock["query_in_template"] += spent

    real_render = Template.render

    def timed_render(self, *args, **kwargs):
        clock["depth"] += 1
        start = time.perf_counter()
        try:
            return real_render(self, *args, **kwargs)
        finally:
            clock["depth"] -= 1
            if not clock["depth"]:
                clock["template"] += time.perf_counter() - start

    Template.render = timed_render
    out = {}
    try:
        with connection.execute_wrapper(timed_query):
            for name, path in pages:
                for _ in range(3):
                    client.get(path)
                samples = []
                for _ in range(repeat):
                    clock.update(query=0.0, query_in_template=0.0, template=0.0, queries=0)
                    start = time.perf_counter()
                    client.get(path)
                    total = time.perf_counter() - start
                    template = clock["template"] - clock["query_in_template"]
                    samples.append((total, clock["queries"], clock["query"], template, total - clock["query"] - template))
                columns = list(zip(*samples, strict=True))
                ms = [statistics.median(column) * 1000 for column in (columns[0], columns[2], columns[3], columns[4])]
                out[name] = {"ms": ms[0], "queries": int(statistics.median(columns[1])), "query_ms": ms[1],
                             "template_ms": ms[2], "python_ms": ms[3]}
    finally:
        Template.render = real_render
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["seed"]:
        import django

        django.setup()
        ids = seed(interviews=int(argv[1]) if len(argv) > 1 else 200, password=os.environ["LOADTEST_PASSWORD"])
        print(json.dumps(ids))
        return 0
    if argv[:1] == ["breakdown"]:
        import django

        django.setup()
        print(json.dumps(_breakdown([tuple(page) for page in json.loads(argv[1])])))
        return 0
    if argv[:1] == ["profile"]:
        import django

        django.setup()
        _profile(argv[1], int(argv[2]) if len(argv) > 2 else 100)
        return 0
    try:
        outcome = run_load()
    except Skipped as skipped:
        print(f"load test skipped: {skipped}.")
        return 0
    print_report(outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
