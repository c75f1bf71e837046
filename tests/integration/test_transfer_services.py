"""Import and export services on a real database: preview, all-or-nothing apply, re-imports, exports."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer.models import Exercise, Flag, Plan, PlanItem, PlanSession, SetLog, WeighIn, Workout
from trainer.services import exports, imports
from trainer.services.staged_imports import MAX_AGE, StagedImport, StagedImports

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

STRONG = """Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE
2026-11-21 07:30:00,Push,45m,Bench Press (Barbell),W,45,10,0,0,,Felt strong,
2026-11-21 07:30:00,Push,45m,Bench Press (Barbell),1,135,10,0,0,,Felt strong,8
2026-11-21 07:30:00,Push,45m,Bench Press (Barbell),2,135,8,0,0,,Felt strong,9
2026-11-21 07:30:00,Push,45m,Leg Press,1,300,12,0,0,,Felt strong,
2026-11-23 18:00:00,Legs,1h,Squat (Barbell),1,185,5,0,0,,,
2026-11-23 18:00:00,Legs,1h,Deadlift (Barbell),1,225,5,0,0,,,
"""
HEVY_HEADER = (
    "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
    "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n"
)


@pytest.fixture
def trainer(make_trainer):
    return make_trainer()


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, unit="lb")


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def weigh_ins_of(session, client) -> dict[date, float]:
    stmt = select(WeighIn.date, WeighIn.weight_kg).where(WeighIn.client_id == client.id)
    return dict(session.execute(stmt).all())


# Weigh-ins ----------------------------------------------------------------------------


def test_a_preview_counts_what_would_be_created_and_writes_nothing(session, client):
    text = "date,weight,unit\n2026-11-20,180,lb\n2026-11-21,81.2,kg\n"
    preview = imports.preview(session, client, "weigh-ins", text, today=TODAY)
    assert [(r.line, r.on) for r in preview.new_weigh_ins] == [(2, date(2026, 11, 20)), (3, date(2026, 11, 21))]
    assert preview.can_apply and preview.problems == ()
    assert count(session, WeighIn) == 0


def test_applying_creates_the_weigh_ins_in_kilograms_logged_by_the_trainer(session, client, trainer):
    text = "date,weight,unit\n2026-11-20,180,lb\n2026-11-21,81.2,kg\n"
    result = imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY)
    assert (result.weigh_ins, result.duplicates) == (2, 0)
    # 180 lb x 0.45359237 = 81.6466266 kg, stored to 0.01 kg like the logbook does
    assert weigh_ins_of(session, client) == {date(2026, 11, 20): 81.65, date(2026, 11, 21): 81.2}
    assert {w.logged_by_id for w in session.scalars(select(WeighIn))} == {trainer.id}


def test_reimporting_the_same_weigh_ins_creates_nothing(session, client, trainer):
    text = "date,weight,unit\n2026-11-20,180,lb\n2026-11-21,81.2,kg\n"
    imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY)
    preview = imports.preview(session, client, "weigh-ins", text, today=TODAY)
    assert (len(preview.new_weigh_ins), len(preview.duplicate_weigh_ins), preview.can_apply) == (0, 2, False)
    result = imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY)
    assert (result.weigh_ins, result.duplicates) == (0, 2)
    assert count(session, WeighIn) == 2


def test_a_date_with_another_weight_logged_is_a_conflict_and_keeps_the_logged_weight(session, client, trainer):
    session.add(WeighIn(client_id=client.id, date=date(2026, 11, 20), weight_kg=80.0))
    session.commit()
    text = "date,weight,unit\n2026-11-20,82,kg\n2026-11-21,81.5,kg\n"
    preview = imports.preview(session, client, "weigh-ins", text, today=TODAY)
    assert preview.conflicts == (imports.WeighInConflict(2, date(2026, 11, 20), 80.0, 82.0),)
    assert preview.can_apply
    result = imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY)
    assert (result.weigh_ins, result.conflicts) == (1, 1)
    assert weigh_ins_of(session, client) == {date(2026, 11, 20): 80.0, date(2026, 11, 21): 81.5}


def test_one_bad_row_means_nothing_is_imported_and_every_bad_row_is_reported(session, client, trainer):
    text = (
        "date,weight,unit\n"
        "2026-11-20,80,kg\n"  # fine
        "2026-11-21,500,kg\n"  # above 400 kg
        "2026-11-26,80,kg\n"  # tomorrow
        "1899-12-31,80,kg\n"  # before 1900
        "2026-11-22,900,lb\n"  # 408.2 kg
    )
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY)
    assert [str(p) for p in rejected.value.preview.problems] == [
        "line 3: weight: must be between 20 and 400 kg.",
        "line 4: date: must not be after today (2026-11-25 in the client's time zone).",
        "line 5: date: must not be before 1900-01-01.",
        "line 6: weight: must be between 20 and 400 kg; 900 lb is 408.2 kg.",
    ]
    assert count(session, WeighIn) == 0


# Workouts -----------------------------------------------------------------------------


def test_a_strong_import_creates_workouts_with_their_sets_and_import_keys(session, client, trainer):
    result = imports.apply(session, client, "strong", STRONG, by=trainer, today=TODAY, unit="lb")
    assert (result.workouts, result.sets) == (2, 4)
    workouts = session.scalars(select(Workout).order_by(Workout.date)).all()
    assert [w.date for w in workouts] == [date(2026, 11, 21), date(2026, 11, 23)]
    assert workouts[0].notes == "Imported from Strong: Push\n\nFelt strong"
    assert all(len(w.import_key) == 64 for w in workouts)
    slugs = dict(session.execute(select(Exercise.id, Exercise.slug)).all())
    push = [(slugs[s.exercise_id], s.position, s.reps, s.load_kg, s.rpe) for s in workouts[0].sets]
    # 135 lb = 61.23496995 kg, stored to 0.001 kg like the logbook does
    assert push == [("bench-press", 0, 10, 61.235, 8.0), ("bench-press", 1, 8, 61.235, 9.0)]
    assert {w.logged_by_id for w in workouts} == {trainer.id}


def test_reimporting_a_workout_file_creates_no_duplicates(session, client, trainer):
    imports.apply(session, client, "strong", STRONG, by=trainer, today=TODAY, unit="lb")
    preview = imports.preview(session, client, "strong", STRONG, today=TODAY, unit="lb")
    assert (len(preview.new_workouts), len(preview.duplicate_workouts)) == (0, 2)
    result = imports.apply(session, client, "strong", STRONG, by=trainer, today=TODAY, unit="lb")
    assert (result.workouts, result.duplicates) == (0, 2)
    assert (count(session, Workout), count(session, SetLog)) == (2, 4)


def test_the_same_file_imports_separately_for_another_client(session, client, trainer, make_client):
    imports.apply(session, client, "strong", STRONG, by=trainer, today=TODAY, unit="lb")
    other = make_client(trainer)
    assert imports.apply(session, other, "strong", STRONG, by=trainer, today=TODAY, unit="lb").workouts == 2


def test_unknown_exercises_are_listed_and_do_not_stop_the_rest(session, client, trainer):
    preview = imports.preview(session, client, "strong", STRONG, today=TODAY, unit="lb")
    assert [(u.name, u.lines) for u in preview.unknown_exercises] == [("Leg Press", (5,))]
    assert preview.can_apply and preview.new_sets == 4


def test_set_rules_are_the_logbooks_and_name_the_files_lines_and_columns(session, client, trainer):
    text = HEVY_HEADER + (
        "A,21 Nov 2026 07:30,,,Squat (Barbell),,,0,normal,100,101,,,\n"
        "A,21 Nov 2026 07:30,,,Squat (Barbell),,,1,normal,-5,5,,,\n"
        "A,21 Nov 2026 07:30,,,Squat (Barbell),,,2,normal,1200,5,,,11\n"
        "B,26 Nov 2026 07:30,,,Deadlift (Barbell),,,0,normal,100,5,,,\n"
    )
    with pytest.raises(imports.ImportRejected) as rejected:
        imports.apply(session, client, "hevy", text, by=trainer, today=TODAY)
    assert [str(p) for p in rejected.value.preview.problems] == [
        "line 2: reps: must be a whole number from 1 to 100.",
        "line 3: weight_kg: must be between 0 and 1000 kg; this set is -5.0 kg.",
        "line 4: rpe: must be between 1 and 10.",
        "line 4: weight_kg: must be between 0 and 1000 kg; this set is 1200.0 kg.",
        "line 5: start_time: must not be after today (2026-11-25 in the client's time zone); workout “B”.",
    ]
    assert count(session, Workout) == 0


def test_a_second_apply_of_a_previewed_file_creates_nothing_new(session, client, trainer):
    text = HEVY_HEADER + "A,21 Nov 2026 07:30,,,Squat (Barbell),,,0,normal,100,5,,,\n"
    first = imports.apply(session, client, "hevy", text, by=trainer, today=TODAY)
    second = imports.apply(session, client, "hevy", text, by=trainer, today=TODAY)
    assert (first.workouts, second.workouts, count(session, Workout)) == (1, 0, 1)


# Exports ------------------------------------------------------------------------------


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_weigh_in_csv_gives_kilograms_and_the_clients_unit(session, client, trainer):
    session.add_all(
        [
            WeighIn(client_id=client.id, date=date(2026, 11, 21), weight_kg=81.65, logged_by_id=trainer.id),
            WeighIn(client_id=client.id, date=date(2026, 11, 20), weight_kg=82.0),
        ]
    )
    session.commit()
    text = exports.weigh_ins_csv(session, client)
    assert text.splitlines()[0] == "date,weight_kg,weight,unit,logged_by"
    # 81.65 kg / 0.45359237 = 180.004 lb; 82 kg = 180.779 lb
    assert rows_of(text) == [
        {"date": "2026-11-20", "weight_kg": "82", "weight": "180.8", "unit": "lb", "logged_by": ""},
        {"date": "2026-11-21", "weight_kg": "81.65", "weight": "180.0", "unit": "lb", "logged_by": "trainer"},
    ]


def test_the_weigh_in_csv_imports_back_into_another_client_exactly(session, client, trainer, make_client):
    for i, kg in enumerate([80.0, 79.65, 79.33]):
        session.add(WeighIn(client_id=client.id, date=date(2026, 11, 20 + i), weight_kg=kg))
    session.commit()
    text = exports.weigh_ins_csv(session, client)
    other = make_client(trainer, unit="kg")
    assert imports.apply(session, other, "weigh-ins", text, by=trainer, today=TODAY).weigh_ins == 3
    assert weigh_ins_of(session, other) == weigh_ins_of(session, client)
    again = imports.apply(session, client, "weigh-ins", text, by=trainer, today=TODAY)
    assert (again.weigh_ins, again.duplicates) == (0, 3)


def test_the_sets_csv_numbers_sets_within_each_exercise(session, client, trainer):
    imports.apply(session, client, "strong", STRONG, by=trainer, today=TODAY, unit="lb")
    rows = rows_of(exports.sets_csv(session, client))
    assert list(rows[0]) == list(exports.SET_COLUMNS)
    assert [(r["date"], r["exercise"], r["set"], r["reps"], r["load_kg"], r["load"], r["rpe"]) for r in rows] == [
        ("2026-11-21", "Barbell bench press", "1", "10", "61.235", "135.0", "8"),
        ("2026-11-21", "Barbell bench press", "2", "8", "61.235", "135.0", "9"),
        ("2026-11-23", "Barbell back squat", "1", "5", "83.915", "185.0", ""),
        ("2026-11-23", "Barbell deadlift", "1", "5", "102.058", "225.0", ""),
    ]
    assert {r["plan_session_id"] for r in rows} == {""}


def add_history(session, client, weeks: int) -> None:
    """``weeks`` weeks of plans, workouts against them, weigh-ins and a flag."""
    exercise_id = session.scalar(select(Exercise.id).where(Exercise.slug == "goblet-squat"))
    for week in range(weeks):
        monday = date(2026, 9, 7) + timedelta(weeks=week)
        item = PlanItem(exercise_id=exercise_id, position=0, sets=3, rep_min=8, rep_max=12, load_kg=20.0)
        plan_session = PlanSession(day=monday, title="Full body", items=[item])
        session.add(Plan(client_id=client.id, week_start=monday, status="published", sessions=[plan_session]))
        session.flush()
        workout = Workout(client_id=client.id, date=monday, plan_session_id=plan_session.id)
        workout.sets = [SetLog(exercise_id=exercise_id, position=i, reps=10, load_kg=20.0) for i in range(3)]
        session.add_all([workout, WeighIn(client_id=client.id, date=monday, weight_kg=80.0 - week / 10)])
    session.add(Flag(client_id=client.id, kind="weight_plateau", evidence={"weeks": 3}, explanation="Flat."))
    session.commit()


def test_the_json_export_holds_everything_with_a_format_version(session, client):
    add_history(session, client, weeks=2)
    data = exports.client_json(session, client, now=NOW)
    assert (data["format"], data["version"], data["exported_at"]) == (exports.FORMAT, 1, "2026-11-25T12:00:00+00:00")
    assert data["client"]["id"] == client.id and data["client"]["unit"] == "lb"
    assert [w["date"] for w in data["weigh_ins"]] == ["2026-09-07", "2026-09-14"]
    workout = data["workouts"][0]
    assert [(s["exercise"], s["reps"], s["load_kg"]) for s in workout["sets"]] == [("goblet-squat", 10, 20.0)] * 3
    plan_session = data["plans"][0]["sessions"][0]
    assert workout["plan_session_id"] == plan_session["id"]
    assert plan_session["items"][0] | {"id": 0, "exercise_id": 0} == {
        "id": 0,
        "position": 0,
        "exercise_id": 0,
        "exercise": "goblet-squat",
        "sets": 3,
        "rep_min": 8,
        "rep_max": 12,
        "load_kg": 20.0,
        "reason": "",
        "note": "",
    }
    assert [(f["kind"], f["evidence"]) for f in data["flags"]] == [("weight_plateau", {"weeks": 3})]


def test_the_json_export_runs_the_same_queries_for_two_weeks_or_twenty(db, session, trainer, make_client):
    counts = []
    for weeks in (2, 20):
        client = make_client(trainer)
        add_history(session, client, weeks)
        with count_queries(db.engine) as statements:
            exports.client_json(session, client, now=NOW)
            exports.sets_csv(session, client)
            exports.weigh_ins_csv(session, client)
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 12


def test_a_download_name_is_safe_ascii():
    class Named:
        id, name = 7, "Zoë O'Brien / Test"

    assert exports.download_name(Named, "sets", TODAY, "csv") == "zoe-o-brien-test-sets-2026-11-25.csv"
    Named.name = "张伟"
    assert exports.download_name(Named, "sets", TODAY, "csv") == "client-7-sets-2026-11-25.csv"


# The uploads awaiting confirmation ----------------------------------------------------


def staged(**fields) -> StagedImport:
    defaults = {"client_id": 1, "user_id": 2, "source": "hevy", "unit": "kg", "filename": "x.csv", "text": "a,b\n"}
    return StagedImport(**(defaults | {"staged_at": NOW} | fields))


def test_a_staged_upload_is_read_back_only_by_its_user_for_its_client(tmp_path):
    store = StagedImports(tmp_path)
    token = store.stage(staged())
    assert store.get(token, client_id=1, user_id=2, now=NOW) == staged()
    assert store.get(token, client_id=1, user_id=3, now=NOW) is None
    assert store.get(token, client_id=9, user_id=2, now=NOW) is None
    assert store.get("../../etc/passwd", client_id=1, user_id=2, now=NOW) is None


def test_a_staged_upload_is_taken_once(tmp_path):
    store = StagedImports(tmp_path)
    token = store.stage(staged())
    assert store.take(token, client_id=1, user_id=2, now=NOW) == staged()
    assert store.take(token, client_id=1, user_id=2, now=NOW) is None
    store.put_back(token, staged())
    assert store.get(token, client_id=1, user_id=2, now=NOW) == staged()


def test_a_staged_upload_expires(tmp_path):
    store = StagedImports(tmp_path)
    token = store.stage(staged())
    assert store.get(token, client_id=1, user_id=2, now=NOW + MAX_AGE + timedelta(seconds=1)) is None
    assert list(tmp_path.iterdir()) == []
