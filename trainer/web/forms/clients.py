"""The client profile form: every profile field, with heights in cm or ft/in and weights in kg or lb."""

from __future__ import annotations

from zoneinfo import available_timezones

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ...domain import limits
from ...domain.units import cm_to_ft_in, ft_in_to_cm
from .choices import choices

WEEKLY_GOAL_CHOICES = [
    ("-2.0", "Lose 2 lb (0.9 kg) per week"),
    ("-1.5", "Lose 1.5 lb (0.7 kg) per week"),
    ("-1.0", "Lose 1 lb (0.45 kg) per week"),
    ("-0.5", "Lose 0.5 lb (0.2 kg) per week"),
    ("0.0", "Maintain weight"),
    ("0.5", "Gain 0.5 lb (0.2 kg) per week"),
    ("1.0", "Gain 1 lb (0.45 kg) per week"),
    ("1.5", "Gain 1.5 lb (0.7 kg) per week"),
    ("2.0", "Gain 2 lb (0.9 kg) per week"),
]
ACTIVITY_CHOICES = [
    ("sedentary", "Sedentary (little or no exercise)"),
    ("light", "Lightly active (1-3 days a week)"),
    ("moderate", "Moderately active (3-5 days a week)"),
    ("very", "Very active (6-7 days a week)"),
    ("extra", "Extra active (hard training or a physical job)"),
]
FOCUS_CHOICES = [(g, g.capitalize()) for g in ("back", "chest", "shoulders", "legs", "biceps", "triceps", "core")]
TIMEZONE_CHOICES = sorted(available_timezones() - {"localtime", "Factory"})


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _valid_timezone(form, field) -> None:
    if field.data not in available_timezones():
        raise ValidationError("choose a time zone from the list (an IANA name such as Europe/London).")


class ClientForm(FlaskForm):
    """Create or edit a client's profile."""

    name = StringField("Name", validators=[InputRequired(), Length(max=limits.NAME_MAX)])
    email = EmailField(
        "Email", validators=[Optional(), Email(message="enter a valid email address, like name@example.com.")]
    )
    sex = SelectField("Sex", choices=choices([("female", "Female"), ("male", "Male")]), validators=[InputRequired()])
    birth_date = DateField("Birth date", validators=[InputRequired(message="enter the birth date.")])
    height_unit = SelectField(
        "Height in", choices=choices([("cm", "Centimetres"), ("ft_in", "Feet and inches")]), default="cm"
    )
    height_cm = DecimalField("Height (cm)", places=1, validators=[Optional()])
    height_ft = IntegerField("Height (ft)", validators=[Optional(), NumberRange(min=3, max=8)])
    height_in = DecimalField("(in)", places=1, validators=[Optional(), NumberRange(min=0, max=11.9)])
    unit = SelectField("Weight unit", choices=choices([("kg", "Kilograms (kg)"), ("lb", "Pounds (lb)")]), default="kg")
    timezone = SelectField("Time zone", choices=choices(TIMEZONE_CHOICES), default="UTC", validators=[_valid_timezone])
    weekly_goal_lb = SelectField("Weekly goal", choices=choices(WEEKLY_GOAL_CHOICES), default="0.0")
    activity_level = SelectField("Activity level", choices=choices(ACTIVITY_CHOICES), default="light")
    experience = SelectField(
        "Experience",
        choices=choices([("beginner", "Beginner"), ("intermediate", "Intermediate"), ("advanced", "Advanced")]),
        default="beginner",
    )
    days_per_week = IntegerField(
        "Training days per week",
        default=3,
        validators=[
            InputRequired(message="enter a number of days from 2 to 5."),
            NumberRange(*limits.DAYS_PER_WEEK, message="must be from 2 to 5 days (the guideline is 3-4)."),
        ],
    )
    equipment = SelectField(
        "Equipment",
        choices=choices(
            [("bodyweight", "Body weight only"), ("dumbbells", "Dumbbells at home"), ("gym", "A full gym")]
        ),
        default="bodyweight",
    )
    focus = MultiCheckboxField("Focus areas", choices=choices(FOCUS_CHOICES))
    started_on = DateField("Coaching started on", validators=[InputRequired(message="enter the start date.")])
    injuries = TextAreaField("Injuries and limitations", validators=[Length(max=limits.NOTES_MAX)])
    notes = TextAreaField("Notes", validators=[Length(max=limits.NOTES_MAX)])

    def validate_birth_date(self, field) -> None:
        if field.data and field.data < limits.EARLIEST_DATE:
            raise ValidationError("must not be before 1900.")

    def validate_height_cm(self, field) -> None:
        if self.height_unit.data == "cm":
            low, high = limits.HEIGHT_CM
            if field.data is None:
                raise ValidationError("enter the height in centimetres.")
            if not low <= float(field.data) <= high:
                raise ValidationError(f"must be between {low:.0f} and {high:.0f} cm.")

    def validate_height_ft(self, field) -> None:
        if self.height_unit.data == "ft_in":
            if field.data is None:
                raise ValidationError("enter the height in feet and inches.")
            cm = ft_in_to_cm(field.data, float(self.height_in.data or 0))
            low, high = limits.HEIGHT_CM
            if not low <= cm <= high:
                raise ValidationError(f"must be between {low:.0f} and {high:.0f} cm (3 ft 4 in to 8 ft 2 in).")

    def height_in_cm(self) -> float:
        """The height the person entered, in centimetres."""
        if self.height_unit.data == "ft_in":
            return round(ft_in_to_cm(self.height_ft.data, float(self.height_in.data or 0)), 1)
        return round(float(self.height_cm.data), 1)

    def show_height(self, height_cm: float, unit: str) -> None:
        """Fill the height fields from a stored height, in feet and inches for clients who use pounds."""
        self.height_cm.data = round(height_cm, 1)
        feet, inches = cm_to_ft_in(height_cm)
        self.height_ft.data, self.height_in.data = feet, round(inches, 1)
        self.height_unit.data = "ft_in" if unit == "lb" else "cm"
