"""Select options in the form WTForms 3.3+ expects (tuples are deprecated)."""

from __future__ import annotations

from collections.abc import Iterable

from wtforms.fields.choices import SelectChoice


def choices(pairs: Iterable[tuple[str, str] | str]) -> list[SelectChoice]:
    """``SelectChoice`` options from (value, label) pairs or plain values."""
    return [SelectChoice(p) if isinstance(p, str) else SelectChoice(p[0], p[1]) for p in pairs]
