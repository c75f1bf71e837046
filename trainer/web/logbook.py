"""The logbook pages: weigh-ins and workouts, logged by a client or by their trainer on their behalf.

Every page lives under ``/clients/<id>/`` and reaches only a client the signed-in person may
see (their own profile, or one of a trainer's clients); anything else is 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby, zip_longest

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import clock
from ..domain.weeks import week_start
from ..extensions import db
from ..models import Client, SetLog, WeighIn, Workout
from ..services import logbook, plan_review
from ..services.errors import Conflict, InvalidInput, NotFound
from .access import client_or_404, member_required
from .filters import day, weight
from .forms.logbook import WeighInForm, WorkoutForm, amount

bp = Blueprint("logbook", __name__, url_prefix="/clients/<int:client_id>")


# Weigh-ins ---------------------------------------------------------------------------


@bp.get("/weigh-ins")
@member_required
def weigh_ins(client_id: int):
    """The client's weigh-ins, newest first, each with its change since the one before."""
    client = client_or_404(client_id)
    newest_first = logbook.weigh_ins(db.session, client)
    rows = [
        (w, w.weight_kg - older.weight_kg if older else None)
        for w, older in zip_longest(newest_first, newest_first[1:])
    ]
    return render_template("logbook/weigh_ins.html", client=client, rows=rows, logged_by=_logger(client))


@bp.route("/weigh-ins/new", methods=["GET", "POST"])
@member_required
def new_weigh_in(client_id: int):
    """Log a weigh-in (today by default); saving on a date that has one replaces it."""
    client = client_or_404(client_id)
    form = _weigh_in_form(client)
    if request.method == "GET":
        form.date.data = form.today
    elif form.validate_on_submit():
        earlier = logbook.weigh_in_on(db.session, client, form.date.data)
        was_kg = earlier.weight_kg if earlier else None
        args = (db.session, client, form.date.data, form.weight_kg())
        if saved := _attempt(form, logbook.save_weigh_in, *args, by=_by(), today=form.today):
            flash(_weigh_in_saved(saved, client, was_kg), "success")
            return redirect(url_for(".weigh_ins", client_id=client.id))
    today_weigh_in = logbook.weigh_in_on(db.session, client, form.today)
    return _render("logbook/weigh_in_form.html", form, client=client, weigh_in=None, today_weigh_in=today_weigh_in)


@bp.route("/weigh-ins/<on>/edit", methods=["GET", "POST"])
@member_required
def edit_weigh_in(client_id: int, on: str):
    """Change the date or the weight of a weigh-in."""
    client = client_or_404(client_id)
    weigh_in = _weigh_in_or_404(client, on)
    form = _weigh_in_form(client)
    if request.method == "GET":
        form.show(weigh_in.date, weigh_in.weight_kg)
    elif form.validate_on_submit():
        args = (db.session, weigh_in, form.date.data, form.weight_kg())
        if _attempt(form, logbook.move_weigh_in, *args, by=_by(), today=form.today):
            flash(f"Weigh-in of {day(weigh_in.date)} saved: {weight(weigh_in.weight_kg, client.unit)}.", "success")
            return redirect(url_for(".weigh_ins", client_id=client.id))
    return _render("logbook/weigh_in_form.html", form, client=client, weigh_in=weigh_in)


@bp.post("/weigh-ins/<on>/delete")
@member_required
def delete_weigh_in(client_id: int, on: str):
    """Remove a weigh-in."""
    client = client_or_404(client_id)
    weigh_in = _weigh_in_or_404(client, on)
    message = f"Deleted the weigh-in of {day(weigh_in.date)} ({weight(weigh_in.weight_kg, client.unit)})."
    logbook.delete_weigh_in(db.session, weigh_in)
    flash(message, "success")
    return redirect(url_for(".weigh_ins", client_id=client.id))


# Workouts ----------------------------------------------------------------------------


@bp.get("/workouts")
@member_required
def workouts(client_id: int):
    """The client's workouts by week (Monday to Sunday), newest first, sets summed up per exercise."""
    client = client_or_404(client_id)
    names = {exercise.id: exercise.name for exercise in logbook.exercise_library(db.session)}
    weeks = history_by_week(logbook.workouts(db.session, client), names, client.unit, clock.today_in(client.timezone))
    return render_template("logbook/workouts.html", client=client, weeks=weeks, logged_by=_logger(client))


@bp.route("/workouts/new", methods=["GET", "POST"])
@member_required
def new_workout(client_id: int):
    """Log a workout. ``?plan_session_id=`` ties it to a planned session and pre-fills its prescribed sets."""
    client = client_or_404(client_id)
    form = _workout_form(client)
    if request.method == "GET":
        form.date.data = form.today
        form.plan_session_id.data = request.args.get("plan_session_id", type=int)
        if planned := plan_review.prefill_sets(db.session, form.plan_session_id.data, client):
            form.show(form.today, planned)
    elif form.validate_on_submit():
        args = (db.session, client, form.date.data, form.set_entries())
        options = {"plan_session_id": form.plan_session_id.data, "notes": form.notes.data or ""}
        if workout := _attempt(form, logbook.log_workout, *args, by=_by(), today=form.today, **options):
            flash(_workout_saved(workout, "saved"), "success")
            return redirect(url_for(".workouts", client_id=client.id, _anchor=f"workout-{workout.id}"))
    return _render("logbook/workout_form.html", form, client=client, workout=None)


@bp.route("/workouts/<int:workout_id>/edit", methods=["GET", "POST"])
@member_required
def edit_workout(client_id: int, workout_id: int):
    """Change a workout's date, notes and sets (add, change or remove sets)."""
    client = client_or_404(client_id)
    workout = _workout_or_404(client, workout_id)
    form = _workout_form(client)
    if request.method == "GET":
        form.show(workout.date, workout.sets, workout.notes)
    elif form.validate_on_submit():
        args = (db.session, workout, form.date.data, form.set_entries())
        if _attempt(form, logbook.replace_workout, *args, by=_by(), today=form.today, notes=form.notes.data or ""):
            flash(_workout_saved(workout, "updated"), "success")
            return redirect(url_for(".workouts", client_id=client.id, _anchor=f"workout-{workout.id}"))
    return _render("logbook/workout_form.html", form, client=client, workout=workout)


@bp.post("/workouts/<int:workout_id>/delete")
@member_required
def delete_workout(client_id: int, workout_id: int):
    """Remove a workout and its sets."""
    client = client_or_404(client_id)
    workout = _workout_or_404(client, workout_id)
    message = f"Deleted the workout of {day(workout.date)} ({_count(len(workout.sets), 'set')})."
    logbook.delete_workout(db.session, workout)
    flash(message, "success")
    return redirect(url_for(".workouts", client_id=client.id))


# Helpers -----------------------------------------------------------------------------


def _by():
    return current_user._get_current_object()


def _weigh_in_form(client: Client) -> WeighInForm:
    return WeighInForm(unit=client.unit, today=clock.today_in(client.timezone), zone=client.timezone)


def _workout_form(client: Client) -> WorkoutForm:
    library = logbook.exercise_library(db.session)
    return WorkoutForm(unit=client.unit, today=clock.today_in(client.timezone), zone=client.timezone, library=library)


def _weigh_in_or_404(client: Client, on: str) -> WeighIn:
    try:
        weigh_in = logbook.weigh_in_on(db.session, client, date.fromisoformat(on))
    except ValueError:
        weigh_in = None
    if weigh_in is None:
        abort(404)
    return weigh_in


def _workout_or_404(client: Client, workout_id: int) -> Workout:
    try:
        return logbook.workout_of(db.session, client, workout_id)
    except NotFound:
        abort(404)


def _attempt(form, action: Callable, *args, **kwargs):
    """Call a logbook service for a valid form; on a broken rule show its messages on the form and return None."""
    form.conflict = False
    try:
        return action(*args, **kwargs)
    except InvalidInput as error:
        form.show_service_errors(error.errors)
    except Conflict as error:
        form.conflict = True
        form.show_service_errors({error.field or "date": [str(error).split(": ", 1)[-1]]})
    db.session.rollback()
    return None


def _render(template: str, form, **context):
    """The form page: 200 when first shown, 422 for invalid input, 409 for a clash with a stored record."""
    status = 200 if request.method == "GET" else 409 if getattr(form, "conflict", False) else 422
    return render_template(template, form=form, **context), status


def _logger(client: Client) -> Callable[[int | None], str | None]:
    """Who logged a record on the client's behalf (their trainer's name), or None when the client did."""
    trainer_name = client.trainer.name

    def logged_by(user_id: int | None) -> str | None:
        if user_id is None or user_id == client.user_id:
            return None
        return trainer_name if user_id == client.trainer_id else "a trainer"

    return logged_by


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _weigh_in_saved(saved: WeighIn, client: Client, was_kg: float | None) -> str:
    now = weight(saved.weight_kg, client.unit)
    if was_kg is None:
        return f"Weigh-in saved: {now} on {day(saved.date)}."
    return f"Saved {now}: this replaced the weigh-in of {day(saved.date)} ({weight(was_kg, client.unit)})."


def _workout_saved(workout: Workout, done: str) -> str:
    sets, exercises = _count(len(workout.sets), "set"), _count(len({s.exercise_id for s in workout.sets}), "exercise")
    return f"Workout of {day(workout.date)} {done}: {sets} of {exercises}."


# History -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkoutSummary:
    """A workout as the history shows it: each exercise with its sets in one line."""

    workout: Workout
    lines: list[tuple[str, str]]


@dataclass(frozen=True)
class Week:
    """The workouts of one Monday-to-Sunday week."""

    start: date
    label: str
    workouts: list[WorkoutSummary]


def summarise_sets(sets: Sequence[SetLog], names: dict[int, str], unit: str) -> list[tuple[str, str]]:
    """Each exercise with its sets, runs of equal sets counted: ``("Goblet squat", "3 x 10 @ 16 kg")``."""
    by_exercise: dict[int, list[SetLog]] = {}
    for logged in sets:
        by_exercise.setdefault(logged.exercise_id, []).append(logged)
    lines = []
    for exercise_id, done in by_exercise.items():
        runs = groupby(done, key=lambda s: (s.reps, amount(s.load_kg, unit)))
        text = ", ".join(
            f"{len(list(run))} x {reps}" + (f" @ {load} {unit}" if load != "0" else "") for (reps, load), run in runs
        )
        rpes = sorted(s.rpe for s in done if s.rpe is not None)
        if rpes:
            text += f", RPE {rpes[0]:g}" + (f"-{rpes[-1]:g}" if rpes[-1] != rpes[0] else "")
        lines.append((names.get(exercise_id, "Unknown exercise"), text))
    return lines


def week_label(start: date, today: date) -> str:
    """``This week``, ``Last week`` or ``Week of Mon 16 Nov`` (with the year when it is not this year's)."""
    this_week = week_start(today)
    if start == this_week:
        return "This week"
    if start == this_week - timedelta(days=7):
        return "Last week"
    return f"Week of {day(start, with_year=start.year != today.year)}"


def history_by_week(workouts: Iterable[Workout], names: dict[int, str], unit: str, today: date) -> list[Week]:
    """Workouts (newest first) grouped into their weeks, newest week first."""
    return [
        Week(start, week_label(start, today), [WorkoutSummary(w, summarise_sets(w.sets, names, unit)) for w in group])
        for start, group in groupby(workouts, key=lambda w: week_start(w.date))
    ]
