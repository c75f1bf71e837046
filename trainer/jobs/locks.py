"""A per-job lock: a PostgreSQL advisory lock held on its own connection for the run.

SQLite has no such lock; there the ledger's unique (job, period) row is the guard, which
suffices for the single process a laptop runs.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Engine


def lock_id(job_id: str) -> int:
    """A stable 31-bit number for the job's name (advisory locks take integers)."""
    return zlib.crc32(f"trainer-job:{job_id}".encode()) & 0x7FFFFFFF


@contextmanager
def job_lock(engine: Engine, job_id: str) -> Iterator[bool]:
    """Yield True when this process holds the job's lock (always on SQLite), False when another does."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as conn:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_id(job_id)}).scalar()
        conn.commit()
        try:
            yield bool(got)
        finally:
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_id(job_id)})
                conn.commit()
