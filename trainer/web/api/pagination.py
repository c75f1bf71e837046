"""Pages of the API's lists: ``?limit=&cursor=`` in, ``{"items", "next_cursor"}`` out.

Every list has a stable order on a unique key (clients and exercises by id; weigh-ins by
date, newest first; workouts by date then id, newest first). The cursor is opaque to
callers: URL-safe base64 of ``[list kind, *key of the last item]``; the next page holds
the items strictly after that key, so rows added or removed meanwhile never repeat or
skip the others.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import product
from typing import Any

from sqlalchemy import Integer, Select, String, bindparam, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from ...models import Client, Exercise, User, WeighIn
from ...services import logbook
from ...services.errors import InvalidInput
from .fields import MAX_ID

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
BAD_CURSOR = "is not a cursor this list gave; start again without one."


@dataclass(frozen=True)
class PageRequest:
    """How many items to answer, and the key of the last item already seen (None: from the start)."""

    limit: int
    after: tuple | None


def _limit(args: Mapping[str, str]) -> int:
    raw = args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise InvalidInput.one("limit", f"must be a whole number from 1 to {MAX_LIMIT}.")
    return int(raw)


def _key_part(kind: str, value: Any) -> Any:
    if kind == "id" and type(value) is int and 0 <= value <= MAX_ID:
        return value
    if kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError(value)


def page_request(args: Mapping[str, str], kind: str, key: Sequence[str]) -> PageRequest:
    """Read ``limit`` and ``cursor`` for the list ``kind`` whose key has parts of the types ``key``."""
    limit = _limit(args)
    raw = args.get("cursor")
    if not raw:
        return PageRequest(limit, None)
    try:
        decoded = json.loads(base64.urlsafe_b64decode(raw.encode("ascii") + b"=" * (-len(raw) % 4)))
        if not isinstance(decoded, list) or len(decoded) != len(key) + 1 or decoded[0] != kind:
            raise ValueError(raw)
        after = tuple(_key_part(part, value) for part, value in zip(key, decoded[1:], strict=True))
    except (ValueError, UnicodeError, binascii.Error, RecursionError):
        raise InvalidInput.one("cursor", BAD_CURSOR) from None
    return PageRequest(limit, after)


def encode_cursor(kind: str, key: Sequence[Any]) -> str:
    parts = [kind, *(part.isoformat() if isinstance(part, date) else part for part in key)]
    return base64.urlsafe_b64encode(json.dumps(parts, separators=(",", ":")).encode()).decode().rstrip("=")


def page(
    rows: Sequence,
    request: PageRequest,
    kind: str,
    key: Callable,
    serialise: Callable | None = None,
    *,
    items: Callable | None = None,
) -> dict:
    """The answer for ``rows`` (fetched with one extra row to tell whether another page follows).

    Each shown row becomes ``serialise(row)``, or ``items(rows)`` turns them all at once.
    """
    shown = rows[: request.limit]
    more = len(rows) > request.limit
    return {
        "items": items(shown) if items else [serialise(row) for row in shown],
        "next_cursor": encode_cursor(kind, key(shown[-1])) if more and shown else None,
    }


def _by_id(session: Session, stmt: Select, model, request: PageRequest) -> list:
    if request.after:
        stmt = stmt.where(model.id > request.after[0])
    return list(session.scalars(stmt.order_by(model.id).limit(request.limit + 1)))


def clients(session: Session, trainer: User, request: PageRequest, *, archived: bool) -> list[Client]:
    """A page of the trainer's clients (active or archived), by id."""
    stmt = select(Client).where(Client.trainer_id == trainer.id, Client.archived.is_(archived))
    return _by_id(session, stmt, Client, request)


def exercises(session: Session, request: PageRequest) -> list[Exercise]:
    """A page of the exercise library, by id."""
    return _by_id(session, select(Exercise), Exercise, request)


class iso_date(FunctionElement):  # noqa: N801  (a SQL function)
    """A date column as ISO-8601 text (``YYYY-MM-DD``), written by the database."""

    type = String()
    name = "iso_date"
    inherit_cache = True


@compiles(iso_date)
def _iso_date(element: iso_date, compiler, **kw) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS CHAR(10))"


@compiles(iso_date, "sqlite")
def _iso_date_sqlite(element: iso_date, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)  # SQLAlchemy stores SQLite dates as this text


@compiles(iso_date, "postgresql")
def _iso_date_postgresql(element: iso_date, compiler, **kw) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"


def _weigh_ins_statement(start: bool, end: bool, after: bool) -> Select:
    stmt = select(WeighIn.id, iso_date(WeighIn.date).label("date"), WeighIn.weight_kg).where(
        WeighIn.client_id == bindparam("client_id")
    )
    if start:
        stmt = stmt.where(WeighIn.date >= bindparam("start", type_=WeighIn.date.type))
    if end:
        stmt = stmt.where(WeighIn.date <= bindparam("end", type_=WeighIn.date.type))
    if after:
        stmt = stmt.where(WeighIn.date < bindparam("after", type_=WeighIn.date.type))
    return stmt.order_by(WeighIn.date.desc()).limit(bindparam("limit", type_=Integer))


#: One statement per combination of filters, built once instead of on every call.
_WEIGH_INS = {flags: _weigh_ins_statement(*flags) for flags in product((False, True), repeat=3)}


def weigh_ins(session: Session, client_id: int, request: PageRequest, start: date | None, end: date | None) -> list:
    """A page of the client's weigh-ins between two dates, newest first: rows of ``id``, ``date``, ``weight_kg``.

    The rows, filters and order of ``logbook.weigh_ins``, but only the three columns the API shows
    and only the page (the limit and cursor are applied in SQL), as plain rows (no ORM objects),
    with the date as ISO text.
    """
    after = request.after[0] if request.after else None
    stmt = _WEIGH_INS[start is not None, end is not None, after is not None]
    params = {"client_id": client_id, "start": start, "end": end, "after": after, "limit": request.limit + 1}
    return session.connection().execute(stmt, params).all()


def workouts(session: Session, client: Client, request: PageRequest, start: date | None, end: date | None) -> list:
    """A page of the client's workouts with their sets, newest first (via the logbook service)."""
    if request.after:
        end = min(end, request.after[0]) if end else request.after[0]
    rows = logbook.workouts(session, client, start=start, end=end)
    if request.after:
        rows = [w for w in rows if (w.date, w.id) < request.after]
    return rows[: request.limit + 1]
