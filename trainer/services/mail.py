"""Outgoing email: every message is kept in the outbox table and logged, then sent by SMTP
when ``MAIL_URL`` names a server (``smtp://user:pass@host:587`` with STARTTLS when the
server offers it, or ``smtps://user:pass@host:465``).

Sending never fails the caller: an SMTP error is recorded on the outbox row and logged.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy.orm import Session

from ..models import OutboxEmail

log = logging.getLogger("trainer.mail")

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}


@dataclass(frozen=True)
class MailSettings:
    """Where mail goes: an SMTP URL (or None to keep it in the outbox only) and the sender."""

    url: str | None = None
    sender: str = "Trainer <no-reply@trainer.local>"
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> MailSettings:
        """The settings from the app's ``MAIL_URL`` and ``MAIL_SENDER``."""
        return cls(url=config.get("MAIL_URL") or None, sender=config.get("MAIL_SENDER") or cls.sender)


def send_email(
    session: Session, *, to: str, subject: str, body: str, now: datetime, settings: MailSettings
) -> OutboxEmail:
    """Store the message in the outbox, log it, send it when SMTP is configured, and commit."""
    email = OutboxEmail(to=to, subject=subject, body=body, created_at=now)
    session.add(email)
    session.flush()
    fields = {"outbox_id": email.id, "to": to, "subject": subject}
    if not settings.url:
        # No server: the log is how a developer reads the message (and its link).
        log.info("email kept in the outbox (no MAIL_URL)", extra={"fields": {**fields, "body": body}})
    else:
        try:
            _deliver(settings, _message(settings.sender, to, subject, body))
        except (OSError, smtplib.SMTPException, ValueError) as error:
            email.error = f"{type(error).__name__}: {error}"[:2000]
            log.warning("email not sent", extra={"fields": {**fields, "error": email.error}})
        else:
            email.sent_at = now
            log.info("email sent", extra={"fields": fields})
    session.commit()
    return email


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def _deliver(settings: MailSettings, message: EmailMessage) -> None:
    """Hand the message to the SMTP server named by ``settings.url``."""
    url = urlsplit(settings.url or "")
    if url.scheme not in DEFAULT_PORTS or not url.hostname:
        raise ValueError("MAIL_URL must look like smtp://user:password@host:port or smtps://...")
    port = url.port or DEFAULT_PORTS[url.scheme]
    context = ssl.create_default_context()
    if url.scheme == "smtps":
        server = smtplib.SMTP_SSL(url.hostname, port, timeout=settings.timeout, context=context)
    else:
        server = smtplib.SMTP(url.hostname, port, timeout=settings.timeout)
    with server:
        if url.scheme == "smtp":
            server.ehlo()
            if server.has_extn("starttls"):
                server.starttls(context=context)
                server.ehlo()
        if url.username:
            server.login(unquote(url.username), unquote(url.password or ""))
        server.send_message(message)
