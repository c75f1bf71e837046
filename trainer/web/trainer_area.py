"""The trainer's pages: the roster and each client's profile."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from .. import clock
from ..domain.limits import days_per_week_note
from ..extensions import db
from ..services import clients as client_service
from ..services import invitations
from ..services import roster as roster_service
from ..services.calories import calorie_panel
from ..services.errors import Conflict
from .access import own_client_or_404, trainer_required
from .forms.clients import ClientForm

bp = Blueprint("trainer", __name__)


def _invite_url(token: str) -> str:
    return url_for("auth.accept_invitation", token=token, _external=True)


def _profile_from(form: ClientForm) -> client_service.ClientProfile:
    return client_service.ClientProfile(
        name=form.name.data.strip(),
        email=form.email.data or None,
        sex=form.sex.data,
        birth_date=form.birth_date.data,
        height_cm=form.height_in_cm(),
        started_on=form.started_on.data,
        activity_level=form.activity_level.data,
        weekly_goal_lb=float(form.weekly_goal_lb.data),
        experience=form.experience.data,
        days_per_week=form.days_per_week.data,
        equipment=form.equipment.data,
        focus=sorted(form.focus.data or []),
        injuries=form.injuries.data or "",
        notes=form.notes.data or "",
        timezone=form.timezone.data,
        unit=form.unit.data,
    )


@bp.get("/clients")
@trainer_required
def roster():
    """Every client of the signed-in trainer, searchable and sortable."""
    view = roster_service.RosterQuery.from_args(request.args)
    rows = roster_service.roster(db.session, current_user, view, now=clock.now())
    return render_template("trainer/roster.html", rows=rows, view=view)


@bp.route("/clients/new", methods=["GET", "POST"])
@trainer_required
def new_client():
    """Add a client; when an email is given, show the invitation link to pass on."""
    form = ClientForm()
    if request.method == "GET":
        form.timezone.data, form.unit.data = current_user.timezone, current_user.unit
        form.started_on.data = clock.today_in(current_user.timezone)
    if form.validate_on_submit():
        try:
            created = client_service.create_client(
                db.session, current_user, _profile_from(form), now=clock.now(), secret_key=current_app.secret_key
            )
        except Conflict as error:
            db.session.rollback()
            form.email.errors = [str(error).split(": ", 1)[-1]]
        else:
            flash(f"{created.client.name} was added to your clients.", "success")
            return redirect(url_for("trainer.client_detail", client_id=created.client.id))
    return render_template("trainer/client_form.html", form=form, client=None)


@bp.get("/clients/<int:client_id>")
@trainer_required
def client_detail(client_id: int):
    """A client's profile, calorie targets and invitation status."""
    client = own_client_or_404(client_id)
    now = clock.now()
    invitation = invitations.current_invitation(db.session, client.id, now=now)
    invite_url = (
        _invite_url(invitations.token_for(invitation, secret_key=current_app.secret_key)) if invitation else None
    )
    return render_template(
        "trainer/client_detail.html",
        client=client,
        invitation=invitation,
        invite_url=invite_url,
        calories=calorie_panel(db.session, client, today=clock.today_in(client.timezone, now)),
        days_note=days_per_week_note(client.days_per_week),
    )


@bp.route("/clients/<int:client_id>/edit", methods=["GET", "POST"])
@trainer_required
def edit_client(client_id: int):
    """Change any profile field of a client."""
    client = own_client_or_404(client_id)
    form = ClientForm(obj=client)
    if request.method == "GET":
        form.show_height(client.height_cm, client.unit)
        form.weekly_goal_lb.data = f"{client.weekly_goal_lb:.1f}"
    if form.validate_on_submit():
        changes = {name: getattr(_profile_from(form), name) for name in client_service.PROFILE_FIELDS}
        try:
            client_service.update_client(db.session, client, changes)
        except Conflict as error:
            db.session.rollback()
            form.email.errors = [str(error).split(": ", 1)[-1]]
        else:
            flash(f"{client.name}'s profile was saved.", "success")
            return redirect(url_for("trainer.client_detail", client_id=client.id))
    return render_template("trainer/client_form.html", form=form, client=client)


@bp.post("/clients/<int:client_id>/archive")
@trainer_required
def archive_client(client_id: int):
    """Archive a client (hidden from the roster and the weekly jobs; their data is kept)."""
    client = own_client_or_404(client_id)
    client_service.set_archived(db.session, client, True, now=clock.now())
    flash(f"{client.name} was archived. Find them under “Archived” on the clients page.", "success")
    return redirect(url_for("trainer.roster"))


@bp.post("/clients/<int:client_id>/restore")
@trainer_required
def restore_client(client_id: int):
    """Bring an archived client back to the roster."""
    client = own_client_or_404(client_id)
    client_service.set_archived(db.session, client, False)
    flash(f"{client.name} is back on your roster.", "success")
    return redirect(url_for("trainer.client_detail", client_id=client.id))


@bp.post("/clients/<int:client_id>/invitation")
@trainer_required
def reinvite_client(client_id: int):
    """Issue a fresh invitation link (the previous one stops working)."""
    client = own_client_or_404(client_id)
    try:
        client_service.reissue_invitation(db.session, client, now=clock.now(), secret_key=current_app.secret_key)
    except Conflict as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        flash("A new invitation link was created; the previous link no longer works.", "success")
    return redirect(url_for("trainer.client_detail", client_id=client.id))
