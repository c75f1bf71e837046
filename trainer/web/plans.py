"""The trainer's plan pages: plans to review, a client's plans, the plan editor and its actions.

Every page is the signed-in trainer's own client's (``own_client_or_404``); anything else is 404.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import clock
from ..domain.progression import FIRST_LOAD_CUE, format_load
from ..domain.weeks import week_start as monday_of
from ..extensions import db
from ..models import Client, Plan
from ..services import client_week, plan_edits, plan_review
from ..services.errors import InvalidInput, NotFound
from .access import own_client_or_404, trainer_required
from .filters import day
from .forms.choices import choices
from .forms.plans import ItemForm, OverrideForm

bp = Blueprint("plans", __name__)


@bp.app_template_filter("load_text")
def load_text(load_kg: float | None, bodyweight: bool, unit: str, short: bool = False) -> str:
    """A prescribed load in words, in the client's unit: ``22.5 kg``, ``body weight`` or the cue to choose one.

    ``short`` (for the trainer's pages) names a blank weighted load "client's choice" instead of the cue.
    """
    if load_kg is not None:
        return format_load(load_kg, unit)
    if bodyweight:
        return "body weight"
    return "client's choice" if short else FIRST_LOAD_CUE


def _plan_or_404(client: Client, week_start: str) -> Plan:
    try:
        return plan_review.plan_for(db.session, client, date.fromisoformat(week_start))
    except (ValueError, NotFound):
        abort(404)


def _editor(plan: Plan, anchor: str | None = None):
    return redirect(
        url_for(".editor", client_id=plan.client_id, week_start=plan.week_start.isoformat(), _anchor=anchor)
    )


def _by():
    return current_user._get_current_object()


@bp.get("/plans/review")
@trainer_required
def review():
    """Drafts for next week (and drafts of a week already begun) across the trainer's clients, most flags first."""
    rows = plan_review.plans_to_review(db.session, current_user, now=clock.now())
    return render_template("plans/review.html", rows=rows)


@bp.get("/clients/<int:client_id>/plans")
@trainer_required
def client_plans(client_id: int):
    """A client's current week (done sessions ticked) and every plan, newest first."""
    client = own_client_or_404(client_id)
    today = clock.today_in(client.timezone)
    week = client_week.client_week(db.session, client, today=today, published_only=False)
    plans = plan_review.client_plans(db.session, client)
    return render_template("plans/client_plans.html", client=client, week=week, plans=plans, today=today)


@bp.get("/clients/<int:client_id>/plans/<week_start>")
@trainer_required
def editor(client_id: int, week_start: str):
    """One plan: its sessions and items with reasons, the changes since last week, movement overrides."""
    client = own_client_or_404(client_id)
    plan = _plan_or_404(client, week_start)
    today = clock.today_in(client.timezone)
    current = plan.week_start == monday_of(today)
    return render_template(
        "plans/editor.html",
        client=client,
        plan=plan,
        today=today,
        diff=plan_review.week_diff(db.session, plan),
        controls=plan_edits.movement_controls(db.session, client, plan),
        statuses=client_week.session_statuses(db.session, client, plan, today) if current else {},
    )


@bp.route("/clients/<int:client_id>/plans/<week_start>/items/<int:item_id>", methods=["GET", "POST"])
@trainer_required
def edit_item(client_id: int, week_start: str, item_id: int):
    """Change one item's exercise (same main muscle group), sets, reps, load or note."""
    client = own_client_or_404(client_id)
    plan = _plan_or_404(client, week_start)
    try:
        item = plan_review.item_of(plan, item_id)
    except NotFound:
        abort(404)
    form = ItemForm(unit=client.unit)
    options = plan_edits.exercise_options(db.session, client, item.exercise)
    form.exercise_id.choices = choices((str(e.id), e.name) for e in options)
    if request.method == "GET":
        form.show(item)
    elif form.validate_on_submit():
        try:
            changed = plan_edits.edit_item(db.session, client, plan, item, form.edit(), by=_by(), now=clock.now())
        except InvalidInput as error:
            db.session.rollback()
            form.show_service_errors(error.errors)
        else:
            where = "every session" if len(changed) > 1 else day(item.session.day, with_year=False)
            flash(f"Saved {item.exercise.name} for {where}. {_seen_by(client, plan)}", "success")
            return _editor(plan, f"item-{item.id}")
    status = 200 if request.method == "GET" else 422
    return render_template("plans/item_form.html", client=client, plan=plan, item=item, form=form), status


def _seen_by(client: Client, plan: Plan) -> str:
    if plan.status == "published":
        return f"{client.name} sees the change now."
    return "The plan stays a draft until you publish it."


@bp.post("/clients/<int:client_id>/plans/<week_start>/regenerate")
@trainer_required
def regenerate(client_id: int, week_start: str):
    """Draw the plan again from the rules, with the client's overrides and latest history."""
    client = own_client_or_404(client_id)
    plan = _plan_or_404(client, week_start)
    try:
        plan_review.regenerate(db.session, client, plan, by=_by(), now=clock.now())
    except InvalidInput as error:
        db.session.rollback()
        flash(f"The plan could not be regenerated: {error}", "error")
    else:
        flash("Plan regenerated from the rules; the reasons show what each prescription is based on.", "success")
    return _editor(plan)


@bp.post("/clients/<int:client_id>/plans/<week_start>/publish")
@trainer_required
def publish(client_id: int, week_start: str):
    """Publish the plan: the client sees it on their home page."""
    client = own_client_or_404(client_id)
    plan = _plan_or_404(client, week_start)
    if plan_review.publish(db.session, plan, now=clock.now()):
        flash(f"Published. {client.name} now sees the plan for the week of {day(plan.week_start)}.", "success")
    else:
        flash("This plan was already published; your edits reach the client as you save them.", "info")
    return _editor(plan)


@bp.post("/clients/<int:client_id>/plans/<week_start>/movements")
@trainer_required
def set_override(client_id: int, week_start: str):
    """Hold a movement, switch it to another form, or hand it back to the rules (for plans drawn from now on)."""
    client = own_client_or_404(client_id)
    plan = _plan_or_404(client, week_start)
    form = OverrideForm()
    if not form.validate_on_submit():
        flash("Choose what to do with the movement from its list.", "error")
        return _editor(plan, "movements")
    action, to_exercise_id = form.action()
    try:
        row = plan_edits.set_override(
            db.session, client, form.movement.data, action, to_exercise_id, by=_by(), now=clock.now()
        )
    except InvalidInput as error:
        db.session.rollback()
        flash(f"Not saved: {error}", "error")
    else:
        message = plan_edits.describe_override(db.session, form.movement.data, row)
        flash(f"{message} Regenerate to apply it to this plan.", "success")
    return _editor(plan, "movements")
