"""Public pages: the start page, and the plotly.js bundle served from the app itself."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, redirect, render_template, send_file, url_for
from flask_login import current_user

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    """Signed-in users go to their own start page; visitors see what the product is."""
    if current_user.is_authenticated:
        return redirect(url_for("trainer.roster" if current_user.is_trainer else "client.home"))
    return render_template("landing.html")


@bp.get("/vendor/plotly.min.js")
def plotly_js():
    """plotly.js from the installed plotly package (never a CDN), cached for a day."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return send_file(path, mimetype="text/javascript", max_age=86400)
