"""Weigh-ins list answers kept in each worker's memory while the client's weigh-ins stay the same.

A cached answer is keyed on the client (id and creation time, so a reused id never matches),
the client's ``weigh_ins_version`` and the parsed request (limit, cursor, dates; other query
parameters change nothing, so they make no new entries). Every request still checks the token
and the client's owner against the database, reading the version in the same query; database
triggers bump the version with every weigh-in write (migration 0007), whichever worker or path
made it, so an answer is reused only while it is exactly what the database holds. Bounded by
``API_BODY_CACHE_BYTES`` (least recently used answers go first; 0 turns the cache off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from flask import current_app

DEFAULT_BYTES = 16 * 1024 * 1024


class BodyCache:
    """A byte-bounded, least-recently-used map of answer bodies; safe across threads."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        """The body stored under ``key``, or None."""
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        """Keep ``body`` under ``key``, dropping the least recently used to stay within the bound."""
        if len(body) > self.max_bytes // 8:  # one answer never takes over the cache
            return
        with self._lock:
            old = self._bodies.pop(key, None)
            self.size += len(body) - (len(old) if old is not None else 0)
            self._bodies[key] = body
            while self.size > self.max_bytes:
                _, dropped = self._bodies.popitem(last=False)
                self.size -= len(dropped)

    def clear(self) -> None:
        """Forget every body."""
        with self._lock:
            self._bodies.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._bodies)


def body_cache() -> BodyCache:
    """This app's cache (one per worker process), made on first use."""
    cache = current_app.extensions.get("api_body_cache")
    if cache is None:
        size = current_app.config.get("API_BODY_CACHE_BYTES", DEFAULT_BYTES)
        cache = current_app.extensions.setdefault("api_body_cache", BodyCache(size))
    return cache
