"""Benchmark of the roster page and the weigh-ins API under gunicorn, beside a floor (issue 3, "Performance").

    python bench/roster_api.py                      # SQLite and PostgreSQL (when reachable)
    python bench/roster_api.py --db sqlite --repeat 1 --duration 5     # a quick look

For each database it:

1. builds a fresh database (a SQLite file in a new temporary folder, or the PostgreSQL database
   ``trainer_bench3`` dropped and created with psql) with ``flask_migrate.upgrade()``; it is
   removed (dropped) at the end unless ``--keep-db``;
2. fills it, with SQLAlchemy Core ``executemany`` (no ORM objects) and a fixed seed, with ONE
   trainer (``coach@bench.test`` / ``bench-password-123``) and 200 active clients, each with a
   year of history ending today: 365 daily weigh-ins, about 3 workouts a week of 5 exercises x 3
   sets, published plans for the last 4 weeks (so the roster shows 14-day adherence and this
   week's plan) and a few open flags. The rows are the same for the same day (the history is
   anchored on today's date, because the server reads the real clock);
3. serves the app with gunicorn (2 sync workers, 127.0.0.1, a free port, env SECRET_KEY and
   DATABASE_URL) and, at the same time, the floor ``bench/floor_app.py`` the same way;
4. signs in like a browser (GET /login, the CSRF token, POST /login; the session cookie is then
   sent by hand with ``X-Forwarded-Proto: https``, as the PaaS router would) and asks the API for
   a token (POST /api/v1/tokens);
5. measures the body sizes of ``GET /clients`` and ``GET /api/v1/clients/{id}/weigh-ins?limit=1000``
   so the floor returns bodies of exactly those sizes;
6. loads each of the four targets (roster, floor HTML, weigh-ins API, floor JSON) at concurrency 1
   (one connection, sequential: client-side latency = server time + loopback, our estimate of
   the server time; bounded by ``--seq-duration`` s or ``--seq-requests``, default 15 s / 500)
   and at concurrency 4 (throughput; ``--duration`` s or ``--requests``, default 20 s / 2,000),
   whichever comes first (a run may overshoot the count by a few requests); targets are
   interleaved and the whole round is repeated ``--repeat`` times; the median is reported.

The load generator is ``wrk`` when it is installed (``apt-get install -y wrk``), otherwise Python
threads with ``http.client`` (``--load python``). Every request goes to 127.0.0.1. Every server
is stopped (its process group killed) before the script ends, whatever happens. ``--profile``
also times both requests in-process (Flask test client, no network) and writes pyinstrument
profiles to ``bench/results/``. Results: ``bench/results/roster_api[_TAG].json``; a Markdown table
is printed at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
SQLITE_DIR: Path | None = None  # a temporary folder, made on first use
PG_HOST, PG_USER, PG_DB = "127.0.0.1", "postgres", "trainer_bench3"
PG_URL = f"postgresql+psycopg://{PG_USER}@{PG_HOST}:5432/{PG_DB}"
HOST = "127.0.0.1"

TRAINER_EMAIL = "coach@bench.test"
TRAINER_PASSWORD = "bench-password-123"
CLIENTS = 200
HISTORY_DAYS = 365
PLAN_WEEKS = 4  # published plans for this week and the three before
SETS_PER_EXERCISE = 3
SEED = 3_2026
BATCH_CLIENTS = 25  # clients generated and written per executemany batch

TRAINING_WEEKDAYS = {2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
SESSIONS = {  # equipment -> the two alternating full-body sessions (exercise slugs)
    "bodyweight": (
        ("bodyweight-squat", "push-up", "inverted-row", "pike-push-up", "towel-curl"),
        ("reverse-lunge", "push-up", "negative-chin-up", "bench-dip", "floor-superman"),
    ),
    "dumbbells": (
        ("goblet-squat", "chest-press", "dumbbell-row", "shoulder-press", "biceps-curl"),
        ("weighted-lunge", "chest-press", "dumbbell-row", "rear-delt-flye", "triceps-extension"),
    ),
    "gym": (
        ("back-squat", "bench-press", "seated-cable-row", "overhead-press", "biceps-curl"),
        ("deadlift", "bench-press", "lat-pull-down", "romanian-deadlift", "triceps-extension"),
    ),
}
BASE_LOAD_KG = {
    "goblet-squat": 20,
    "chest-press": 18,
    "dumbbell-row": 20,
    "shoulder-press": 12,
    "biceps-curl": 10,
    "weighted-lunge": 12,
    "rear-delt-flye": 6,
    "triceps-extension": 10,
    "back-squat": 70,
    "bench-press": 55,
    "seated-cable-row": 50,
    "overhead-press": 35,
    "deadlift": 90,
    "lat-pull-down": 45,
    "romanian-deadlift": 50,
}
ZONES = ("Europe/London", "America/New_York", "America/Chicago", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney")
FIRST_NAMES = (
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Finn", "Grace", "Hugo", "Isla", "Jon",
    "Kira", "Liam", "Mia", "Noah", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara",
)  # fmt: skip
LAST_NAMES = (
    "Adams", "Brown", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor",
)  # fmt: skip
FLAG_KINDS = ("rapid_loss", "weight_plateau", "strength_plateau", "low_adherence", "inactive")

#: Targets in the order they are loaded in each round (each app target followed by its floor).
TARGETS = ("roster", "floor_html", "api", "floor_json")
LABELS = {
    "roster": "Roster page `GET /clients` (200 clients)",
    "floor_html": "Floor: bare Flask, same-size HTML",
    "api": "API `GET /api/v1/clients/{id}/weigh-ins?limit=1000` (365 items)",
    "floor_json": "Floor: bare Flask, same-size JSON",
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------------


def stamp(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def client_names() -> list[str]:
    rng = random.Random(SEED)
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    return names[:CLIENTS]


def generate_client(number: int, name: str, today: date, ids: dict[str, int], exercise_ids: dict[str, int], out):
    """Append the rows of client ``number`` (profile and a year of history) to ``out``; deterministic."""
    rng = random.Random(SEED * 1_000_003 + number)
    rand = rng.random

    def take(table: str) -> int:
        ids[table] += 1
        return ids[table]

    cid = take("clients")
    first_day = today - timedelta(days=HISTORY_DAYS - 1)
    equipment = rng.choice(("bodyweight", "dumbbells", "gym", "gym"))
    days = rng.choices((2, 3, 4, 5), weights=(10, 55, 25, 10))[0]
    sex = "female" if rand() < 0.5 else "male"
    unit = "lb" if rand() < 0.3 else "kg"
    started_on = first_day - timedelta(days=rng.randint(0, 200))
    out["clients"].append(
        {
            "id": cid,
            "trainer_id": 1,
            "user_id": None,
            "name": name,
            "email": f"client{number}@bench.test",
            "sex": sex,
            "birth_date": date(1965 + rng.randint(0, 40), rng.randint(1, 12), rng.randint(1, 28)),
            "height_cm": float(rng.randint(152, 198)),
            "activity_level": rng.choice(("sedentary", "light", "moderate", "very")),
            "weekly_goal_lb": rng.choice((-2.0, -1.5, -1.0, -1.0, -0.5, -0.5, 0.0, 0.5, 1.0)),
            "experience": rng.choice(("beginner", "intermediate", "advanced")),
            "days_per_week": days,
            "equipment": equipment,
            "focus": ["back"] if rand() < 0.25 else [],
            "injuries": "",
            "notes": "",
            "timezone": rng.choice(ZONES),
            "unit": unit,
            "started_on": started_on,
            "archived": False,
            "created_at": stamp(started_on),
            "updated_at": stamp(started_on),
        }
    )

    # 365 daily weigh-ins: a trend (the client's weekly goal, give or take) plus day-to-day noise.
    weight = (60.0 if sex == "female" else 78.0) + 25 * rand()
    per_day = rng.uniform(-0.09, 0.04)
    for offset in range(HISTORY_DAYS):
        day = first_day + timedelta(days=offset)
        weight = min(250.0, max(40.0, weight + per_day))
        at = stamp(day, 7)
        out["weigh_ins"].append(
            {
                "id": take("weigh_ins"),
                "client_id": cid,
                "date": day,
                "weight_kg": round(weight + rng.gauss(0, 0.5), 1),
                "logged_by_id": None,
                "created_at": at,
                "updated_at": at,
            }
        )

    # Training: two alternating sessions on the client's weekdays; published plans for the last weeks.
    sessions = [[exercise_ids[slug] for slug in session] for session in SESSIONS[equipment]]
    load = {
        exercise_ids[slug]: BASE_LOAD_KG[slug] * (0.7 if sex == "female" else 1.0) * rng.uniform(0.7, 1.2)
        for session in SESSIONS[equipment]
        for slug in session
        if slug in BASE_LOAD_KG
    }
    attend = rng.uniform(0.6, 0.97)
    this_week = today - timedelta(days=today.weekday())
    first_plan_week = this_week - timedelta(weeks=PLAN_WEEKS - 1)
    monday = first_day - timedelta(days=first_day.weekday())
    count = 0
    while monday <= this_week:
        plan_id = None
        if monday >= first_plan_week:
            plan_id = take("plans")
            out["plans"].append(
                {
                    "id": plan_id,
                    "client_id": cid,
                    "week_start": monday,
                    "status": "published",
                    "notes": "",
                    "generated_at": stamp(monday - timedelta(days=3), 18),
                    "edited_at": None,
                    "edited_by_id": None,
                    "published_at": stamp(monday - timedelta(days=3), 19),
                }
            )
        for offset in TRAINING_WEEKDAYS[days]:
            day = monday + timedelta(days=offset)
            exercises = sessions[count % 2]
            count += 1
            session_id = None
            if plan_id is not None:
                session_id = take("plan_sessions")
                out["plan_sessions"].append(
                    {"id": session_id, "plan_id": plan_id, "day": day, "title": f"Full body {'AB'[count % 2]}"}
                )
                for position, ex in enumerate(exercises):
                    out["plan_items"].append(
                        {
                            "id": take("plan_items"),
                            "session_id": session_id,
                            "position": position,
                            "exercise_id": ex,
                            "sets": SETS_PER_EXERCISE,
                            "rep_min": 8,
                            "rep_max": 12,
                            "load_kg": round(load[ex] / 2.5) * 2.5 if ex in load else None,
                            "reason": "Hold the load: 12 reps on every set moves it up.",
                            "note": "",
                            "deload_from_kg": None,
                        }
                    )
            if day < first_day or day > today or rand() >= attend:
                continue
            workout_id = take("workouts")
            at = stamp(day, 18, 30)
            out["workouts"].append(
                {
                    "id": workout_id,
                    "client_id": cid,
                    "date": day,
                    "plan_session_id": session_id if session_id and rand() < 0.85 else None,
                    "notes": "",
                    "logged_by_id": None,
                    "import_key": None,
                    "created_at": at,
                    "updated_at": at,
                }
            )
            position = 0
            for ex in exercises:
                kg = round(load[ex] / 2.5) * 2.5 if ex in load else 0.0
                for _ in range(SETS_PER_EXERCISE):
                    out["set_logs"].append(
                        {
                            "id": take("set_logs"),
                            "workout_id": workout_id,
                            "exercise_id": ex,
                            "position": position,
                            "reps": rng.randint(7, 12),
                            "load_kg": kg,
                            "rpe": float(rng.randint(6, 9)) if rand() < 0.3 else None,
                        }
                    )
                    position += 1
                if ex in load:
                    load[ex] *= 1.004  # slow progress over the year
        monday += timedelta(weeks=1)

    # A few flags: some open, some resolved (the roster counts the unresolved ones).
    for kind in FLAG_KINDS:
        roll = rand()
        if roll < 0.06 or roll > 0.95:
            status = "open" if roll < 0.06 else "resolved"
            flag_id = take("flags")
            out["flags"].append(
                {
                    "id": flag_id,
                    "client_id": cid,
                    "kind": kind,
                    "exercise_id": None,
                    "status": status,
                    "open_key": f"{cid}:{kind}:-" if status == "open" else None,
                    "evidence": {},
                    "explanation": "Generated by the benchmark.",
                    "suggestion": "",
                    "note": "",
                    "resolution": "done" if status == "resolved" else None,
                    "opened_at": stamp(today - timedelta(days=10)),
                    "updated_at": stamp(today - timedelta(days=10)),
                    "acknowledged_at": None,
                    "resolved_at": stamp(today - timedelta(days=2)) if status == "resolved" else None,
                }
            )


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", PG_HOST, "-U", PG_USER, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def postgres_reachable() -> bool:
    if not shutil.which("psql"):
        return False
    try:
        psql("SELECT 1")
    except (subprocess.CalledProcessError, OSError):
        return False
    return True


def sqlite_path() -> Path:
    global SQLITE_DIR
    if SQLITE_DIR is None:
        SQLITE_DIR = Path(tempfile.mkdtemp(prefix="roster_api_"))
    return SQLITE_DIR / "roster_api.sqlite3"


def drop_database(kind: str) -> None:
    if kind == "postgresql":
        psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    elif SQLITE_DIR is not None:
        shutil.rmtree(SQLITE_DIR, ignore_errors=True)


def build_database(kind: str, today: date) -> tuple[str, dict]:
    """A fresh, migrated, filled database; its URL and what it holds."""
    from flask_migrate import upgrade
    from sqlalchemy import func, select, text
    from werkzeug.security import generate_password_hash

    from trainer import create_app
    from trainer.extensions import db
    from trainer.models import Client, Flag, Plan, PlanItem, PlanSession, SetLog, User, WeighIn, Workout
    from trainer.services import figures

    drop_database(kind)
    if kind == "postgresql":
        psql(f"CREATE DATABASE {PG_DB}")
        url = PG_URL
    else:
        url = f"sqlite:///{sqlite_path()}"
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "ERROR"})
    tables = {
        "users": User,
        "clients": Client,
        "weigh_ins": WeighIn,
        "plans": Plan,
        "plan_sessions": PlanSession,
        "plan_items": PlanItem,
        "workouts": Workout,
        "set_logs": SetLog,
        "flags": Flag,
    }
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        log(f"  migrated ({time.perf_counter() - started:.1f} s)")
        with db.engine.begin() as conn:
            exercise_ids = dict(conn.execute(text("SELECT slug, id FROM exercises")).all())
            conn.execute(
                User.__table__.insert(),
                [
                    {
                        "id": 1,
                        "email": TRAINER_EMAIL,
                        "password_hash": generate_password_hash(TRAINER_PASSWORD),
                        "role": "trainer",
                        "name": "Casey Coach",
                        "timezone": "Europe/London",
                        "unit": "kg",
                        "active": True,
                        "created_at": stamp(today - timedelta(days=500)),
                        "last_login_at": None,
                    }
                ],
            )
            ids: dict[str, int] = defaultdict(int)
            names = client_names()
            for first in range(0, CLIENTS, BATCH_CLIENTS):
                out: dict[str, list[dict]] = defaultdict(list)
                for number in range(first, min(CLIENTS, first + BATCH_CLIENTS)):
                    generate_client(number + 1, names[number], today, ids, exercise_ids, out)
                for table, model in tables.items():  # parents before children
                    if out.get(table):
                        conn.execute(model.__table__.insert(), out[table])
                log(f"  clients {min(CLIENTS, first + BATCH_CLIENTS)}/{CLIENTS} written")
            if kind == "postgresql":
                for table in tables:
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT coalesce(max(id), 1) FROM {table}))"
                        )
                    )
        # The stored figures (each weigh-in's trend, each planned session's done flag), as the app's
        # own writes would have left them.
        client_ids = list(db.session.scalars(select(Client.id)))
        weeks = set(db.session.execute(select(Plan.client_id, Plan.week_start)).tuples())
        figures.refresh_trends(db.session, client_ids)
        figures.refresh_attendance_weeks(db.session, weeks)
        db.session.commit()
        log(f"  stored figures computed ({time.perf_counter() - started:.1f} s)")
        if kind == "postgresql":
            # The bulk load updated every client row once per weigh-in (the weigh-ins version trigger)
            # and every weigh-in once more (its trend): vacuum those dead rows away, as autovacuum
            # would soon after such a load on a live server, so the runs measure the steady state.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        with db.engine.begin() as conn:
            if kind == "sqlite":
                conn.execute(text("ANALYZE"))
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            counts = {
                table: conn.execute(select(func.count()).select_from(model)).scalar() for table, model in tables.items()
            }
        db.engine.dispose()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return url, counts


# --------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn (2 sync workers) in its own process group, stopped with the whole group."""

    def __init__(self, name: str, app: str, env: dict[str, str], extra: tuple[str, ...] = ()) -> None:
        self.name, self.port = name, free_port()
        self.log_path = RESULTS / f"roster_api_{name}.log"
        self.log_file = open(self.log_path, "w")  # noqa: SIM115  (closed in stop())
        command = [
            sys.executable, "-m", "gunicorn", app, *extra,
            "--workers", "2", "--bind", f"{HOST}:{self.port}", "--graceful-timeout", "5", "--timeout", "60",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, path: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} server exited; see {self.log_path}")
            try:
                if request("GET", self.port, path)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} server not ready after {timeout} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        self.log_file.close()


def server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_") and k != "DATABASE_URL"}
    env.update(extra)
    return env


# --------------------------------------------------------------------------------------------
# HTTP: signing in, checking the pages, measuring sizes
# --------------------------------------------------------------------------------------------

PROXY = {"X-Forwarded-Proto": "https"}  # what the PaaS router adds; the app trusts it (ProxyFix)


def request(method: str, port: int, path: str, headers: dict | None = None, body: bytes | None = None):
    """(status, headers, body) of one request on a new connection to 127.0.0.1."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def cookies_from(headers) -> dict[str, str]:
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key.strip()] = rest.split(";", 1)[0]
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def sign_in(port: int) -> str:
    """The trainer's session cookie header, by the login form (CSRF token included)."""
    status, headers, body = request("GET", port, "/login", PROXY)
    if status != 200:
        raise RuntimeError(f"GET /login answered {status}")
    jar = cookies_from(headers)
    match = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body) or re.search(
        rb'value="([^"]+)"[^>]*name="csrf_token"', body
    )
    if not match:
        raise RuntimeError("no csrf_token on the login page")
    form = urlencode({"csrf_token": match.group(1).decode(), "email": TRAINER_EMAIL, "password": TRAINER_PASSWORD})
    status, headers, body = request(
        "POST",
        port,
        "/login",
        {
            **PROXY,
            "Cookie": cookie_header(jar),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{HOST}:{port}/login",  # CSRF over HTTPS checks the referrer
        },
        form.encode(),
    )
    if status != 302:
        raise RuntimeError(f"POST /login answered {status}, not a redirect: {body[:300]!r}")
    jar.update(cookies_from(headers))
    return cookie_header(jar)


def api_token(port: int) -> str:
    status, _, body = request(
        "POST",
        port,
        "/api/v1/tokens",
        {**PROXY, "Content-Type": "application/json"},
        json.dumps({"email": TRAINER_EMAIL, "password": TRAINER_PASSWORD, "name": "bench"}).encode(),
    )
    if status != 201:
        raise RuntimeError(f"POST /api/v1/tokens answered {status}: {body[:300]!r}")
    return json.loads(body)["token"]


def check_roster(body: bytes) -> dict:
    html = body.decode()
    tbody = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = tbody.count("<tr>")
    cells = re.findall(r'<td class="num">(?:(\d+)%|<span class="muted">—</span>)</td>', tbody)
    with_adherence = sum(1 for c in cells if c)
    published = tbody.count("badge-success")
    if rows != CLIENTS:
        raise RuntimeError(f"the roster shows {rows} rows, not {CLIENTS}")
    return {"rows": rows, "rows_with_adherence": with_adherence, "rows_with_published_plan": published}


# --------------------------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------------------------

WRK_SCRIPT = r"""
-- Each thread says so on stderr once it has BENCH_PER_THREAD responses, and goes on; when every
-- thread has, the runner ends wrk with SIGINT (which still prints the summary), so a run overshoots
-- its request budget by the few requests of those last milliseconds. (Stopping a thread with
-- wrk.thread:stop() leaves its connections open and idle, and each one holds a sync gunicorn worker
-- until wrk exits: that stalled the other thread by a second or two.) wrk's own duration is always
-- the full -d, so the elapsed time is measured here: first thread start to last response.
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end
local limit = tonumber(os.getenv("BENCH_PER_THREAD") or "0")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) started = now(); last = started; count = 0 end
function response(status, headers, body)
  count = count + 1
  last = now()
  if limit > 0 and count == limit then
    io.stderr:write("BENCH-THREAD-DONE\n")
    io.stderr:flush()
  end
end
function done(summary, latency, requests)
  local first, final = math.huge, 0
  for _, t in ipairs(threads) do
    first = math.min(first, t:get("started"))
    final = math.max(final, t:get("last"))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"elapsed_s":%.6f,"errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, final - first, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def run_wrk(port: int, path: str, headers: dict, concurrency: int, duration: float, max_requests: int, script: str):
    """One wrk run: ``concurrency`` connections, until ``duration`` seconds pass or ``max_requests`` are answered."""
    threads = min(concurrency, 2)
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{max(1, math.ceil(duration))}s", "--timeout", "10s"]
    command += ["-s", script]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    env = {**os.environ, "BENCH_PER_THREAD": str(math.ceil(max_requests / threads))}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    stderr: list[str] = []

    def watch() -> None:  # every thread reached its share of the requests: end the run now
        finished = 0
        for line in process.stderr:
            stderr.append(line)
            if line.startswith("BENCH-THREAD-DONE"):
                finished += 1
                if finished == threads and process.poll() is None:
                    process.send_signal(signal.SIGINT)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        stdout = process.stdout.read()
        process.wait(timeout=duration + 60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    watcher.join(timeout=5)
    line = next((ln for ln in stdout.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no summary: {stdout}\n{''.join(stderr)}")
    raw = json.loads(line[6:])
    seconds = raw["elapsed_s"]
    return {
        "requests": raw["requests"],
        "errors": raw["errors"],
        "seconds": round(seconds, 2),
        "rps": raw["requests"] / seconds,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
    }


def run_python(port: int, path: str, headers: dict, concurrency: int, duration: float, max_requests: int):
    """The fallback load: ``concurrency`` threads, one request per connection (as gunicorn's sync workers do)."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker() -> None:
        nonlocal errors, issued
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    return
                issued += 1
            started = time.perf_counter()
            try:
                status, _, _ = request("GET", port, path, headers)
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += status != 200

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(seconds, 2),
        "rps": len(latencies) / seconds,
        "p50_ms": pct(50),
        "p90_ms": pct(90),
        "p99_ms": pct(99),
    }


# --------------------------------------------------------------------------------------------
# In-process timing and profiles (--profile)
# --------------------------------------------------------------------------------------------


def profile_in_process(kind: str, url: str, api_path: str, iterations: int) -> dict:
    """Time both requests in-process (Flask test client, no network) and write pyinstrument profiles."""
    from trainer import create_app
    from trainer.extensions import db

    app = create_app({"SECRET_KEY": secrets.token_hex(16), "SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING"})
    http = app.test_client()
    base = {"base_url": "https://localhost", "headers": PROXY}
    body = http.get("/login", **base).data
    token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body).group(1).decode()
    login = http.post(
        "/login",
        data={"csrf_token": token, "email": TRAINER_EMAIL, "password": TRAINER_PASSWORD},
        headers={**PROXY, "Referer": "https://localhost/login"},
        base_url="https://localhost",
    )
    assert login.status_code == 302, login.status_code
    bearer = http.post("/api/v1/tokens", json={"email": TRAINER_EMAIL, "password": TRAINER_PASSWORD}, **base)
    auth = {**PROXY, "Authorization": f"Bearer {bearer.json['token']}"}
    calls = {
        "roster": lambda: http.get("/clients", **base),
        "api": lambda: http.get(api_path, base_url="https://localhost", headers=auth),
    }
    timings = {}
    for name, call in calls.items():
        for _ in range(3):
            assert call().status_code == 200
        samples = []
        for _ in range(iterations):
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = {"median_ms": statistics.median(samples), "min_ms": min(samples)}
        log(f"  in-process {name}: median {timings[name]['median_ms']:.1f} ms, min {timings[name]['min_ms']:.1f} ms")
        try:
            from pyinstrument import Profiler
        except ImportError:
            log("  pyinstrument is not installed (pip install pyinstrument): no profile")
            continue
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(iterations):
            call()
        profiler.stop()
        out = RESULTS / f"roster_api_profile_{kind}_{name}.txt"
        out.write_text(profiler.output_text(unicode=False, color=False, show_all=False))
        log(f"  profile written: {out.relative_to(ROOT)}")
    with app.app_context():
        db.engine.dispose()
    return timings


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def median_of(runs: list[dict]) -> dict:
    keys = ("p50_ms", "p90_ms", "p99_ms", "rps")
    summary = {k: round(statistics.median(r[k] for r in runs), 2) for k in keys}
    summary["requests"] = sum(r["requests"] for r in runs)
    summary["errors"] = sum(r["errors"] for r in runs)
    return summary


def bench_database(kind: str, args, today: date) -> dict:
    log(f"== {kind}: building the database")
    result: dict = {"database": kind}
    app_server = floor_server = None
    script = url = None
    try:
        url, counts = build_database(kind, today)
        log(f"  built in {counts['seconds']} s: " + ", ".join(f"{k} {v}" for k, v in counts.items() if k != "seconds"))
        result["rows"] = counts
        app_server = Server(
            "app",
            "trainer:create_app()",
            server_env(SECRET_KEY=secrets.token_hex(32), DATABASE_URL=url, LOG_LEVEL="WARNING"),
        )
        floor_server = Server("floor", "floor_app:app", server_env(), ("--pythonpath", str(ROOT / "bench")))
        app_server.wait_ready("/healthz")
        floor_server.wait_ready("/html/10")
        log(f"  servers up: app on {HOST}:{app_server.port}, floor on {HOST}:{floor_server.port} (gunicorn, 2 workers)")

        cookie = sign_in(app_server.port)
        token = api_token(app_server.port)
        api_path = "/api/v1/clients/1/weigh-ins?limit=1000"
        roster_headers = {**PROXY, "Cookie": cookie}
        api_headers = {**PROXY, "Authorization": f"Bearer {token}"}

        status, _, roster_body = request("GET", app_server.port, "/clients", roster_headers)
        if status != 200:
            raise RuntimeError(f"GET /clients answered {status}")
        result["roster_check"] = check_roster(roster_body)
        status, _, api_body = request("GET", app_server.port, api_path, api_headers)
        page = json.loads(api_body)
        if status != 200 or len(page["items"]) != HISTORY_DAYS or page["next_cursor"] is not None:
            raise RuntimeError(f"the weigh-ins list is not {HISTORY_DAYS} items on one page (status {status})")
        sizes = {"roster": len(roster_body), "api": len(api_body)}
        log(
            f"  signed in; roster {sizes['roster']} bytes ({result['roster_check']}); "
            f"weigh-ins {sizes['api']} bytes, {len(page['items'])} items"
        )
        targets = {
            "roster": (app_server.port, "/clients", roster_headers),
            "floor_html": (floor_server.port, f"/html/{sizes['roster']}", PROXY),
            "api": (app_server.port, api_path, api_headers),
            "floor_json": (floor_server.port, f"/json/{sizes['api']}", PROXY),
        }
        for name, (port, path, headers) in targets.items():
            status, _, body = request("GET", port, path, headers)
            if status != 200:
                raise RuntimeError(f"{name}: {path} answered {status}")
            if name.startswith("floor") and len(body) != sizes["roster" if name == "floor_html" else "api"]:
                raise RuntimeError(f"{name}: the floor body is {len(body)} bytes")
            for _ in range(args.warmup):  # warm both workers (imports, templates, caches)
                request("GET", port, path, headers)
        result["sizes"] = sizes

        if args.profile:
            result["in_process"] = profile_in_process(kind, url, api_path, args.profile_iterations)

        if args.load == "wrk":
            handle, script = tempfile.mkstemp(suffix=".lua", prefix="roster_api_")
            with os.fdopen(handle, "w") as fh:
                fh.write(WRK_SCRIPT)
        modes = {
            "c1": (1, args.seq_duration, args.seq_requests),
            f"c{args.concurrency}": (args.concurrency, args.duration, args.requests),
        }
        runs: dict[str, dict[str, list]] = {t: {m: [] for m in modes} for t in TARGETS}
        for rep in range(1, args.repeat + 1):
            for name in TARGETS:
                port, path, headers = targets[name]
                for mode, (concurrency, duration, max_requests) in modes.items():
                    if args.load == "wrk":
                        run = run_wrk(port, path, headers, concurrency, duration, max_requests, script)
                    else:
                        run = run_python(port, path, headers, concurrency, duration, max_requests)
                    runs[name][mode].append(run)
                    log(
                        f"  [{kind} rep {rep}/{args.repeat}] {name:<10} {mode}: {run['requests']:>5} req in "
                        f"{run['seconds']:>5.1f} s, {run['rps']:7.1f} req/s, p50 {run['p50_ms']:7.2f} ms, "
                        f"p90 {run['p90_ms']:7.2f} ms, errors {run['errors']}"
                    )
                    if run["errors"]:
                        raise RuntimeError(f"{name} {mode}: {run['errors']} errors (see the server logs)")
        result["runs"] = runs
        result["summary"] = {t: {m: median_of(runs[t][m]) for m in modes} for t in TARGETS}
    finally:
        for server in (app_server, floor_server):
            if server is not None:
                server.stop()
        if script:
            os.unlink(script)
        if not args.keep_db:
            drop_database(kind)
        log(f"  servers stopped; database {'kept: ' + url if args.keep_db else 'removed'}")
    return result


def markdown(results: list[dict], args) -> str:
    hi = f"c{args.concurrency}"
    lines = [
        f"| Database | Target | Body (bytes) | c=1 median (ms) | c=1 p90 (ms) | c={args.concurrency} median (ms) "
        f"| c={args.concurrency} p90 (ms) | c={args.concurrency} req/s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        sizes = result["sizes"]
        for target in TARGETS:
            s1, s4 = result["summary"][target]["c1"], result["summary"][target][hi]
            size = sizes["roster" if target in ("roster", "floor_html") else "api"]
            lines.append(
                f"| {result['database']} | {LABELS[target]} | {size:,} | {s1['p50_ms']:.1f} | {s1['p90_ms']:.1f} "
                f"| {s4['p50_ms']:.1f} | {s4['p90_ms']:.1f} | {s4['rps']:.1f} |"
            )
    lines += ["", "| Database | Roster c=1 median vs 50 ms aim | API / floor, c=1 median | floor / API, req/s |"]
    lines.append("| --- | ---: | ---: | ---: |")
    for result in results:
        s = result["summary"]
        lines.append(
            f"| {result['database']} | {s['roster']['c1']['p50_ms']:.1f} ms "
            f"({'met' if s['roster']['c1']['p50_ms'] < 50 else 'missed'}) "
            f"| {s['api']['c1']['p50_ms'] / s['floor_json']['c1']['p50_ms']:.2f}x "
            f"| {s['floor_json'][hi]['rps'] / s['api'][hi]['rps']:.2f}x |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--repeat", type=int, default=3, help="rounds over every target (median reported)")
    parser.add_argument("--concurrency", type=int, default=4, help="connections of the throughput runs")
    parser.add_argument("--duration", type=float, default=20, help="seconds per throughput run, at most")
    parser.add_argument("--requests", type=int, default=2000, help="requests per throughput run, at most")
    parser.add_argument("--seq-duration", type=float, default=15, help="seconds per sequential (c=1) run, at most")
    parser.add_argument("--seq-requests", type=int, default=500, help="requests per sequential (c=1) run, at most")
    parser.add_argument("--warmup", type=int, default=10, help="requests per target before timing")
    parser.add_argument("--load", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--profile", action="store_true", help="also time in-process and write pyinstrument profiles")
    parser.add_argument("--profile-iterations", type=int, default=20)
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument("--tag", default="", help="a label for the results file (roster_api_TAG.json)")
    args = parser.parse_args()
    if args.load == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install -y wrk), use --load python")
    RESULTS.mkdir(parents=True, exist_ok=True)

    kinds = [k.strip() for k in args.db.split(",") if k.strip()]
    if "postgresql" in kinds and not postgres_reachable():
        log(f"PostgreSQL is not reachable with psql -h {PG_HOST} -U {PG_USER}: skipped")
        kinds.remove("postgresql")
    today = datetime.now(UTC).date()
    log(
        f"roster/API benchmark: {CLIENTS} clients x {HISTORY_DAYS} days to {today}; databases {kinds}; "
        f"load {args.load}; "
        f"c=1 runs {args.seq_duration:g} s / {args.seq_requests} req, c={args.concurrency} runs "
        f"{args.duration:g} s / {args.requests} req; {args.repeat} rounds; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    results = [bench_database(kind, args, today) for kind in kinds]
    report = {
        "date": today.isoformat(),
        "cpus": os.cpu_count(),
        "load_average_end": os.getloadavg(),
        "load_generator": args.load,
        "settings": vars(args),
        "results": results,
    }
    out = RESULTS / f"roster_api{'_' + args.tag if args.tag else ''}.json"
    out.write_text(json.dumps(report, indent=1, default=str))
    log(f"results written to {out.relative_to(ROOT)}")
    print()
    print(markdown(results, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
