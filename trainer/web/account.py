"""The account settings page: name, time zone, weight unit, password and open sessions of the signed-in user."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user

from .. import clock
from ..extensions import db
from ..services import accounts, login_sessions
from ..services.errors import InvalidInput
from . import login_sessions as web_sessions
from .access import member_required
from .forms.account import ChangePasswordForm, PreferencesForm
from .forms.auth import PASSWORD_HINT

bp = Blueprint("account", __name__)


def _render(preferences: PreferencesForm, password: ChangePasswordForm, status: int = 200):
    current = web_sessions.current_key()
    return render_template(
        "account.html",
        preferences=preferences,
        password=password,
        password_hint=PASSWORD_HINT,
        sessions=login_sessions.open_sessions(
            db.session, current_user, now=clock.now(), max_idle=web_sessions.max_idle()
        ),
        current_hash=login_sessions.key_hash(current) if current else None,
    ), status


@bp.route("/account", methods=["GET", "POST"])
@member_required
def settings():
    """Show the settings; save the preferences (the password form posts to its own route)."""
    preferences = PreferencesForm(obj=current_user)
    if request.method == "POST" and preferences.validate():
        accounts.update_preferences(
            db.session,
            current_user,
            name=preferences.name.data,
            timezone=preferences.timezone.data,
            unit=preferences.unit.data,
        )
        flash("Your settings were saved.", "success")
        return redirect(url_for("account.settings"))
    return _render(preferences, ChangePasswordForm(), 422 if request.method == "POST" else 200)


@bp.post("/account/password")
@member_required
def change_password():
    """Change the password; every other session and API token of the user ends."""
    form = ChangePasswordForm()
    if form.validate():
        try:
            accounts.change_password(
                db.session,
                current_user,
                current_password=form.current_password.data,
                new_password=form.password.data,
                now=clock.now(),
                keep_session=web_sessions.current_key(),
            )
        except InvalidInput as error:
            form.current_password.errors = list(error.errors["current_password"])
        else:
            login_user(current_user)  # keep this session: the user id it remembers names the new password
            flash("Your password was changed. Other sessions and API tokens were signed out.", "success")
            return redirect(url_for("account.settings"))
    return _render(PreferencesForm(obj=current_user), form, 422)


@bp.post("/account/sessions/sign-out-others")
@member_required
def sign_out_other_sessions():
    """End every login session of the user but this one."""
    ended = login_sessions.revoke_all(db.session, current_user.id, now=clock.now(), keep=web_sessions.current_key())
    db.session.commit()
    flash(
        "You were signed out on your other devices." if ended else "There were no other sessions to sign out.",
        "success" if ended else "info",
    )
    return redirect(url_for("account.settings"))
