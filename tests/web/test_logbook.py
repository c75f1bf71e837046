"""The logbook pages: weigh-ins and workouts, logged by a client or by their trainer on their behalf."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from querycount import count_queries
from sqlalchemy import func, select

from trainer import clock
from trainer.models import Exercise, Plan, PlanSession, SetLog, WeighIn, Workout
from trainer.web.forms.logbook import BLANK_ROWS, EXTRA_ROWS
from trainer.web.logbook import summarise_sets, week_label

#: Friday 20 Nov 2026, noon in London: "today" for every test unless it says otherwise.
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


@pytest.fixture
def trainer(make_trainer):
    return make_trainer(name="Robin Coach")


@pytest.fixture
def client(trainer, make_client):
    return make_client(trainer, with_login=True, name="Maria Lopez")


@pytest.fixture
def exercises(session) -> dict[str, Exercise]:
    return {e.slug: e for e in session.scalars(select(Exercise))}


def text_of(response) -> str:
    """The page's text with tags removed and spaces collapsed, for phrases that span elements."""
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#39;", "'")


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def rows(*sets: tuple, unit_field: str = "load") -> dict[str, str]:
    """Form data for sets given as (exercise id, reps, load, rpe) tuples, one row each."""
    data = {}
    for i, (exercise_id, reps, load, rpe) in enumerate(sets):
        data |= {f"sets-{i}-exercise_id": exercise_id, f"sets-{i}-reps": reps, f"sets-{i}-{unit_field}": load}
        data[f"sets-{i}-rpe"] = rpe
    return {key: "" if value is None else str(value) for key, value in data.items()}


# Weigh-ins ---------------------------------------------------------------------------


def test_the_weigh_in_form_starts_on_today_in_the_clients_time_zone(http, login_as, make_client, trainer, monkeypatch):
    # 23:30 UTC on Friday is already Saturday morning in Auckland (UTC+13 in November).
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 20, 23, 30, tzinfo=UTC))
    kiwi = make_client(trainer, with_login=True, timezone="Pacific/Auckland")
    login_as(kiwi.user)
    page = http.get(f"/clients/{kiwi.id}/weigh-ins/new").get_data(as_text=True)
    assert 'value="2026-11-21"' in page
    assert (
        http.post(f"/clients/{kiwi.id}/weigh-ins/new", data={"date": "2026-11-21", "weight": "70"}).status_code == 302
    )


def test_a_client_logs_a_weigh_in_in_kilograms(http, session, login_as, client):
    login_as(client.user)
    response = http.post(f"/clients/{client.id}/weigh-ins/new", data={"date": "2026-11-20", "weight": "80,4"})
    assert response.status_code == 302
    weigh_in = session.scalars(select(WeighIn)).one()
    assert (weigh_in.date, weigh_in.weight_kg, weigh_in.logged_by_id) == (TODAY, 80.4, client.user.id)
    page = text_of(http.get(response.location))
    assert "Weigh-in saved: 80.4 kg on Fri 20 Nov 2026." in page
    assert "logged by" not in page


def test_a_client_who_uses_pounds_enters_pounds_and_sees_pounds(http, session, login_as, trainer, make_client):
    client = make_client(trainer, with_login=True, unit="lb")
    login_as(client.user)
    assert "Weight (lb)" in http.get(f"/clients/{client.id}/weigh-ins/new").get_data(as_text=True)
    http.post(f"/clients/{client.id}/weigh-ins/new", data={"date": "2026-11-20", "weight": "176.4"})
    assert session.scalars(select(WeighIn)).one().weight_kg == 80.01  # 176.4 x 0.45359237 = 80.0137
    assert "176.4 lb" in http.get(f"/clients/{client.id}/weigh-ins").get_data(as_text=True)
    edit = http.get(f"/clients/{client.id}/weigh-ins/2026-11-20/edit").get_data(as_text=True)
    assert 'value="176.4"' in edit


def test_saving_on_a_date_that_has_a_weigh_in_replaces_it_and_says_so(http, session, login_as, client):
    login_as(client.user)
    http.post(f"/clients/{client.id}/weigh-ins/new", data={"date": "2026-11-18", "weight": "81"})
    form = http.get(f"/clients/{client.id}/weigh-ins/new").get_data(as_text=True)
    assert "There is already a weigh-in today" not in form
    response = http.post(f"/clients/{client.id}/weigh-ins/new", data={"date": "2026-11-18", "weight": "80.5"})
    page = text_of(http.get(response.location))
    assert "Saved 80.5 kg: this replaced the weigh-in of Wed 18 Nov 2026 (81.0 kg)." in page
    assert [w.weight_kg for w in session.scalars(select(WeighIn))] == [80.5]


def test_the_form_warns_that_today_already_has_a_weigh_in(http, session, login_as, client):
    session.add(WeighIn(client_id=client.id, date=TODAY, weight_kg=70.0))
    session.commit()
    login_as(client.user)
    page = text_of(http.get(f"/clients/{client.id}/weigh-ins/new"))
    assert "There is already a weigh-in today (70.0 kg). Saving one for today replaces it." in page


@pytest.mark.parametrize(
    ("unit", "data", "message"),
    [
        ("kg", {"weight": "19.9"}, "Weight (kg): must be between 20 and 400 kg."),
        ("kg", {"weight": "400.1"}, "Weight (kg): must be between 20 and 400 kg."),
        ("lb", {"weight": "44"}, "Weight (lb): must be between 44.1 and 881.8 lb (20 to 400 kg)."),
        ("lb", {"weight": "900"}, "Weight (lb): must be between 44.1 and 881.8 lb (20 to 400 kg)."),
        ("kg", {"weight": ""}, "Weight (kg): enter the weight."),
        ("kg", {"weight": "heavy"}, "Weight (kg): enter a number, like 72.5."),
        ("kg", {"weight": "NaN"}, "Weight (kg): enter a number, like 72.5."),
        (
            "kg",
            {"date": "2026-11-21"},
            "Date: must not be after today (Fri 20 Nov 2026 in the Europe/London time zone).",
        ),
        ("kg", {"date": "1899-12-31"}, "Date: must not be before 1 Jan 1900."),
        ("kg", {"date": ""}, "Date: enter the date of the weigh-in."),
        ("kg", {"date": "20/11/2026"}, "Date: enter a date as YYYY-MM-DD, like 2026-03-03."),
    ],
)
def test_bad_weigh_ins_name_the_field_and_the_rule_and_save_nothing(
    http, session, login_as, trainer, make_client, unit, data, message
):
    client = make_client(trainer, with_login=True, unit=unit)
    login_as(client.user)
    response = http.post(f"/clients/{client.id}/weigh-ins/new", data={"date": "2026-11-20", "weight": "80", **data})
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert "Nothing was saved." in page
    assert count(session, WeighIn) == 0


def test_editing_a_weigh_in_changes_its_date_and_weight(http, session, login_as, client):
    session.add(WeighIn(client_id=client.id, date=date(2026, 11, 18), weight_kg=70.0))
    session.commit()
    login_as(client.user)
    form = http.get(f"/clients/{client.id}/weigh-ins/2026-11-18/edit").get_data(as_text=True)
    assert 'value="2026-11-18"' in form and 'value="70"' in form
    response = http.post(
        f"/clients/{client.id}/weigh-ins/2026-11-18/edit", data={"date": "2026-11-19", "weight": "69.5"}
    )
    assert response.status_code == 302
    weigh_in = session.scalars(select(WeighIn)).one()
    session.refresh(weigh_in)
    assert (weigh_in.date, weigh_in.weight_kg) == (date(2026, 11, 19), 69.5)
    assert "Weigh-in of Thu 19 Nov 2026 saved: 69.5 kg." in text_of(http.get(response.location))


def test_moving_a_weigh_in_onto_a_date_that_has_one_is_refused(http, session, login_as, client):
    session.add_all(
        [
            WeighIn(client_id=client.id, date=date(2026, 11, 18), weight_kg=70.0),
            WeighIn(client_id=client.id, date=date(2026, 11, 19), weight_kg=71.0),
        ]
    )
    session.commit()
    login_as(client.user)
    response = http.post(f"/clients/{client.id}/weigh-ins/2026-11-18/edit", data={"date": "2026-11-19", "weight": "69"})
    assert response.status_code == 409
    assert "Date: there is already a weigh-in on 2026-11-19." in text_of(response)
    session.expire_all()
    assert sorted((w.date.day, w.weight_kg) for w in session.scalars(select(WeighIn))) == [(18, 70.0), (19, 71.0)]


def test_deleting_a_weigh_in(http, session, login_as, client):
    session.add(WeighIn(client_id=client.id, date=date(2026, 11, 18), weight_kg=70.0))
    session.commit()
    login_as(client.user)
    response = http.post(f"/clients/{client.id}/weigh-ins/2026-11-18/delete")
    assert count(session, WeighIn) == 0
    page = text_of(http.get(response.location))
    assert "Deleted the weigh-in of Wed 18 Nov 2026 (70.0 kg)." in page
    assert "No weigh-ins yet — log your first one" in page


def test_weigh_ins_are_listed_newest_first_with_the_change_since_the_one_before(http, session, login_as, client):
    session.add_all(
        [
            WeighIn(client_id=client.id, date=date(2026, 11, 17), weight_kg=71.0),
            WeighIn(client_id=client.id, date=date(2026, 11, 19), weight_kg=70.4),
        ]
    )
    session.commit()
    login_as(client.user)
    page = text_of(http.get(f"/clients/{client.id}/weigh-ins"))
    assert page.index("Thu 19 Nov 2026") < page.index("Tue 17 Nov 2026")
    assert "70.4 kg -0.6 kg" in page


def test_unknown_weigh_in_dates_are_not_found(http, login_as, client):
    login_as(client.user)
    assert http.get(f"/clients/{client.id}/weigh-ins/2026-11-18/edit").status_code == 404
    assert http.get(f"/clients/{client.id}/weigh-ins/yesterday/edit").status_code == 404
    assert http.post(f"/clients/{client.id}/weigh-ins/2026-02-30/delete").status_code == 404


# On the client's behalf --------------------------------------------------------------


def test_a_trainer_logs_on_a_clients_behalf_and_both_see_who_logged_it(http, session, login_as, trainer, client):
    login_as(trainer)
    form = text_of(http.get(f"/clients/{client.id}/weigh-ins/new"))
    assert "You are logging for Maria Lopez." in form
    http.post(f"/clients/{client.id}/weigh-ins/new", data={"date": "2026-11-20", "weight": "70"})
    squat = session.scalars(select(Exercise).where(Exercise.slug == "goblet-squat")).one()
    http.post(f"/clients/{client.id}/workouts/new", data={"date": "2026-11-20", **rows((squat.id, 10, 16, None))})
    assert session.scalars(select(WeighIn)).one().logged_by_id == trainer.id
    assert session.scalars(select(Workout)).one().logged_by_id == trainer.id
    for _ in ("trainer", "client"):
        assert "logged by Robin Coach" in text_of(http.get(f"/clients/{client.id}/weigh-ins"))
        assert "logged by Robin Coach" in text_of(http.get(f"/clients/{client.id}/workouts"))
        http.post("/logout")
        login_as(client.user)


def test_nobody_else_reaches_a_clients_logbook(http, session, login_as, make_trainer, make_client, client):
    session.add(WeighIn(client_id=client.id, date=date(2026, 11, 18), weight_kg=70.0))
    workout = Workout(client_id=client.id, date=date(2026, 11, 18))
    session.add(workout)
    session.commit()
    urls = [
        ("get", f"/clients/{client.id}/weigh-ins"),
        ("get", f"/clients/{client.id}/weigh-ins/new"),
        ("post", f"/clients/{client.id}/weigh-ins/new"),
        ("get", f"/clients/{client.id}/weigh-ins/2026-11-18/edit"),
        ("post", f"/clients/{client.id}/weigh-ins/2026-11-18/delete"),
        ("get", f"/clients/{client.id}/workouts"),
        ("get", f"/clients/{client.id}/workouts/new"),
        ("get", f"/clients/{client.id}/workouts/{workout.id}/edit"),
        ("post", f"/clients/{client.id}/workouts/{workout.id}/delete"),
    ]
    for method, url in urls:
        assert getattr(http, method)(url).status_code == 302  # to the sign-in page
    other_trainer = make_trainer()
    other_client = make_client(other_trainer, with_login=True)
    for intruder in (other_trainer, other_client.user):
        login_as(intruder)
        for method, url in urls:
            assert getattr(http, method)(url).status_code == 404, (intruder.email, url)
        http.post("/logout")
    assert (count(session, WeighIn), count(session, Workout)) == (1, 1)
    login_as(other_client.user)
    assert http.get(f"/clients/{other_client.id}/workouts/{workout.id}/edit").status_code == 404


def test_the_client_and_the_trainer_find_the_logbook_from_their_pages(http, login_as, trainer, client):
    login_as(client.user)
    home = http.get("/me").get_data(as_text=True)
    for link in ("weigh-ins/new", "workouts/new", "workouts", "weigh-ins"):
        assert f'href="/clients/{client.id}/{link}"' in home
    for text in ("Log a weigh-in", "Log a workout", "My workouts", "My weigh-ins"):
        assert text in home
    http.post("/logout")
    login_as(trainer)
    detail = text_of(http.get(f"/clients/{client.id}"))
    assert "Logbook" in detail and "Log a workout" in detail and "Log a weigh-in" in detail


# Workouts ----------------------------------------------------------------------------


def test_the_exercise_select_offers_the_whole_library_grouped_by_muscle_group(http, session, login_as, client):
    login_as(client.user)
    page = http.get(f"/clients/{client.id}/workouts/new").get_data(as_text=True)
    first_select = page[page.index('<select id="sets-0-exercise_id"') : page.index("</select>")]
    assert first_select.count("<option value=") == count(session, Exercise) + 1  # and "Choose an exercise…"
    labels = re.findall(r'<optgroup label="(\w+)">', first_select)
    assert labels == ["Chest", "Back", "Shoulders", "Legs", "Biceps", "Triceps", "Core"]
    assert page.count('name="sets-') // 5 == BLANK_ROWS  # exercise, reps, load, rpe, remove
    assert '<script src="/static/js/sets.js" defer></script>' in page


def test_a_client_logs_a_workout_of_two_exercises_and_blank_rows_are_ignored(
    http, session, login_as, client, exercises
):
    login_as(client.user)
    squat, push_up = exercises["goblet-squat"].id, exercises["push-up"].id
    sets = rows(
        (squat, 10, 16, 7),
        (squat, 10, 16, 8),
        ("", "", "", ""),
        (squat, 10, "16.0", None),
        (push_up, 12, "", None),
        (push_up, 12, 0, None),
    )
    data = {"date": "2026-11-19", "notes": "Felt strong.", **sets, "sets-7-reps": ""}
    response = http.post(f"/clients/{client.id}/workouts/new", data=data)
    assert response.status_code == 302
    workout = session.scalars(select(Workout)).one()
    logged = [(s.exercise_id, s.reps, s.load_kg, s.rpe) for s in workout.sets]
    assert logged == [
        (squat, 10, 16.0, 7.0),
        (squat, 10, 16.0, 8.0),
        (squat, 10, 16.0, None),
        (push_up, 12, 0.0, None),
        (push_up, 12, 0.0, None),
    ]
    assert (workout.date, workout.notes, workout.logged_by_id) == (date(2026, 11, 19), "Felt strong.", client.user.id)
    page = text_of(http.get(response.location))
    assert "Workout of Thu 19 Nov 2026 saved: 5 sets of 2 exercises." in page
    assert "Goblet squat: 3 x 10 @ 16 kg, RPE 7-8" in page
    assert "Push-up: 2 x 12" in page
    assert "logged by" not in page


def test_loads_are_entered_and_shown_in_pounds_for_clients_who_use_pounds(
    http, session, login_as, trainer, make_client, exercises
):
    client = make_client(trainer, with_login=True, unit="lb")
    login_as(client.user)
    curl = exercises["biceps-curl"].id
    http.post(f"/clients/{client.id}/workouts/new", data={"date": "2026-11-20", **rows((curl, 10, 35, None))})
    workout = session.scalars(select(Workout)).one()
    assert workout.sets[0].load_kg == 15.876  # 35 lb x 0.45359237 = 15.8757 kg
    assert "Dumbbell biceps curl: 1 x 10 @ 35 lb" in text_of(http.get(f"/clients/{client.id}/workouts"))
    form = http.get(f"/clients/{client.id}/workouts/{workout.id}/edit").get_data(as_text=True)
    assert 'name="sets-0-load" step="any" type="number" value="35"' in form


@pytest.mark.parametrize(
    ("unit", "row", "message"),
    [
        ("kg", ("squat", 0, 16, None), "Set 1 — Reps: must be a whole number from 1 to 100."),
        ("kg", ("squat", 101, 16, None), "Set 1 — Reps: must be a whole number from 1 to 100."),
        ("kg", ("squat", "8.5", 16, None), "Set 1 — Reps: must be a whole number from 1 to 100."),
        ("kg", ("squat", "", 16, None), "Set 1 — Reps: enter the reps (a whole number from 1 to 100)."),
        ("kg", ("squat", 10, -5, None), "Set 1 — Load: must be between 0 and 1000 kg; leave it blank for body weight."),
        ("kg", ("squat", 10, 1000.5, None), "Set 1 — Load: must be between 0 and 1000 kg"),
        ("lb", ("squat", 10, 2300, None), "Set 1 — Load: must be between 0 and 2204.6 lb (0 to 1000 kg)"),
        ("kg", ("squat", 10, "lots", None), "Set 1 — Load: enter a number, like 12.5"),
        ("kg", ("squat", 10, 16, 11), "Set 1 — RPE: must be between 1 and 10."),
        ("kg", ("squat", 10, 16, "0.5"), "Set 1 — RPE: must be between 1 and 10."),
        ("kg", ("", 10, 16, None), "Set 1 — Exercise: choose an exercise from the list."),
        ("kg", (999_999, 10, 16, None), "Set 1 — Exercise: is not in the exercise library; choose one from the list."),
        ("kg", ("curl", 10, 16, None), "Set 1 — Exercise: choose an exercise from the list."),
        ("kg", ("", "", "", ""), "Sets: log at least one set: choose an exercise and enter the reps."),
    ],
)
def test_bad_sets_name_the_set_the_field_and_the_rule_and_save_nothing(
    http, session, login_as, trainer, make_client, exercises, unit, row, message
):
    client = make_client(trainer, with_login=True, unit=unit)
    login_as(client.user)
    exercise = exercises["goblet-squat"].id if row[0] == "squat" else row[0]
    response = http.post(
        f"/clients/{client.id}/workouts/new", data={"date": "2026-11-20", **rows((exercise, *row[1:]))}
    )
    assert response.status_code == 422
    page = text_of(response)
    assert message in page
    assert "Nothing was saved." in page
    assert count(session, Workout) == count(session, SetLog) == 0


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-11-21", "Date: must not be after today (Fri 20 Nov 2026 in the Europe/London time zone)."),
        ("1899-12-31", "Date: must not be before 1 Jan 1900."),
        ("", "Date: enter the date of the workout."),
    ],
)
def test_bad_workout_dates_are_refused(http, session, login_as, client, exercises, day, message):
    login_as(client.user)
    data = {"date": day, **rows((exercises["plank"].id, 1, "", None))}
    response = http.post(f"/clients/{client.id}/workouts/new", data=data)
    assert response.status_code == 422
    assert message in text_of(response)
    assert count(session, Workout) == 0


def test_one_bad_set_among_good_ones_saves_nothing_and_keeps_what_was_typed(http, session, login_as, client, exercises):
    login_as(client.user)
    squat = exercises["goblet-squat"].id
    data = {"date": "2026-11-20", **rows((squat, 10, 16, None), (squat, 10, 16, None), (squat, 250, 16, None))}
    response = http.post(f"/clients/{client.id}/workouts/new", data=data)
    assert response.status_code == 422
    assert "Set 3 — Reps: must be a whole number from 1 to 100." in text_of(response)
    assert 'value="250"' in response.get_data(as_text=True)
    assert count(session, Workout) == count(session, SetLog) == 0


def test_editing_a_workout_shows_its_sets_and_replaces_them(http, session, login_as, client, exercises):
    squat, row_ = exercises["goblet-squat"], exercises["dumbbell-row"]
    workout = Workout(client_id=client.id, date=date(2026, 11, 18), logged_by_id=client.user.id)
    workout.sets = [SetLog(exercise_id=squat.id, position=i, reps=10, load_kg=16.0) for i in range(3)]
    session.add(workout)
    session.commit()
    login_as(client.user)
    form = http.get(f"/clients/{client.id}/workouts/{workout.id}/edit").get_data(as_text=True)
    assert form.count('name="sets-') // 5 == 3 + EXTRA_ROWS + 1  # 3 sets, then blank rows up to at least 8
    assert form.count(f'<option value="{squat.id}" selected>') == 3
    data = {
        "date": "2026-11-17",
        **rows((squat.id, 12, 16, None), (squat.id, 10, 16, None), (squat.id, 10, 16, None), (row_.id, 10, 12, 8)),
        "sets-1-remove": "y",
    }
    response = http.post(f"/clients/{client.id}/workouts/{workout.id}/edit", data=data)
    assert response.status_code == 302
    session.expire_all()
    workout = session.get(Workout, workout.id)
    assert workout.date == date(2026, 11, 17)
    assert [(s.exercise_id, s.reps, s.load_kg, s.rpe) for s in workout.sets] == [
        (squat.id, 12, 16.0, None),
        (squat.id, 10, 16.0, None),
        (row_.id, 10, 12.0, 8.0),
    ]
    assert count(session, SetLog) == 3
    page = text_of(http.get(response.location))
    assert "Workout of Tue 17 Nov 2026 updated: 3 sets of 2 exercises." in page
    assert "Goblet squat: 1 x 12 @ 16 kg, 1 x 10 @ 16 kg" in page


def test_an_edit_that_removes_every_set_is_refused(http, session, login_as, client, exercises):
    workout = Workout(client_id=client.id, date=date(2026, 11, 18))
    workout.sets = [SetLog(exercise_id=exercises["plank"].id, position=0, reps=1, load_kg=0.0)]
    session.add(workout)
    session.commit()
    login_as(client.user)
    data = {"date": "2026-11-18", **rows((exercises["plank"].id, 1, "", None)), "sets-0-remove": "y"}
    response = http.post(f"/clients/{client.id}/workouts/{workout.id}/edit", data=data)
    assert response.status_code == 422
    assert "Sets: log at least one set" in text_of(response)
    assert count(session, SetLog) == 1


def test_deleting_a_workout_deletes_its_sets(http, session, login_as, client, exercises):
    workout = Workout(client_id=client.id, date=date(2026, 11, 18))
    workout.sets = [SetLog(exercise_id=exercises["plank"].id, position=0, reps=1, load_kg=0.0)]
    session.add(workout)
    session.commit()
    login_as(client.user)
    response = http.post(f"/clients/{client.id}/workouts/{workout.id}/delete")
    assert count(session, Workout) == count(session, SetLog) == 0
    page = text_of(http.get(response.location))
    assert "Deleted the workout of Wed 18 Nov 2026 (1 set)." in page
    assert "No workouts yet — log your first one" in page


def test_the_history_groups_workouts_by_monday_to_sunday_week(http, session, login_as, client, exercises):
    plank = exercises["plank"].id
    for day in (date(2026, 11, 16), date(2026, 11, 19), date(2026, 11, 15), date(2026, 11, 2), date(2025, 12, 31)):
        workout = Workout(client_id=client.id, date=day)
        workout.sets = [SetLog(exercise_id=plank, position=0, reps=1, load_kg=0.0)]
        session.add(workout)
    session.commit()
    login_as(client.user)
    page = text_of(http.get(f"/clients/{client.id}/workouts"))
    headings = ["This week", "Last week", "Week of Mon 2 Nov", "Week of Mon 29 Dec 2025"]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    this_week = page[positions[0] : positions[1]]
    assert "2 workouts" in this_week and "Thu 19 Nov 2026" in this_week and "Mon 16 Nov 2026" in this_week
    assert "Sun 15 Nov 2026" in page[positions[1] : positions[2]]


def test_the_history_runs_a_fixed_number_of_queries(http, db, login_as, client, exercises):
    login_as(client.user)

    def add(n: int) -> int:
        for i in range(n):
            workout = Workout(client_id=client.id, date=TODAY - timedelta(days=i))
            workout.sets = [SetLog(exercise_id=e.id, position=j, reps=10) for j, e in enumerate(exercises.values())]
            db.session.add(workout)
        db.session.commit()
        with count_queries(db.engine) as statements:
            assert http.get(f"/clients/{client.id}/workouts").status_code == 200
        return len(statements)

    assert add(2) == add(30)


def test_a_workout_can_be_tied_to_a_planned_session(http, session, login_as, trainer, make_client, client, exercises):
    monday = date(2026, 11, 16)
    own = PlanSession(day=monday)
    other = PlanSession(day=monday)
    session.add_all(
        [
            Plan(client_id=client.id, week_start=monday, sessions=[own]),
            Plan(client_id=make_client(trainer).id, week_start=monday, sessions=[other]),
        ]
    )
    session.commit()
    login_as(client.user)
    form = http.get(f"/clients/{client.id}/workouts/new?plan_session_id={own.id}").get_data(as_text=True)
    assert f'name="plan_session_id" type="hidden" value="{own.id}"' in form
    sets = rows((exercises["plank"].id, 1, "", None))
    response = http.post(
        f"/clients/{client.id}/workouts/new", data={"date": "2026-11-20", "plan_session_id": str(other.id), **sets}
    )
    assert response.status_code == 422
    assert f"Planned session: no planned session {other.id} in this client's plans." in text_of(response)
    data = {"date": "2026-11-20", "plan_session_id": str(own.id), **sets}
    assert http.post(f"/clients/{client.id}/workouts/new", data=data).status_code == 302
    assert session.scalars(select(Workout)).one().plan_session_id == own.id


# Presentation helpers ----------------------------------------------------------------


def test_sets_are_summarised_per_exercise_in_runs_of_equal_sets():
    sets = [
        SetLog(exercise_id=1, reps=10, load_kg=16.0, rpe=None),
        SetLog(exercise_id=2, reps=12, load_kg=0.0, rpe=None),
        SetLog(exercise_id=1, reps=10, load_kg=16.0, rpe=None),
        SetLog(exercise_id=1, reps=8, load_kg=18.25, rpe=9.0),
    ]
    assert summarise_sets(sets, {1: "Goblet squat", 2: "Push-up"}, "kg") == [
        ("Goblet squat", "2 x 10 @ 16 kg, 1 x 8 @ 18.25 kg, RPE 9"),
        ("Push-up", "1 x 12"),
    ]


@pytest.mark.parametrize(
    ("start", "label"),
    [
        (date(2026, 11, 16), "This week"),
        (date(2026, 11, 9), "Last week"),
        (date(2026, 11, 2), "Week of Mon 2 Nov"),
        (date(2025, 12, 29), "Week of Mon 29 Dec 2025"),
    ],
)
def test_weeks_are_labelled_for_reading_at_a_glance(start, label):
    assert week_label(start, TODAY) == label
