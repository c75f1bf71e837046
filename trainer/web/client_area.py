"""The client's own pages: their week, their numbers."""

from __future__ import annotations

from flask import Blueprint, render_template

from .. import clock
from ..extensions import db
from ..services.calories import calorie_panel
from ..services.client_week import client_week
from .access import client_required, current_client_or_404

bp = Blueprint("client", __name__, url_prefix="/me")


@bp.get("")
@client_required
def home():
    """The signed-in client's home: this week's published plan by day, calorie targets, quick links to log."""
    client = current_client_or_404()
    today = clock.today_in(client.timezone)
    return render_template(
        "client/home.html",
        client=client,
        today=today,
        week=client_week(db.session, client, today=today),
        calories=calorie_panel(db.session, client, today=today),
    )
