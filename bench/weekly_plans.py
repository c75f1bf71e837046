"""Benchmark of the weekly-plans job (issue 4, "Performance"); see docs/benchmarks.md.

    python bench/weekly_plans.py --db sqlite --clients 1000,5000,10000
    python bench/weekly_plans.py --db postgresql --clients 1000,5000,10000

For each size it builds a fresh database (a SQLite file under bench/results/, or the PostgreSQL
database ``trainer_bench``, dropped and created with psql), runs the Alembic migrations, and fills it
with N active clients under 50 trainers, each with a year of history, written with plain executemany
(SQLite) or COPY (PostgreSQL), deterministically (every client from its own seed). On SQLite the
largest data set is generated once and each smaller one is a fresh database holding its first N
clients (the same rows a generation of size N would give).

Then, in a fresh child process, it times ``create_weekly_plans(session, now=Fri 27 Nov 2026 23:00
UTC)`` end to end, a run that creates every client's plan for the week of 30 Nov, against a *floor*
timed in the same process: the SELECT statements the service ran (recorded with a
``before_cursor_execute`` listener, replayed on the raw DB-API cursor and fetched to tuples) and an
insert of the very rows the service produced (plans, sessions, items) with plain ``executemany``,
one transaction per batch like the service, without the planning engine. Next week's plans are
deleted before every timed run, so service and floor do equal work; each is timed ``--repeat``
times, alternately, and the medians are reported.

SQL statements are counted with the same listener. Peak memory is the growth of the process's
peak resident set (VmHWM, reset through /proc/self/clear_refs) over the first service run of the
fresh child process; ``--tracemalloc`` adds a (slow) run under tracemalloc for the Python-only peak.

Why 23:00 UTC and not 19:00: at 19:00 UTC on a Friday it is 14:00 in New York, so New York's
clients would not be due yet and the run would skip them; at 23:00 UTC every zone used here
(London, New York, Tokyo, Auckland) is past Friday 18:00 local.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
PG_HOST, PG_USER, PG_DB = "127.0.0.1", "postgres", "trainer_bench"
PG_URL = f"postgresql+psycopg://{PG_USER}@{PG_HOST}:5432/{PG_DB}"

NOW = datetime(2026, 11, 27, 23, 0, tzinfo=UTC)  # a Friday, past 18:00 local in every zone used
THIS_WEEK = date(2026, 11, 23)
NEXT_WEEK = date(2026, 11, 30)
LAST_DAY = date(2026, 11, 27)  # the last day with logs
HISTORY_DAYS = 365
FIRST_DAY = LAST_DAY - timedelta(days=HISTORY_DAYS - 1)  # 28 Nov 2025
PLAN_WEEKS = 8  # published plans for the weeks of 5 Oct .. 23 Nov (the engine reads 8 weeks back)
FIRST_PLAN_WEEK = THIS_WEEK - timedelta(weeks=PLAN_WEEKS - 1)
#: Workouts in the last DETAIL_WEEKS weeks carry every set (one row per set); older workouts
#: carry one set row per exercise (their top set). See ``--full-sets`` and the docs.
DETAIL_WEEKS = 12
TRAINERS = 50
CHUNK = 500  # clients generated and written per transaction
SEED = 20261127

# --------------------------------------------------------------------------------------------
# Client profiles and their training
# --------------------------------------------------------------------------------------------

TRAINING_WEEKDAYS = {2: (0, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 4, 5)}  # as trainer.domain.weeks
SESSION_MOVES = {
    "A": ("squat", "chest press", "row", "shoulder press", "curl", "triceps extension"),
    "B": ("lunge", "chest press", "pull-down", "shoulder press", "curl", "triceps extension"),
}
BACK_MOVES = {"A": ("pull-down", "rear-deltoid flye"), "B": ("row", "back extension")}
FORMS = {  # movement -> exercise slug, by the stage a client is at
    "bodyweight": {
        "squat": "bodyweight-squat",
        "lunge": "reverse-lunge",
        "chest press": "push-up",
        "row": "inverted-row",
        "pull-down": "negative-chin-up",
        "shoulder press": "pike-push-up",
        "curl": "towel-curl",
        "triceps extension": "bench-dip",
        "rear-deltoid flye": "prone-y-t-raise",
        "back extension": "floor-superman",
    },
    "dumbbells": {
        "squat": "goblet-squat",
        "lunge": "weighted-lunge",
        "chest press": "chest-press",
        "row": "dumbbell-row",
        "pull-down": "negative-chin-up",  # a lat pull-down needs a gym
        "shoulder press": "shoulder-press",
        "curl": "biceps-curl",
        "triceps extension": "triceps-extension",
        "rear-deltoid flye": "rear-delt-flye",
        "back extension": "floor-superman",  # a back-extension bench needs a gym
    },
    "gym": {
        "squat": "back-squat",
        "lunge": "weighted-lunge",
        "chest press": "bench-press",
        "row": "seated-cable-row",
        "pull-down": "lat-pull-down",
        "shoulder press": "overhead-press",
        "curl": "biceps-curl",
        "triceps extension": "triceps-extension",
        "rear-deltoid flye": "rear-delt-flye",
        "back extension": "back-extension",
    },
}
BASE_LOAD_KG = {  # a typical intermediate man's working load
    "goblet-squat": 24,
    "weighted-lunge": 14,
    "chest-press": 22,
    "dumbbell-row": 24,
    "shoulder-press": 16,
    "biceps-curl": 12,
    "triceps-extension": 12,
    "rear-delt-flye": 7,
    "back-squat": 80,
    "bench-press": 62,
    "seated-cable-row": 55,
    "lat-pull-down": 50,
    "overhead-press": 38,
    "back-extension": 15,
}
ZONES = (
    ("Europe/London", 0.35),
    ("America/New_York", 0.30),
    ("Asia/Tokyo", 0.20),
    ("Pacific/Auckland", 0.15),
)
KG_PER_LB = 0.45359237
DAY_ISO = {}  # date -> "YYYY-MM-DD", filled lazily


def iso(d: date) -> str:
    s = DAY_ISO.get(d)
    if s is None:
        s = DAY_ISO[d] = d.isoformat()
    return s


def _pick(rng: random.Random, weighted):
    x, acc = rng.random(), 0.0
    for value, weight in weighted:
        acc += weight
        if x < acc:
            return value
    return weighted[-1][0]


class Ids:
    """The next id of every generated table (a fresh database: ids are ours to give)."""

    def __init__(self, start: dict[str, int] | None = None) -> None:
        self.next = defaultdict(lambda: 1, start or {})

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


COLUMNS = {
    "users": (
        "id", "email", "password_hash", "role", "name", "timezone", "unit", "active", "created_at", "last_login_at",
    ),
    "clients": (
        "id", "trainer_id", "user_id", "name", "email", "sex", "birth_date", "height_cm", "activity_level",
        "weekly_goal_lb", "experience", "days_per_week", "equipment", "focus", "injuries", "notes", "timezone",
        "unit", "started_on", "archived", "created_at", "updated_at",
    ),
    "movement_overrides": (
        "id", "client_id", "movement", "action", "to_exercise_id", "created_by_id", "created_at",
    ),
    "weigh_ins": ("id", "client_id", "date", "weight_kg", "logged_by_id", "created_at", "updated_at"),
    "plans": (
        "id", "client_id", "week_start", "status", "notes", "generated_at", "edited_at", "edited_by_id",
        "published_at",
    ),
    "plan_sessions": ("id", "plan_id", "day", "title"),
    "plan_items": (
        "id", "session_id", "position", "exercise_id", "sets", "rep_min", "rep_max", "load_kg", "reason", "note",
        "deload_from_kg",
    ),
    "workouts": (
        "id", "client_id", "date", "plan_session_id", "notes", "logged_by_id", "import_key", "created_at",
        "updated_at",
    ),
    "set_logs": ("id", "workout_id", "exercise_id", "position", "reps", "load_kg", "rpe"),
}  # fmt: skip
#: Parents before children (foreign keys).
TABLE_ORDER = tuple(COLUMNS)


def trainer_rows() -> list[tuple]:
    stamp = "2025-01-06 09:00:00.000000"
    return [
        (i, f"coach{i}@bench.test", None, "trainer", f"Coach {i}", "Europe/London", "kg", 1, stamp, None)
        for i in range(1, TRAINERS + 1)
    ]


YEAR_ISO = [(FIRST_DAY + timedelta(days=i)).isoformat() for i in range(HISTORY_DAYS)]
FIRST_MONDAY = FIRST_DAY - timedelta(days=FIRST_DAY.weekday())
#: (monday, its ISO date, the ISO date of the Friday before) for every week of the year of history.
WEEKS = []
_monday = FIRST_MONDAY
while _monday <= THIS_WEEK:
    WEEKS.append((_monday, _monday.isoformat(), (_monday - timedelta(days=3)).isoformat()))
    _monday += timedelta(days=7)


def generate_client(number: int, ids: Ids, exercise_ids: dict[str, int], out: dict[str, list], full_sets: bool):
    """Append one client's profile and year of history to ``out`` (table -> rows); deterministic in ``number``."""
    rng = random.Random(SEED * 1_000_003 + number)
    rand, randint = rng.random, rng.randint
    cid = ids.take("clients")
    trainer_id = 1 + number % TRAINERS
    experience = _pick(rng, (("beginner", 0.4), ("intermediate", 0.4), ("advanced", 0.2)))
    days = _pick(rng, ((2, 0.15), (3, 0.4), (4, 0.3), (5, 0.15)))
    equipment = _pick(rng, (("bodyweight", 0.3), ("dumbbells", 0.35), ("gym", 0.35)))
    zone = _pick(rng, ZONES)
    unit = "lb" if rand() < (0.8 if zone == "America/New_York" else 0.15) else "kg"
    focus = '["back"]' if rand() < 0.25 else "[]"
    sex = "female" if rand() < 0.5 else "male"
    started_on = FIRST_DAY - timedelta(days=randint(0, 400))
    out["clients"].append(
        (
            cid, trainer_id, None, f"Client {number}", f"client{number}@bench.test", sex,
            iso(date(1960 + randint(0, 45), randint(1, 12), randint(1, 28))), float(randint(150, 200)), "moderate",
            _pick(rng, ((-1.0, 0.5), (0.0, 0.3), (0.5, 0.2))), experience, days, equipment, focus, "", "", zone,
            unit, iso(started_on), 0, iso(started_on) + " 09:00:00.000000", iso(started_on) + " 09:00:00.000000",
        )
    )  # fmt: skip

    # Which form of each movement the client does now (beginners with kit: some already weighted).
    moves = {k: SESSION_MOVES[k] + (BACK_MOVES[k] if focus != "[]" else ()) for k in "AB"}
    form_of = {}
    for movement in dict.fromkeys(moves["A"] + moves["B"]):
        if equipment == "bodyweight" or (experience == "beginner" and rand() < 0.5):
            form_of[movement] = FORMS["bodyweight"][movement]
        else:
            form_of[movement] = FORMS[equipment][movement]
    session_ex = {k: tuple(dict.fromkeys(exercise_ids[form_of[m]] for m in moves[k])) for k in "AB"}
    # Load per weighted exercise, in steps of the client's unit (2.5 kg or 5 lb), a year ago.
    step = 5 * KG_PER_LB if unit == "lb" else 2.5
    scale = {"beginner": 0.55, "intermediate": 0.8, "advanced": 1.0}[experience] * (0.7 if sex == "female" else 1.0)
    steps = {}
    for slug in dict.fromkeys(form_of.values()):
        if slug in BASE_LOAD_KG:
            steps[exercise_ids[slug]] = max(1, round(BASE_LOAD_KG[slug] * scale * (0.5 + 0.3 * rand()) / step))
    sets_now = {"beginner": 2 if rand() < 0.5 else 3, "intermediate": 3, "advanced": 4}[experience]
    attend = 0.6 + 0.4 * rand()  # share of planned days trained
    top_chance = 0.1 + 0.3 * rand()  # chance a session reaches 12 reps on every set
    stall_weeks = 3 if rand() < 0.1 else 0  # a few stall on everything lately (a deload is due)

    if rand() < 0.05:  # a trainer's standing "hold" on one movement
        out["movement_overrides"].append(
            (ids.take("movement_overrides"), cid, rng.choice(moves["A"]), "hold", None, trainer_id,
             "2026-10-01 10:00:00.000000")
        )  # fmt: skip

    # Daily weigh-ins, a slow random walk.
    weight = (62.0 if sex == "female" else 80.0) + 20 * rand()
    weigh_in_id = ids.next["weigh_ins"]
    weigh_ins = out["weigh_ins"]
    for day in YEAR_ISO:
        weight = min(200.0, max(40.0, weight + (rand() - 0.52) * 0.6))
        stamp = day + " 07:00:00.000000"
        weigh_ins.append((weigh_in_id, cid, day, round(weight, 1), None, stamp, stamp))
        weigh_in_id += 1
    ids.next["weigh_ins"] = weigh_in_id

    # Training, week by week: published plans for the last PLAN_WEEKS weeks, logged freely before.
    plans, sessions, items = out["plans"], out["plan_sessions"], out["plan_items"]
    workouts, set_logs = out["workouts"], out["set_logs"]
    plan_id, session_id, item_id = ids.next["plans"], ids.next["plan_sessions"], ids.next["plan_items"]
    workout_id, set_id = ids.next["workouts"], ids.next["set_logs"]
    detail_from = THIS_WEEK - timedelta(weeks=DETAIL_WEEKS - 1)
    stall_from = THIS_WEEK - timedelta(weeks=stall_weeks - 1) if stall_weeks else NEXT_WEEK
    start_monday = started_on - timedelta(days=started_on.weekday())
    offsets = TRAINING_WEEKDAYS[days]
    last_offset = (LAST_DAY - FIRST_DAY).days
    reason_bw = "Body weight: 12, 12, 11 reps on Mon 2 Nov; aim for 12 on every set"
    for monday, monday_iso, friday_iso in WEEKS:
        week_no = (monday - start_monday).days // 7 + 1
        first = (week_no - 1) % 2 if days % 2 else 0
        planned = monday >= FIRST_PLAN_WEEK
        stalling = monday >= stall_from
        detailed = full_sets or monday >= detail_from
        loads = {ex: round(n * step, 2) for ex, n in steps.items()}
        topped = set()
        if planned:
            plans.append(
                (plan_id, cid, monday_iso, "published", "", friday_iso + " 18:05:00.000000", None, None,
                 monday_iso + " 00:10:00.000000")
            )  # fmt: skip
        base = (monday - FIRST_DAY).days
        for index, offset in enumerate(offsets):
            key = "AB"[(index + first) % 2]
            exercises = session_ex[key]
            day_offset = base + offset
            in_year = 0 <= day_offset <= last_offset
            day_iso = YEAR_ISO[day_offset] if in_year else (monday + timedelta(offset)).isoformat()
            linked_id = None
            if planned:
                linked_id = session_id
                sessions.append((session_id, plan_id, day_iso, f"Full body {key}"))
                for position, ex in enumerate(exercises):
                    load = loads.get(ex)
                    reason = (
                        f"Hold {load} kg: 12, 11, 10 reps on Mon 2 Nov; needs 12 on all {sets_now} sets"
                        if load is not None
                        else reason_bw
                    )
                    items.append((item_id, session_id, position, ex, sets_now, 8, 12, load, reason, "", None))
                    item_id += 1
                session_id += 1
            if not in_year or day_iso < started_on.isoformat() or rand() >= attend:
                continue
            stamp = day_iso + " 18:30:00.000000"
            workouts.append(
                (workout_id, cid, day_iso, linked_id if rand() < 0.85 else None, "", None, None, stamp, stamp)
            )
            position = 0
            for ex in exercises:
                load = loads.get(ex, 0.0)
                top = not stalling and rand() < top_chance
                if detailed:
                    for s in range(sets_now):
                        reps = 12 if top else (8 + int(rand() * 5) if s else 9 + int(rand() * 3))
                        set_logs.append((set_id, workout_id, ex, position, reps, load, None))
                        set_id += 1
                        position += 1
                else:  # older workouts: the top set of each exercise
                    set_logs.append((set_id, workout_id, ex, position, 12 if top else 10, load, None))
                    set_id += 1
                    position += 1
                if top:
                    topped.add(ex)
            workout_id += 1
        if planned:
            plan_id += 1
        for ex in topped:  # double progression: +5%, at least one step, after a top session
            if ex in steps:
                steps[ex] += max(1, round(steps[ex] * 0.05))
    ids.next.update(plans=plan_id, plan_sessions=session_id, plan_items=item_id, workouts=workout_id, set_logs=set_id)
    return cid


# --------------------------------------------------------------------------------------------
# Building a database
# --------------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def app_config(url: str) -> dict:
    return {"TESTING": True, "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "ERROR"}


def psql(sql: str, dbname: str = "postgres") -> None:
    subprocess.run(
        ["psql", "-h", PG_HOST, "-U", PG_USER, "-d", dbname, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def create_schema(url: str) -> dict[str, int]:
    """Run the migrations on the empty database; the exercise library's ids by slug."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from trainer import create_app
    from trainer.extensions import db

    app = create_app(app_config(url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            exercise_ids = dict(conn.execute(text("SELECT slug, id FROM exercises")).all())
        db.engine.dispose()
    return exercise_ids


#: Tables whose plain (non-unique) indexes are dropped while loading and rebuilt afterwards.
BULK_TABLES = ("weigh_ins", "workouts", "set_logs", "plans", "plan_sessions", "plan_items", "movement_overrides")


class SqliteWriter:
    def __init__(self, path: Path) -> None:
        import sqlite3

        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("PRAGMA cache_size=-400000")
        tables = ", ".join(f"'{t}'" for t in BULK_TABLES)
        self.indexes = self.conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables})"
        ).fetchall()
        for name, _ in self.indexes:
            self.conn.execute(f"DROP INDEX {name}")

    def write(self, table: str, rows: list[tuple]) -> None:
        if rows:
            cols = COLUMNS[table]
            sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            self.conn.executemany(sql, rows)

    def commit(self) -> None:
        self.conn.commit()

    def finish(self) -> None:
        for _, sql in self.indexes:  # exactly the migrations' indexes, rebuilt in one sort each
            self.conn.execute(sql)
        self.conn.commit()
        self.conn.execute("PRAGMA journal_mode=WAL")  # as the app runs it
        self.conn.close()


class PostgresWriter:
    def __init__(self) -> None:
        import psycopg

        self.conn = psycopg.connect(host=PG_HOST, user=PG_USER, dbname=PG_DB)
        with self.conn.cursor() as cur:
            cur.execute("SET session_replication_role = replica")  # no FK triggers while loading
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET maintenance_work_mem = '256MB'")
            cur.execute("SET TIME ZONE 'UTC'")
            cur.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = 'public' "
                "AND i.tablename = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                (list(BULK_TABLES),),
            )
            self.indexes = cur.fetchall()
            for name, _ in self.indexes:
                cur.execute(f'DROP INDEX "{name}"')
        self.conn.commit()

    def write(self, table: str, rows: list[tuple]) -> None:
        if rows:
            with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def commit(self) -> None:
        self.conn.commit()

    def finish(self) -> None:
        with self.conn.cursor() as cur:
            for _, sql in self.indexes:  # exactly the migrations' indexes
                cur.execute(sql)
            for table in TABLE_ORDER:
                last = f"(SELECT coalesce(max(id), 1) FROM {table})"
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {last})")
        self.conn.commit()
        self.conn.autocommit = True
        self.conn.execute("VACUUM ANALYZE")
        self.conn.close()


def build(db: str, clients: int, full_sets: bool) -> tuple[str, dict]:
    """A fresh database with ``clients`` clients and their history: its URL and row counts."""
    started = time.perf_counter()
    if db == "sqlite":
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = sqlite_path(clients)
        remove_sqlite(path)
        url = f"sqlite:///{path}"
    else:
        psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        psql(f"CREATE DATABASE {PG_DB}")
        url = PG_URL
    exercise_ids = create_schema(url)
    writer = SqliteWriter(path) if db == "sqlite" else PostgresWriter()
    writer.write("users", trainer_rows())
    ids = Ids()
    totals: dict[str, int] = defaultdict(int)
    totals["users"] = TRAINERS
    for start in range(0, clients, CHUNK):
        out: dict[str, list] = defaultdict(list)
        for number in range(start, min(clients, start + CHUNK)):
            generate_client(number, ids, exercise_ids, out, full_sets)
        for table in TABLE_ORDER:
            writer.write(table, out.get(table, []))
            totals[table] += len(out.get(table, []))
        writer.commit()
        done = min(clients, start + CHUNK)
        if done == clients or done % max(CHUNK, clients // 5 // CHUNK * CHUNK) == 0:
            log(
                f"  {db} {clients}: generated {done}/{clients} clients, {sum(totals.values()):,} rows "
                f"({time.perf_counter() - started:.0f}s)"
            )
    writer.finish()
    totals_dict = dict(totals)
    totals_dict["build_seconds"] = round(time.perf_counter() - started, 1)
    return url, totals_dict


def sqlite_path(clients: int) -> Path:
    return RESULTS / f"weekly_plans_{clients}.sqlite3"


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def derive_sqlite(source: Path, clients: int) -> tuple[str, dict]:
    """A fresh SQLite database (migrations) holding the first ``clients`` clients of ``source``.

    Clients are generated one after another from their own seed, so the first N clients of a bigger
    data set are exactly the data set of size N; copying them inside SQLite is much faster than
    generating them again.
    """
    started = time.perf_counter()
    path = sqlite_path(clients)
    remove_sqlite(path)
    url = f"sqlite:///{path}"
    create_schema(url)
    writer = SqliteWriter(path)
    conn = writer.conn
    conn.execute("ATTACH DATABASE ? AS source", (str(source),))

    def last_id(sql: str) -> int:
        return conn.execute(sql, (clients,)).fetchone()[0] or 0

    workouts = last_id("SELECT max(id) FROM source.workouts WHERE client_id <= ?")
    plans = last_id("SELECT max(id) FROM source.plans WHERE client_id <= ?")
    sessions = last_id("SELECT max(s.id) FROM source.plan_sessions s JOIN source.plans p ON p.id = s.plan_id "
                       "WHERE p.client_id <= ?")  # fmt: skip
    where = {
        "users": "1 = 1",
        "clients": f"id <= {clients}",
        "set_logs": f"workout_id <= {workouts}",
        "plan_sessions": f"plan_id <= {plans}",
        "plan_items": f"session_id <= {sessions}",
    }
    totals = {}
    for table in TABLE_ORDER:
        cols = ", ".join(COLUMNS[table])
        condition = where.get(table, f"client_id <= {clients}")
        cursor = conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM source.{table} WHERE {condition}")
        totals[table] = cursor.rowcount
    conn.commit()
    conn.execute("DETACH DATABASE source")
    writer.finish()
    totals["build_seconds"] = round(time.perf_counter() - started, 1)
    return url, totals


# --------------------------------------------------------------------------------------------
# Measuring (in a child process)
# --------------------------------------------------------------------------------------------


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


class PeakRss:
    """Growth of the process's peak resident set over a block (Linux: VmHWM, reset through clear_refs).

    ``ru_maxrss`` cannot be used here: a child process inherits its parent's high-water mark.
    """

    def __enter__(self):
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")  # reset VmHWM to the current RSS
        self.before = _status_mb("VmRSS")
        return self

    def __exit__(self, *exc):
        self.growth_mb = round(_status_mb("VmHWM") - self.before, 1)


class StatementLog:
    """Every statement the engine sends, split by transaction (commit) for the floor's replay."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.engine, self.event = engine, event
        self.count = 0
        self.selects = 0
        self.capture = False
        self.segments: list[list[tuple[str, object]]] = [[]]

    def _statement(self, conn, cursor, statement, parameters, context, executemany):
        self.count += 1
        if statement.lstrip()[:6].upper() == "SELECT":
            self.selects += 1
            if self.capture:
                self.segments[-1].append((statement, parameters))

    def _commit(self, conn):
        if self.capture:
            self.segments.append([])

    def __enter__(self):
        self.event.listen(self.engine, "before_cursor_execute", self._statement)
        self.event.listen(self.engine, "commit", self._commit)
        return self

    def __exit__(self, *exc):
        self.event.remove(self.engine, "before_cursor_execute", self._statement)
        self.event.remove(self.engine, "commit", self._commit)


OUTPUT_TABLES = {
    "plans": COLUMNS["plans"],
    "plan_sessions": COLUMNS["plan_sessions"],
    "plan_items": COLUMNS["plan_items"],
}


def reset(engine) -> None:
    """Delete next week's plans (and their sessions and items); tidy up so every run starts alike."""
    from sqlalchemy import delete, select, text

    from trainer.models import Plan, PlanItem, PlanSession

    plan_ids = select(Plan.id).where(Plan.week_start == NEXT_WEEK)
    session_ids = select(PlanSession.id).where(PlanSession.plan_id.in_(plan_ids))
    with engine.begin() as conn:
        conn.execute(delete(PlanItem).where(PlanItem.session_id.in_(session_ids)))
        conn.execute(delete(PlanSession).where(PlanSession.plan_id.in_(plan_ids)))
        conn.execute(delete(Plan).where(Plan.week_start == NEXT_WEEK))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE plans, plan_sessions, plan_items"))
    else:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def capture_output(engine) -> dict[str, list[tuple]]:
    """The rows the service produced for next week, as the DB-API returns them (for the floor to insert)."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        mark = "?" if engine.dialect.name == "sqlite" else "%s"
        week = NEXT_WEEK.isoformat() if engine.dialect.name == "sqlite" else NEXT_WEEK
        plans_where = f"SELECT id FROM plans WHERE week_start = {mark}"
        queries = {
            "plans": f"SELECT {', '.join(COLUMNS['plans'])} FROM plans WHERE week_start = {mark} ORDER BY id",
            "plan_sessions": f"SELECT {', '.join(COLUMNS['plan_sessions'])} FROM plan_sessions "
            f"WHERE plan_id IN ({plans_where}) ORDER BY id",
            "plan_items": f"SELECT {', '.join('i.' + c for c in COLUMNS['plan_items'])} FROM plan_items i "
            f"JOIN plan_sessions s ON s.id = i.session_id WHERE s.plan_id IN ({plans_where}) ORDER BY i.id",
        }
        found = {}
        for table, sql in queries.items():
            cur.execute(sql, (week,))
            found[table] = [tuple(row) for row in cur.fetchall()]
        raw.commit()
        return found
    finally:
        raw.close()


def split_output(output: dict[str, list[tuple]], batch_of_client: dict[int, int]) -> list[dict[str, list[tuple]]]:
    """The output rows grouped by the service batch that made them."""
    batch_of_plan = {row[0]: batch_of_client[row[1]] for row in output["plans"]}
    batch_of_session = {row[0]: batch_of_plan[row[1]] for row in output["plan_sessions"]}
    batches: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for row in output["plans"]:
        batches[batch_of_plan[row[0]]]["plans"].append(row)
    for row in output["plan_sessions"]:
        batches[batch_of_session[row[0]]]["plan_sessions"].append(row)
    for row in output["plan_items"]:
        batches[batch_of_session[row[1]]]["plan_items"].append(row)
    return [batches[i] for i in range(max(batches) + 1)] if batches else []


def run_floor(engine, segments: list[list[tuple[str, object]]], batches: list[dict[str, list[tuple]]]) -> dict:
    """Replay the service's SELECTs (fetched to tuples) and insert its output rows with plain executemany."""
    mark = "?" if engine.dialect.name == "sqlite" else "%s"
    inserts = {
        table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
        for table, cols in OUTPUT_TABLES.items()
    }
    raw = engine.raw_connection()
    statements = 0
    try:
        cur = raw.cursor()
        started = time.perf_counter()
        cpu = time.process_time()
        for index, segment in enumerate(segments):
            for statement, parameters in segment:
                cur.execute(statement, parameters)
                cur.fetchall()
                statements += 1
            if index < len(batches):
                for table in OUTPUT_TABLES:
                    rows = batches[index].get(table)
                    if rows:
                        cur.executemany(inserts[table], rows)
                        statements += 1
            raw.commit()
        return {
            "seconds": time.perf_counter() - started,
            "cpu_seconds": time.process_time() - cpu,
            "statements": statements,
        }
    finally:
        raw.close()


def measure(url: str, clients: int, repeat: int, trace: bool, profile: str | None) -> dict:
    from sqlalchemy import func, select

    from trainer import create_app
    from trainer.extensions import db
    from trainer.models import Client, Plan, PlanItem, PlanSession
    from trainer.services import plans as service

    app = create_app(app_config(url))
    result: dict = {"clients": clients, "runs": [], "floor_runs": []}
    with app.app_context():
        engine = db.engine
        dialect = engine.dialect.name
        active = list(db.session.scalars(select(Client.id).where(Client.archived.is_(False)).order_by(Client.id)))
        batch_of_client = {cid: i // service.BATCH_SIZE for i, cid in enumerate(active)}
        db.session.remove()
        segments, batches = None, None

        every = max(service.BATCH_SIZE, clients // 4 // service.BATCH_SIZE * service.BATCH_SIZE)

        def progress(done: int, total: int) -> None:
            if done == total or done % every == 0:
                log(f"    service: {done}/{total} clients ({time.perf_counter() - t0:.1f}s)")

        for attempt in range(repeat):
            reset(engine)
            with StatementLog(engine) as statements, PeakRss() as rss:
                statements.capture = segments is None
                t0 = time.perf_counter()
                cpu = time.process_time()
                counts = service.create_weekly_plans(db.session, now=NOW, progress=progress)
                wall, cpu = time.perf_counter() - t0, time.process_time() - cpu
            db.session.remove()
            if counts["plans_created"] != clients or counts["errors"]:
                raise SystemExit(f"the run did not plan every client: {counts}")
            run = {
                "seconds": wall,
                "cpu_seconds": cpu,
                "statements": statements.count,
                "selects": statements.selects,
                "peak_rss_growth_mb": rss.growth_mb,
            }
            result["runs"].append(run)
            log(
                f"  service run {attempt + 1}/{repeat}: {wall:.2f}s ({clients / wall:,.0f} clients/s, cpu {cpu:.2f}s), "
                f"{statements.count} statements, peak RSS +{rss.growth_mb} MB"
            )
            if segments is None:
                result["counts"] = {k: v for k, v in counts.items() if k != "error_details"}
                with engine.connect() as conn:
                    result["output_rows"] = {
                        "plans": conn.scalar(select(func.count()).where(Plan.week_start == NEXT_WEEK)),
                        "plan_sessions": conn.scalar(
                            select(func.count()).select_from(PlanSession).join(Plan).where(Plan.week_start == NEXT_WEEK)
                        ),
                        "plan_items": conn.scalar(
                            select(func.count())
                            .select_from(PlanItem)
                            .join(PlanSession)
                            .join(Plan)
                            .where(Plan.week_start == NEXT_WEEK)
                        ),
                    }
                segments = statements.segments
                batches = split_output(capture_output(engine), batch_of_client)
                result["batches"] = len(batches)
            reset(engine)
            floor = run_floor(engine, segments, batches)
            result["floor_runs"].append(floor)
            log(
                f"  floor run {attempt + 1}/{repeat}: {floor['seconds']:.2f}s (cpu {floor['cpu_seconds']:.2f}s), "
                f"{floor['statements']} statements"
            )

        if trace:
            reset(engine)
            tracemalloc.start()
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            service.create_weekly_plans(db.session, now=NOW)
            result["tracemalloc_peak_mb"] = round((tracemalloc.get_traced_memory()[1] - base) / 2**20, 1)
            tracemalloc.stop()
            db.session.remove()
            log(f"  tracemalloc peak over a run: {result['tracemalloc_peak_mb']} MB")
        if profile:
            from pyinstrument import Profiler

            reset(engine)
            profiler = Profiler(interval=0.002)
            profiler.start()
            service.create_weekly_plans(db.session, now=NOW)
            profiler.stop()
            db.session.remove()
            Path(profile).write_text(profiler.output_text(unicode=False, color=False, show_all=False))
            log(f"  profile written to {profile}")
        engine.dispose()

    median = statistics.median(r["seconds"] for r in result["runs"])
    floor_median = statistics.median(r["seconds"] for r in result["floor_runs"])
    result.update(
        dialect=dialect,
        seconds=median,
        clients_per_s=clients / median,
        statements=result["runs"][0]["statements"],
        floor_seconds=floor_median,
        ratio=median / floor_median,
        cpu_seconds=statistics.median(r["cpu_seconds"] for r in result["runs"]),
        floor_cpu_seconds=statistics.median(r["cpu_seconds"] for r in result["floor_runs"]),
        peak_rss_growth_mb=result["runs"][0]["peak_rss_growth_mb"],  # the first run of a fresh process
    )
    return result


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------


def row_summary(totals: dict, clients: int) -> str:
    per = {t: totals.get(t, 0) / clients for t in ("weigh_ins", "workouts", "set_logs", "plans", "plan_items")}
    return (
        f"per client: {per['weigh_ins']:.0f} weigh-ins, {per['workouts']:.0f} workouts "
        f"({per['workouts'] / 52.1:.1f}/week), {per['set_logs']:.0f} set rows, {per['plans']:.0f} published plans "
        f"with {per['plan_items']:.0f} plan items"
    )


def table(results: list[dict]) -> str:
    lines = [
        "| clients | service, median | clients/s | SQL statements (batches) | peak RSS growth | floor, median "
        "| ratio to floor | service CPU / floor CPU |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['clients']:,} | {r['seconds']:.2f} s | {r['clients_per_s']:,.0f} "
            f"| {r['statements']} ({r['batches']}) "
            f"| {r['peak_rss_growth_mb']:.0f} MB | {r['floor_seconds']:.2f} s | {r['ratio']:.2f}x "
            f"| {r['cpu_seconds']:.2f} s / {r['floor_cpu_seconds']:.2f} s |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--clients", default="1000,5000,10000", help="comma-separated sizes")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of service and floor (median)")
    parser.add_argument("--tracemalloc", action="store_true", help="add a (slow) run under tracemalloc")
    parser.add_argument("--profile", action="store_true", help="also profile one run with pyinstrument")
    parser.add_argument("--full-sets", action="store_true", help="every set of every workout for the whole year")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--json-out", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.clients.split(",") if s]

    if args.measure:
        result = measure(args.measure, sizes[0], args.repeat, args.tracemalloc, args.profile_out)
        Path(args.json_out).write_text(json.dumps(result))
        return

    RESULTS.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.perf_counter()
    log(f"weekly-plans benchmark on {args.db}, sizes {sizes}, {args.repeat} timed runs each, now={NOW.isoformat()}")
    largest = max(sizes)
    master = None
    if args.db == "sqlite":  # generate the largest data set once; smaller ones are its first N clients
        log(f"building a fresh sqlite database with {largest:,} clients")
        master = build("sqlite", largest, args.full_sets)
        log(f"  built in {master[1]['build_seconds']}s: {row_summary(master[1], largest)}")
    for clients in sorted(sizes):
        if args.db == "sqlite":
            if clients == largest:
                url, totals = master
            else:
                log(f"building a fresh sqlite database with the first {clients:,} of those clients")
                url, totals = derive_sqlite(sqlite_path(largest), clients)
                log(f"  built in {totals['build_seconds']}s: {row_summary(totals, clients)}")
        else:
            log(f"building a fresh postgresql database with {clients:,} clients")
            url, totals = build(args.db, clients, args.full_sets)
            log(f"  built in {totals['build_seconds']}s: {row_summary(totals, clients)}")
        json_out = RESULTS / f"weekly_plans_{args.db}_{clients}.json"
        command = [sys.executable, __file__, "--measure", url, "--clients", str(clients), "--repeat", str(args.repeat)]
        command += ["--json-out", str(json_out)]
        if args.tracemalloc:
            command.append("--tracemalloc")
        if args.profile:
            command += ["--profile-out", str(RESULTS / f"weekly_plans_{args.db}_{clients}_profile.txt")]
        log(f"measuring {clients:,} clients in a fresh process")
        subprocess.run(command, check=True)
        result = json.loads(json_out.read_text())
        result["rows"] = totals
        json_out.write_text(json.dumps(result, indent=1))
        results.append(result)
        log(
            f"  {clients:,} clients: {result['clients_per_s']:,.0f} clients/s, {result['statements']} statements, "
            f"floor {result['floor_seconds']:.2f}s, ratio {result['ratio']:.2f}x"
        )
        if args.db == "sqlite" and not args.keep and clients != largest:
            remove_sqlite(sqlite_path(clients))
    if args.db == "sqlite" and not args.keep:
        remove_sqlite(sqlite_path(largest))
    if args.db == "postgresql" and not args.keep:
        psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    print()
    print(f"weekly-plans on {args.db}, now={NOW.isoformat()}, medians of {args.repeat} runs")
    print(table(results))
    log(f"total {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
