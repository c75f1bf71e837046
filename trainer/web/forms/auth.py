"""Forms of the account pages: sign up, log in, set a password, ask for a reset link."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, Field, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import AnyOf, Email, EqualTo, InputRequired, Length, ValidationError

from ...domain.timezones import is_time_zone, time_zone_names

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
PASSWORD_HINT = f"At least {MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong, memorable one."
UNIT_CHOICES = [SelectChoice("kg", "Kilograms (kg)"), SelectChoice("lb", "Pounds (lb)")]


def _normalise_email(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _known_time_zone(form: FlaskForm, field: Field) -> None:
    if not is_time_zone(field.data):
        raise ValidationError("unknown time zone; choose one from the list (an IANA name such as Europe/London).")


def _email_field(label: str = "Email") -> EmailField:
    return EmailField(
        label,
        validators=[
            InputRequired(message="enter your email address."),
            Length(max=254, message="must be at most 254 characters."),
            Email(message="enter a valid email address, like name@example.com."),
        ],
        filters=[_normalise_email],
    )


def _new_password_field() -> PasswordField:
    return PasswordField(
        "Password",
        validators=[
            InputRequired(message="choose a password."),
            Length(min=MIN_PASSWORD_LENGTH, message=f"must be at least {MIN_PASSWORD_LENGTH} characters."),
            Length(max=MAX_PASSWORD_LENGTH, message=f"must be at most {MAX_PASSWORD_LENGTH} characters."),
        ],
    )


def _confirm_field() -> PasswordField:
    return PasswordField(
        "Confirm password",
        validators=[
            InputRequired(message="type the password again."),
            EqualTo("password", message="must match the password."),
        ],
    )


class SignupForm(FlaskForm):
    """A new trainer account."""

    name = StringField(
        "Name",
        validators=[
            InputRequired(message="enter your name."),
            Length(max=120, message="must be at most 120 characters."),
        ],
        filters=[_strip],
    )
    email = _email_field()
    timezone = SelectField(
        "Time zone", choices=time_zone_names, default="UTC", validate_choice=False, validators=[_known_time_zone]
    )
    unit = SelectField(
        "Weight unit",
        choices=UNIT_CHOICES,
        default="kg",
        validate_choice=False,
        validators=[AnyOf(["kg", "lb"], message="choose kg or lb.")],
    )
    password = _new_password_field()
    confirm = _confirm_field()


class LoginForm(FlaskForm):
    """Email and password. No format check on the email: a wrong one simply does not match."""

    email = EmailField(
        "Email", validators=[InputRequired(message="enter your email address.")], filters=[_normalise_email]
    )
    password = PasswordField("Password", validators=[InputRequired(message="enter your password.")])


class SetPasswordForm(FlaskForm):
    """A new password, typed twice (first password from an invitation, or a reset)."""

    password = _new_password_field()
    confirm = _confirm_field()


class ResetRequestForm(FlaskForm):
    """The email address of the account whose password was forgotten."""

    email = _email_field()
