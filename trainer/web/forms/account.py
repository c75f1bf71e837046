"""Forms of the account settings page: profile preferences and a password change."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

from ...domain.timezones import time_zone_names
from .auth import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, UNIT_CHOICES, _known_time_zone, _strip
from .choices import choices


class PreferencesForm(FlaskForm):
    """Name, time zone and weight unit of the signed-in user."""

    name = StringField(
        "Name",
        validators=[
            InputRequired(message="enter your name."),
            Length(max=120, message="must be at most 120 characters."),
        ],
        filters=[_strip],
    )
    timezone = SelectField("Time zone", validators=[_known_time_zone])
    unit = SelectField("Weight unit", choices=UNIT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = choices(time_zone_names())


class ChangePasswordForm(FlaskForm):
    """The current password and a new one, typed twice."""

    current_password = PasswordField(
        "Current password", validators=[InputRequired(message="enter your current password.")]
    )
    password = PasswordField(
        "New password",
        validators=[
            InputRequired(message="choose a new password."),
            Length(min=MIN_PASSWORD_LENGTH, message=f"must be at least {MIN_PASSWORD_LENGTH} characters."),
            Length(max=MAX_PASSWORD_LENGTH, message=f"must be at most {MAX_PASSWORD_LENGTH} characters."),
        ],
    )
    confirm = PasswordField(
        "Confirm new password",
        validators=[
            InputRequired(message="type the new password again."),
            EqualTo("password", message="must match the new password."),
        ],
    )
