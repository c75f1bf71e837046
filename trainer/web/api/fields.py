"""Small declarative fields: each one checks a JSON value and describes itself as JSON Schema.

The API's request bodies and responses are built from these, so the OpenAPI document and
the checks cannot drift apart. A field's range can be *documented only* (``enforce=False``)
when a service already enforces it with its own message (the logbook checks weights, reps,
loads, RPE and dates), so that rule lives in one place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email

from ...domain.timezones import is_time_zone
from ...services.errors import InvalidInput

#: The largest id a database integer column holds (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INVALID = object()


class Invalid(ValueError):
    """A value broke a field's rule; the message names the rule."""


class Field:
    """One JSON value: ``parse`` checks and converts it, ``schema`` describes it."""

    def __init__(self, *, nullable: bool = False, description: str | None = None):
        self.nullable = nullable
        self.description = description

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def base_schema(self) -> dict:
        raise NotImplementedError

    def parse_at(self, value: Any, path: str, errors: dict[str, list[str]]) -> Any:
        """The converted value, or ``INVALID`` with the reason recorded under ``path``."""
        if value is None:
            if self.nullable:
                return None
            errors.setdefault(path, []).append("must not be null.")
            return INVALID
        try:
            return self.check(value)
        except Invalid as error:
            errors.setdefault(path, []).append(str(error))
            return INVALID

    def schema(self) -> dict:
        schema = self.base_schema()
        if self.nullable:
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
        if self.description:
            schema["description"] = self.description
        return schema


def _number(value: Any, kind: str) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid(f"must be {kind}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid(f"must be {kind}.")
    return value


class Integer(Field):
    """A whole number (``5.0`` counts) within ``minimum``..``maximum``."""

    def __init__(self, minimum: int | None = None, maximum: int | None = None, *, enforce: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.enforce = minimum, maximum, enforce

    def check(self, value: Any) -> int:
        value = _number(value, "a whole number")
        if isinstance(value, float):
            if not value.is_integer():
                raise Invalid("must be a whole number.")
            value = int(value)
        if self.enforce and (
            (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum)
        ):
            raise Invalid(f"must be a whole number from {self.minimum} to {self.maximum}.")
        return value

    def base_schema(self) -> dict:
        schema: dict = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class Id(Integer):
    """The id of a row: a whole number from 1 to 2^31-1."""

    def __init__(self, **kwargs):
        super().__init__(1, MAX_ID, **kwargs)

    def check(self, value: Any) -> int:
        try:
            return super().check(value)
        except Invalid:
            raise Invalid("must be an id (a whole number from 1).") from None


class Number(Field):
    """A finite number within ``minimum``..``maximum`` (``unit`` names the unit in messages)."""

    def __init__(self, minimum: float, maximum: float, *, unit: str = "", enforce: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.unit, self.enforce = minimum, maximum, unit, enforce

    def check(self, value: Any) -> float:
        value = _number(value, "a number")
        try:
            value = float(value)
        except OverflowError:
            raise Invalid("must be a number of a sensible size.") from None
        if self.enforce and not self.minimum <= value <= self.maximum:
            unit = f" {self.unit}" if self.unit else ""
            raise Invalid(f"must be between {self.minimum:g} and {self.maximum:g}{unit}.")
        return value

    def base_schema(self) -> dict:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


class Boolean(Field):
    def check(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid("must be true or false.")
        return value

    def base_schema(self) -> dict:
        return {"type": "boolean"}


class String(Field):
    """Text of at most ``max_length`` characters (surrounding spaces removed when ``strip``)."""

    def __init__(self, *, min_length: int = 0, max_length: int | None = None, strip: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.min_length, self.max_length, self.strip = min_length, max_length, strip

    def check(self, value: Any) -> str:
        if not isinstance(value, str):
            raise Invalid("must be a string.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Invalid("must be valid Unicode text.") from None
        if "\x00" in value:
            raise Invalid("must not contain NUL characters.")
        if self.strip:
            value = value.strip()
        if len(value) < self.min_length:
            raise Invalid("must not be empty." if self.min_length == 1 else f"needs {self.min_length}+ characters.")
        if self.max_length is not None and len(value) > self.max_length:
            raise Invalid(f"must be at most {self.max_length} characters.")
        return value

    def base_schema(self) -> dict:
        schema: dict = {"type": "string"}
        if self.min_length:
            schema["minLength"] = self.min_length
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        return schema


class Email(String):
    def __init__(self, **kwargs):
        super().__init__(max_length=254, **kwargs)

    def check(self, value: Any) -> str:
        value = super().check(value)
        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError:
            raise Invalid("must be a valid email address, like name@example.com.") from None
        return value

    def base_schema(self) -> dict:
        return {**super().base_schema(), "format": "email"}


class TimeZone(String):
    def __init__(self, **kwargs):
        super().__init__(max_length=64, **kwargs)

    def check(self, value: Any) -> str:
        value = super().check(value)
        if not is_time_zone(value):
            raise Invalid("must be an IANA time zone name, such as Europe/London.")
        return value

    def base_schema(self) -> dict:
        return {**super().base_schema(), "description": "An IANA time zone name, such as Europe/London."}


class Choice(Field):
    """One of a fixed set of strings or numbers."""

    def __init__(self, choices: Iterable, **kwargs):
        super().__init__(**kwargs)
        self.choices = tuple(choices)

    def check(self, value: Any) -> Any:
        numeric = all(isinstance(c, int | float) for c in self.choices)
        if numeric:
            value = _number(value, "a number")
        for choice in self.choices:
            if (numeric or isinstance(value, str)) and value == choice:
                return choice
        raise Invalid(f"must be one of {', '.join(f'{c:g}' if numeric else c for c in self.choices)}.")

    def base_schema(self) -> dict:
        numeric = all(isinstance(c, int | float) for c in self.choices)
        return {"type": "number" if numeric else "string", "enum": list(self.choices)}


class Date(Field):
    """An ISO-8601 calendar date, ``YYYY-MM-DD`` (not before ``earliest`` when given)."""

    def __init__(self, *, earliest: date | None = None, **kwargs):
        super().__init__(**kwargs)
        self.earliest = earliest

    def check(self, value: Any) -> date:
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise Invalid("must be a date as YYYY-MM-DD.")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise Invalid("must be a real calendar date as YYYY-MM-DD.") from None
        if self.earliest and day < self.earliest:
            raise Invalid(f"must not be before {self.earliest.isoformat()}.")
        return day

    def base_schema(self) -> dict:
        return {"type": "string", "format": "date"}


class DateTime(Field):
    """An ISO-8601 timestamp with its offset (responses only)."""

    def base_schema(self) -> dict:
        return {"type": "string", "format": "date-time"}


class ListOf(Field):
    """A JSON array of ``item`` values (at most ``max_items``, distinct when ``unique``)."""

    def __init__(self, item: Field, *, max_items: int | None = None, min_items: int = 0, unique: bool = False, **kw):
        super().__init__(**kw)
        self.item, self.max_items, self.min_items, self.unique = item, max_items, min_items, unique

    def parse_at(self, value: Any, path: str, errors: dict[str, list[str]]) -> Any:
        if not isinstance(value, list):
            return super().parse_at(value, path, errors) if value is None else _fail(errors, path, "must be a list.")
        if self.max_items is not None and len(value) > self.max_items:
            return _fail(errors, path, f"must have at most {self.max_items} items.")
        items = [self.item.parse_at(v, f"{path}[{i}]", errors) for i, v in enumerate(value)]
        if any(item is INVALID for item in items):
            return INVALID
        if self.unique and len(set(map(repr, items))) != len(items):
            return _fail(errors, path, "must not repeat an item.")
        return items

    def base_schema(self) -> dict:
        schema: dict = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


class Object(Field):
    """A JSON object with exactly the keys of ``fields`` (those in ``required`` must be there)."""

    def __init__(self, fields: Mapping[str, Field], required: Iterable[str] = (), **kwargs):
        super().__init__(**kwargs)
        self.fields = dict(fields)
        self.required = tuple(required) if required != "all" else tuple(self.fields)

    def parse_at(self, value: Any, path: str, errors: dict[str, list[str]]) -> Any:
        if not isinstance(value, dict):
            return _fail(errors, path or "body", "must be a JSON object.")
        prefix = f"{path}." if path else ""
        for key in value:
            if key not in self.fields:
                errors.setdefault(f"{prefix}{key}", []).append("is not a field of this request.")
        result = {}
        for key, field in self.fields.items():
            if key in value:
                result[key] = field.parse_at(value[key], f"{prefix}{key}", errors)
            elif key in self.required:
                errors.setdefault(f"{prefix}{key}", []).append("is required.")
        return result

    def parse(self, value: Any) -> dict:
        """The checked body; ``InvalidInput`` naming every bad field otherwise."""
        errors: dict[str, list[str]] = {}
        result = self.parse_at(value, "", errors)
        if errors:
            raise InvalidInput(errors)
        return result

    def base_schema(self) -> dict:
        schema: dict = {
            "type": "object",
            "properties": {key: field.schema() for key, field in self.fields.items()},
            "additionalProperties": False,
        }
        if self.required:
            schema["required"] = list(self.required)
        return schema


def _fail(errors: dict[str, list[str]], path: str, message: str) -> object:
    errors.setdefault(path, []).append(message)
    return INVALID
