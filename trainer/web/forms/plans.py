"""Forms of the plan editor: one plan item, and a trainer's choice for a movement.

Loads are typed in the client's unit and handed to the services in kg. The forms check
presence, formats and ranges; the services check the same rules (and the muscle-group and
equipment rules) again, and their errors are shown on the same fields.
"""

from __future__ import annotations

import math
import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ...domain import limits
from ...domain.progression import format_load
from ...domain.units import from_kg, to_kg
from ...services.plan_edits import SETS, ItemEdit

#: A movement choice as the editor posts it: follow the rules, hold, or switch (to an exercise id).
DECISION = re.compile(r"^(rules|hold|switch(:\d{1,9})?)$")


def _load_rule(unit: str) -> str:
    low, high = limits.LOAD_KG
    if unit == "kg":
        return f"must be between {low:g} and {high:g} kg, or blank"
    return f"must be between {math.ceil(from_kg(low, unit)):g} and {math.floor(from_kg(high, unit)):g} lb, or blank"


def _whole(label: str, what: str, bounds: tuple[int, int]) -> IntegerField:
    low, high = bounds
    message = f"must be a whole number from {low} to {high}."
    return IntegerField(label, validators=[InputRequired(message=f"enter {what}."), NumberRange(low, high, message)])


class ItemForm(FlaskForm):
    """An item's exercise, sets, rep range, load (client's unit; blank: body weight or their choice) and note."""

    exercise_id = SelectField("Exercise", coerce=int, validators=[InputRequired(message="choose an exercise.")])
    sets = _whole("Sets", "the sets", SETS)
    rep_min = _whole("Reps from", "the fewest reps", limits.REPS)
    rep_max = _whole("Reps to", "the most reps", limits.REPS)
    load = DecimalField("Load", places=None, validators=[Optional()])
    note = TextAreaField("Note for the client (optional)", validators=[Length(max=limits.NOTES_MAX)])
    every_session = BooleanField("Make the same change in every session of this week", default=True)

    def __init__(self, *args, unit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.load.label.text = f"Load ({unit})"

    def validate_rep_max(self, field: IntegerField) -> None:
        if field.data is not None and self.rep_min.data is not None and field.data < self.rep_min.data:
            raise ValidationError(f"must not be below the fewest reps ({self.rep_min.data}).")

    def validate_load(self, field: DecimalField) -> None:
        if field.data is not None and not limits.LOAD_KG[0] <= self.load_kg() <= limits.LOAD_KG[1]:
            raise ValidationError(f"{_load_rule(self.unit)} for body weight or the client's choice.")

    def load_kg(self) -> float | None:
        """The load entered, in kilograms (None when blank)."""
        return None if self.load.data is None else to_kg(float(self.load.data), self.unit)

    def show(self, item) -> None:
        """Fill the form from a stored plan item."""
        self.exercise_id.data, self.sets.data = item.exercise_id, item.sets
        self.rep_min.data, self.rep_max.data, self.note.data = item.rep_min, item.rep_max, item.note
        self.load.data = None if item.load_kg is None else format_load(item.load_kg, self.unit).split()[0]

    def edit(self) -> ItemEdit:
        """The change to hand to the service."""
        return ItemEdit(
            exercise_id=self.exercise_id.data,
            sets=self.sets.data,
            rep_min=self.rep_min.data,
            rep_max=self.rep_max.data,
            load_kg=self.load_kg(),
            note=self.note.data or "",
            every_session=self.every_session.data,
        )

    def show_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put a service's ``InvalidInput`` messages on the fields they concern."""
        fields = {"exercise_id": self.exercise_id, "sets": self.sets, "rep_min": self.rep_min, "rep_max": self.rep_max}
        fields |= {"load_kg": self.load, "note": self.note}
        for key, messages in errors.items():
            field = fields.get(key)
            if field is None:
                self.form_errors.extend(f"{key}: {m}" for m in messages)
            else:
                field.errors = [*field.errors, *messages]


class OverrideForm(FlaskForm):
    """A movement and what to do with it: ``rules``, ``hold`` or ``switch:<exercise id>``."""

    movement = StringField("Movement", validators=[InputRequired(), Length(max=60)])
    decision = StringField("Decision", validators=[InputRequired(), Regexp(DECISION, message="choose from the list.")])

    def action(self) -> tuple[str | None, int | None]:
        """The override action (None: follow the rules) and the exercise to switch to, if named."""
        action, _, exercise_id = self.decision.data.partition(":")
        return (None if action == "rules" else action), (int(exercise_id) if exercise_id else None)
