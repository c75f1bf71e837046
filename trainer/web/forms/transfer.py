"""The import upload form: a CSV file, what kind of file it is, and the unit of a Strong file."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField
from wtforms.validators import InputRequired

from .choices import choices

KIND_CHOICES = [
    ("weigh-ins", "Weigh-ins (date, weight, unit)"),
    ("strong", "Workouts exported from Strong"),
    ("hevy", "Workouts exported from Hevy"),
]
UNIT_CHOICES = [("kg", "Kilograms (kg)"), ("lb", "Pounds (lb)")]


class ImportForm(FlaskForm):
    """Upload a file to preview what it would import."""

    file = FileField("CSV file", validators=[FileRequired(message="choose the CSV file to import.")])
    kind = SelectField("Kind of file", choices=choices(KIND_CHOICES), default="weigh-ins", validators=[InputRequired()])
    unit = SelectField("Weights in the Strong file are in", choices=choices(UNIT_CHOICES), default="kg")
