"""Forms of the logbook pages: a weigh-in, and a workout made of rows of sets.

Weights and loads are typed in the client's unit (kg or lb) and handed to the services in
kg. The forms check presence, formats and ranges, and name the rule in the client's unit;
the services check the same rules again and their errors are shown on the same fields.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Field, FieldList, Form, FormField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput, NumberInput

from ...domain import limits
from ...domain.exercises import MuscleGroup
from ...domain.units import from_kg, round_half_up, to_kg
from ...models import Exercise
from ...services.logbook import SetEntry

#: Rows a new workout form offers without JavaScript (blank rows are ignored).
BLANK_ROWS = 8
#: Blank rows added below the existing sets of a workout being edited.
EXTRA_ROWS = 4
#: The most rows one submission may carry.
MAX_ROWS = 100


def amount(kg: float, unit: str) -> str:
    """A weight in ``unit`` as typed into a form or shown in a summary: ``"16"``, ``"16.25"``, ``"35.5"``.

    Kilograms keep two decimals (stored weights have two); pounds one (0.01 kg is 0.02 lb).
    """
    decimals = 1 if unit == "lb" else 2
    return f"{round_half_up(from_kg(kg, unit), decimals):.{decimals}f}".rstrip("0").rstrip(".")


def _range_rule(kg_range: tuple[float, float], unit: str) -> str:
    """``"between 20 and 400 kg"``, or ``"between 44.1 and 881.8 lb (20 to 400 kg)"``."""
    low, high = kg_range
    if unit == "kg":
        return f"between {low:g} and {high:g} kg"
    # Round inwards so that both figures shown are really allowed.
    low_lb, high_lb = math.ceil(from_kg(low, unit) * 10) / 10, math.floor(from_kg(high, unit) * 10) / 10
    return f"between {low_lb:g} and {high_lb:g} lb ({low:g} to {high:g} kg)"


class NumberField(Field):
    """A decimal number (a comma is accepted as the decimal mark); blank is ``None``."""

    def __init__(self, label=None, validators=None, message="enter a number, like 72.5.", **kwargs):
        super().__init__(label, validators, widget=NumberInput(step="any"), **kwargs)
        self.message = message

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else ("" if self.data is None else str(self.data))

    def process_formdata(self, valuelist) -> None:
        text = valuelist[0].strip().replace(",", ".") if valuelist else ""
        self.data = None
        if text:
            try:
                number = Decimal(text)
            except InvalidOperation:
                raise ValueError(self.message) from None
            if not number.is_finite():
                raise ValueError(self.message)
            self.data = number


class WholeNumberField(IntegerField):
    """A whole number with a message that says so when it is not one; blank is ``None``."""

    def __init__(self, label=None, validators=None, message="enter a whole number.", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.message = message

    def process_formdata(self, valuelist) -> None:
        text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if text:
            if not (text.isascii() and text.isdigit()) or len(text) > 6:
                raise ValueError(self.message)
            self.data = int(text)


class DayField(DateField):
    """A calendar date that the client's rules check: not after today, not before 1900."""

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("enter a date as YYYY-MM-DD, like 2026-03-03.") from None


def _check_day(form: _LogForm, field: DayField) -> None:
    if field.data is None:
        return
    if field.data > form.today:
        today = f"{form.today:%a} {form.today.day} {form.today:%b %Y}"
        raise ValidationError(f"must not be after today ({today} in the {form.zone} time zone).")
    if field.data < limits.EARLIEST_DATE:
        raise ValidationError("must not be before 1 Jan 1900.")


class _LogForm(FlaskForm):
    """A logbook form that knows the client's unit and today's date in the client's zone."""

    def __init__(self, *args, unit: str, today: date, zone: str, **kwargs):
        self.unit, self.today, self.zone = unit, today, zone
        super().__init__(*args, **kwargs)
        self.date.render_kw = {"max": today.isoformat(), "min": limits.EARLIEST_DATE.isoformat()}

    def _show_errors(self, errors: dict[str, list[str]], fields: dict[str, Field]) -> None:
        for key, messages in errors.items():
            field = fields.get(key)
            target = field.errors if field is not None else self.form_errors
            if isinstance(target, tuple):  # a field that was never validated
                field.errors = target = []
            target.extend(messages if field is not None else [f"{key}: {m}" for m in messages])

    @property
    def has_errors(self) -> bool:
        """Whether any field or the form as a whole has an error to show."""
        return bool(self.errors)


class WeighInForm(_LogForm):
    """A body weight on a date, in the client's unit."""

    date = DayField("Date", validators=[InputRequired(message="enter the date of the weigh-in."), _check_day])
    weight = NumberField("Weight", validators=[InputRequired(message="enter the weight.")])

    def __init__(self, *args, unit: str, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        self.weight.label.text = f"Weight ({unit})"
        self.weight.render_kw = {"inputmode": "decimal", "autofocus": True}

    def validate_weight(self, field: NumberField) -> None:
        if field.data is not None and not limits.WEIGHT_KG[0] <= self.weight_kg() <= limits.WEIGHT_KG[1]:
            raise ValidationError(f"must be {_range_rule(limits.WEIGHT_KG, self.unit)}.")

    def weight_kg(self) -> float:
        """The weight entered, in kilograms."""
        return to_kg(float(self.weight.data), self.unit)

    def show(self, on: date, weight_kg: float) -> None:
        """Fill the form from a stored weigh-in."""
        self.date.data, self.weight.data = on, amount(weight_kg, self.unit)

    def show_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put a service's ``InvalidInput`` messages on the fields they concern."""
        self._show_errors(errors, {"date": self.date, "weight_kg": self.weight})


class SetRow(Form):
    """One row of the sets table: an exercise, reps, load and an optional RPE."""

    exercise_id = WholeNumberField("Exercise", message="choose an exercise from the list.")
    reps = WholeNumberField("Reps", message="must be a whole number from 1 to 100.")
    load = NumberField("Load", message="enter a number, like 12.5 (leave it blank for body weight).")
    rpe = NumberField("RPE", message="enter a number from 1 to 10, like 8 or 7.5.")
    remove = BooleanField("Remove")

    def is_blank(self) -> bool:
        """Whether the row was left empty (or marked for removal): it is ignored."""
        return self.remove.data or not any(f.raw_data and f.raw_data[0].strip() for f in self if f is not self.remove)


def exercise_groups(library: Iterable[Exercise]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The library as ``(muscle group, [(id, name), ...])``, grouped by each exercise's main muscle group."""
    groups: dict[str, list[tuple[int, str]]] = {group.value: [] for group in MuscleGroup}
    for exercise in library:
        groups.setdefault(exercise.muscle_groups[0], []).append((exercise.id, exercise.name))
    return [(name.capitalize(), sorted(items, key=lambda item: item[1])) for name, items in groups.items() if items]


class WorkoutForm(_LogForm):
    """A workout: a date, optional notes and rows of sets; blank rows are ignored."""

    date = DayField("Date", validators=[InputRequired(message="enter the date of the workout."), _check_day])
    sets = FieldList(FormField(SetRow), min_entries=BLANK_ROWS, max_entries=MAX_ROWS)
    notes = TextAreaField("Notes (optional)", validators=[Optional(), Length(max=limits.NOTES_MAX)])
    plan_session_id = IntegerField("Planned session", widget=HiddenInput(), validators=[Optional()])

    def __init__(self, *args, library: Sequence[Exercise], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = exercise_groups(library)
        self.exercise_ids = {exercise.id for exercise in library}
        self.sets_errors: list[str] = []

    def rows(self) -> list[SetRow]:
        """The sub-forms of the rows, in order."""
        return [entry.form for entry in self.sets]

    def entered(self) -> list[tuple[int, SetRow]]:
        """The rows that hold a set, with their position in the table."""
        return [(i, row) for i, row in enumerate(self.rows()) if not row.is_blank()]

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        for row in self.rows():
            if row.is_blank():
                for field in row:
                    field.errors = []
            else:
                self._check_row(row)
        if not self.entered():
            self.sets_errors.append("log at least one set: choose an exercise and enter the reps.")
        return not self.has_errors

    @property
    def has_errors(self) -> bool:
        """Whether any field, row or the form as a whole has an error to show."""
        if self.sets_errors or self.form_errors:
            return True
        fields = [field for name, field in self._fields.items() if name != "sets"]
        return any(field.errors for field in fields + [f for row in self.rows() for f in row])

    def _check_row(self, row: SetRow) -> None:
        def fail(field: Field, message: str) -> None:
            if not field.errors:
                field.errors = [message]

        if row.exercise_id.data is None:
            fail(row.exercise_id, "choose an exercise from the list.")
        elif row.exercise_id.data not in self.exercise_ids:
            fail(row.exercise_id, "is not in the exercise library; choose one from the list.")
        if row.reps.data is None:
            fail(row.reps, "enter the reps (a whole number from 1 to 100).")
        elif not limits.REPS[0] <= row.reps.data <= limits.REPS[1]:
            fail(row.reps, "must be a whole number from 1 to 100.")
        low, high = limits.LOAD_KG
        if row.load.data is not None and not low <= to_kg(float(row.load.data), self.unit) <= high:
            fail(row.load, f"must be {_range_rule(limits.LOAD_KG, self.unit)}; leave it blank for body weight.")
        if row.rpe.data is not None and not limits.RPE[0] <= row.rpe.data <= limits.RPE[1]:
            fail(row.rpe, "must be between 1 and 10.")

    def set_entries(self) -> list[SetEntry]:
        """The sets entered, loads in kg, for the logbook service."""
        return [
            SetEntry(
                exercise_id=row.exercise_id.data,
                reps=row.reps.data,
                load_kg=to_kg(float(row.load.data or 0), self.unit),
                rpe=float(row.rpe.data) if row.rpe.data is not None else None,
            )
            for _, row in self.entered()
        ]

    def show(self, on: date, sets: Iterable, notes: str = "") -> None:
        """Fill the form from a stored workout, with blank rows below its sets."""
        self.date.data, self.notes.data = on, notes
        while len(self.sets):
            self.sets.pop_entry()
        stored = [
            {
                "exercise_id": s.exercise_id,
                "reps": s.reps,
                "load": amount(s.load_kg, self.unit) if s.load_kg else None,
                "rpe": f"{s.rpe:g}" if s.rpe is not None else None,
            }
            for s in sets
        ]
        for data in stored + [{}] * max(EXTRA_ROWS, BLANK_ROWS - len(stored)):
            self.sets.append_entry(data)

    def show_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put a service's ``InvalidInput`` messages on the rows and fields they concern."""
        fields: dict[str, Field] = {"date": self.date, "plan_session_id": self.plan_session_id}
        for n, (_, row) in enumerate(self.entered()):
            keys = {"exercise_id": row.exercise_id, "reps": row.reps, "load_kg": row.load, "rpe": row.rpe}
            fields.update({f"sets[{n}].{key}": field for key, field in keys.items()})
        if "sets" in errors:
            self.sets_errors.extend(errors.pop("sets"))
        self._show_errors(errors, fields)
