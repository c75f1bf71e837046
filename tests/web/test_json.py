"""JSON responses: orjson writes the bytes Flask's default provider would."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup

from trainer.web.json import OrjsonProvider


@dataclass
class Point:
    x: int
    y: float


VALUES = [
    {"b": 1, "a": [1.5, 2, None, True, False, "x"], "c": {"z": 0, "y": -3}},
    {"items": [{"id": 3, "date": "2026-01-05", "weight_kg": 72.46}], "next_cursor": None},
    [70.1, 399.99, 20.0, 0.1 + 0.2, 1e15, -0.0, 123456.789],
    {"on": date(2026, 1, 5), "at": datetime(2026, 1, 5, 13, 0, tzinfo=UTC)},
    {"price": Decimal("1.10"), "id": uuid.UUID(int=5)},
    Point(1, 2.5),
    Markup("<b>bold</b>"),
    {"name": "Zoë — ✓", "emoji": "🏋"},
    {"del": "\x7f", "controls": '\x00\x1f\n\t"\\/'},
    {"big": 2**70, "small": -(2**63)},
    {1: "an int key"},
    "text",
    None,
    [],
    {},
]


@pytest.mark.parametrize("value", VALUES)
def test_json_responses_are_the_bytes_of_flasks_default_provider(app, value):
    assert isinstance(app.json, OrjsonProvider)
    default = DefaultJSONProvider(app)
    ours, theirs = app.json.response(value), default.response(value)
    assert ours.get_data() == theirs.get_data()
    assert ours.mimetype == theirs.mimetype == "application/json"


def test_several_values_or_keywords_make_a_list_or_an_object(app):
    default = DefaultJSONProvider(app)
    assert app.json.response(1, "a").get_data() == default.response(1, "a").get_data()
    assert app.json.response(b=2, a=1).get_data() == default.response(b=2, a=1).get_data()


def test_what_cannot_be_written_is_still_a_type_error(app):
    with pytest.raises(TypeError):
        app.json.response({"thing": object()})
