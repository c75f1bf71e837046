"""Account pages: trainer sign-up, log in, log out, a client's invitation, password reset.

Log in and the reset request are throttled per IP address and per account (the email
posted) at ``LOGIN_RATE_LIMIT``; past it they answer 429.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import clock
from ..extensions import db, limiter
from ..models import User
from ..services import accounts
from ..services.errors import Conflict, InvalidInput, ServiceError
from ..services.mail import MailSettings
from . import login_sessions
from .forms.auth import PASSWORD_HINT, LoginForm, ResetRequestForm, SetPasswordForm, SignupForm

bp = Blueprint("auth", __name__)

TOO_MANY_ATTEMPTS = "Too many attempts in a short time. Please wait a minute, then try again."


def _attempt_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_key() -> str:
    """The rate-limit key of the account named in the posted form or JSON body (its normalised email)."""
    body = request.get_json(silent=True) if request.is_json else None
    email = body.get("email") if isinstance(body, dict) else request.form.get("email")
    return "account:" + accounts.normalise_email(email if isinstance(email, str) else "")


throttle_per_ip = limiter.limit(_attempt_limit, methods=["POST"], error_message=TOO_MANY_ATTEMPTS)
throttle_per_account = limiter.limit(
    _attempt_limit, key_func=_account_key, methods=["POST"], error_message=TOO_MANY_ATTEMPTS
)


def _start_session(user: User) -> None:
    """Forget everything the old session held, then sign ``user`` in on a new login session."""
    login_sessions.begin(user)


def _local_target(target: str | None) -> str | None:
    """``target`` if it is a path on this site (so ``next`` cannot send anyone elsewhere)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def _page(template: str, form, **context) -> tuple[str, int]:
    """Render a form page: 200 when shown, 422 when a submission was not accepted."""
    status = 422 if request.method == "POST" else 200
    return render_template(template, form=form, password_hint=PASSWORD_HINT, **context), status


def _link_problem(error: ServiceError) -> tuple[str, int]:
    """The page for an invitation or reset link that cannot be used, with why."""
    status = (410 if error.gone else 404) if isinstance(error, accounts.LinkError) else 409
    return render_template("auth/link_problem.html", message=str(error), status=status), status


def _secret_key() -> str:
    return current_app.secret_key


@bp.route("/signup", methods=["GET", "POST"])
def signup() -> Response | tuple[str, int]:
    """Create a trainer account, then sign the new trainer in."""
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = SignupForm()
    if form.validate_on_submit():
        try:
            user = accounts.sign_up_trainer(
                db.session,
                name=form.name.data,
                email=form.email.data,
                password=form.password.data,
                timezone=form.timezone.data,
                unit=form.unit.data,
                now=clock.now(),
            )
        except (Conflict, InvalidInput) as error:
            _show_on_form(form, error)
        else:
            _start_session(user)
            flash(f"Welcome, {user.name}. Your trainer account is ready: add your first client.", "success")
            return redirect(url_for("trainer.roster"))
    return _page("auth/signup.html", form)


def _show_on_form(form, error: Conflict | InvalidInput) -> None:
    """Put a service's refusal next to the field it names (or above the form)."""
    errors = error.errors if isinstance(error, InvalidInput) else {error.field or "": [str(error)]}
    for name, messages in errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, *messages]
        else:
            form.form_errors.extend(messages)


@bp.route("/login", methods=["GET", "POST"])
@throttle_per_ip
@throttle_per_account
def login() -> Response | tuple[str, int]:
    """Sign in with email and password; a new session starts on success."""
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(db.session, form.email.data, form.password.data, now=clock.now())
        if user is not None:
            _start_session(user)
            flash(f"Welcome back, {user.name}.", "success")
            return redirect(_local_target(request.args.get("next")) or url_for("pages.home"))
        flash("That email and password do not match an account. Check them and try again.", "error")
    return _page("auth/login.html", form)


@bp.post("/logout")
def logout() -> Response:
    """End the login session for good (the form carries a CSRF token, like every POST)."""
    login_sessions.end()
    flash("You have logged out.", "info")
    return redirect(url_for("pages.home"))


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> Response | tuple[str, int]:
    """A client chooses a first password from their trainer's one-time link, and is signed in."""
    now = clock.now()
    try:
        invitation = accounts.open_client_invitation(db.session, token, now=now, secret_key=_secret_key())
        form = SetPasswordForm()
        if form.validate_on_submit():
            user = accounts.accept_invitation(db.session, token, form.password.data, now=now, secret_key=_secret_key())
            _start_session(user)
            flash(f"Welcome, {user.name}. Your password is set and you are signed in.", "success")
            return redirect(url_for("client.home"))
    except (accounts.LinkError, Conflict) as error:
        return _link_problem(error)
    return _page("auth/accept_invitation.html", form, client=invitation.client)


@bp.route("/reset", methods=["GET", "POST"])
@throttle_per_ip
@throttle_per_account
def forgot_password() -> Response | tuple[str, int]:
    """Ask for a password reset link by email; the answer never says whether the account exists."""
    form = ResetRequestForm()
    hours = current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"]
    if form.validate_on_submit():
        accounts.request_password_reset(
            db.session,
            form.email.data,
            now=clock.now(),
            secret_key=_secret_key(),
            max_age_hours=hours,
            link_for=lambda token: url_for("auth.reset_password", token=token, _external=True),
            mail=MailSettings.from_config(current_app.config),
        )
        flash(
            f"If an account exists for {form.email.data}, we have sent it a link to choose a new password. "
            f"The link works for {hours} hours.",
            "info",
        )
        return redirect(url_for("auth.login"))
    return _page("auth/forgot_password.html", form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> Response | tuple[str, int]:
    """Choose a new password from a reset link; every other session ends and this one starts."""
    hours = current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"]
    link = {"now": clock.now(), "secret_key": _secret_key(), "max_age_hours": hours}
    try:
        user = accounts.open_password_reset(db.session, token, **link)
        form = SetPasswordForm()
        if form.validate_on_submit():
            user = accounts.reset_password(db.session, token, form.password.data, **link)
            _start_session(user)
            flash("Your password has been changed, and every other session has been signed out.", "success")
            return redirect(url_for("pages.home"))
    except accounts.LinkError as error:
        return _link_problem(error)
    return _page("auth/reset_password.html", form, user=user)
