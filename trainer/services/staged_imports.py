"""Uploaded import files waiting for the trainer to confirm the preview.

Between the preview and the confirmation the file is kept in a folder (by default
``instance/imports``) under a random token, together with the client and the user it
belongs to; only that user, for that client, can read it back. Confirming or cancelling
removes it, and a file left unconfirmed is forgotten after an hour. ``take`` renames the
file before reading it, so a double-clicked confirmation applies it once.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

MAX_AGE = timedelta(hours=1)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


@dataclass(frozen=True)
class StagedImport:
    """An uploaded file's text and what the trainer chose for it."""

    client_id: int
    user_id: int
    source: str
    unit: str | None
    filename: str
    text: str
    staged_at: datetime


class StagedImports:
    """The folder of uploads awaiting confirmation."""

    def __init__(self, directory: str | os.PathLike):
        self.directory = Path(directory)

    def stage(self, upload: StagedImport) -> str:
        """Keep ``upload`` and return the token that names it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        self._forget_old(upload.staged_at)
        token = secrets.token_urlsafe(24)
        self._write(token, upload)
        return token

    def get(self, token: str, *, client_id: int, user_id: int, now: datetime) -> StagedImport | None:
        """The upload named ``token`` if it belongs to this client and user and is not too old."""
        path = self._path(token)
        if path is None:
            return None
        upload = self._read(path)
        if upload is None or (upload.client_id, upload.user_id) != (client_id, user_id):
            return None
        if now - upload.staged_at > MAX_AGE:
            path.unlink(missing_ok=True)
            return None
        return upload

    def take(self, token: str, *, client_id: int, user_id: int, now: datetime) -> StagedImport | None:
        """Like ``get``, and remove it: a second ``take`` of the same token finds nothing."""
        if self.get(token, client_id=client_id, user_id=user_id, now=now) is None:
            return None
        path = self._path(token)
        taken = path.with_name(f"{token}.{secrets.token_hex(4)}.taken")
        try:
            os.rename(path, taken)
        except FileNotFoundError:  # taken by a concurrent request
            return None
        try:
            return self._read(taken)
        finally:
            taken.unlink(missing_ok=True)

    def put_back(self, token: str, upload: StagedImport) -> None:
        """Keep a taken upload again under the same token (when applying it failed)."""
        if self._path(token) is not None:
            self._write(token, upload)

    def _path(self, token: str) -> Path | None:
        return self.directory / f"{token}.json" if _TOKEN.match(token) else None

    def _write(self, token: str, upload: StagedImport) -> None:
        data = {**asdict(upload), "staged_at": upload.staged_at.isoformat()}
        partial = self.directory / f"{token}.partial"
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, self.directory / f"{token}.json")

    @staticmethod
    def _read(path: Path) -> StagedImport | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return StagedImport(**{**data, "staged_at": datetime.fromisoformat(data["staged_at"])})
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _forget_old(self, now: datetime) -> None:
        cutoff = (now - MAX_AGE).timestamp()
        for path in self.directory.glob("*.json"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                continue
