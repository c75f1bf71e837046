"""The account services on a real database, with the clock passed in."""

from __future__ import annotations

import logging
import smtplib
from datetime import UTC, datetime, timedelta

import pytest
from conftest import PASSWORD
from sqlalchemy import func, select

from trainer.models import ApiToken, Invitation, OutboxEmail, User
from trainer.services import accounts
from trainer.services.errors import Conflict, InvalidInput
from trainer.services.invitations import issue_invitation
from trainer.services.mail import MailSettings, send_email

NOW = datetime(2026, 9, 7, 9, 30, tzinfo=UTC)
SECRET = "test-secret"
NEW_PASSWORD = "a brand new long password"
NO_SMTP = MailSettings()


def users(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


SIGNUP = {"name": "Alex", "email": "Alex@Example.com ", "password": "twelve chars!", "timezone": "UTC", "unit": "kg"}


def sign_up(session, **changes) -> User:
    fields = SIGNUP | changes
    return accounts.sign_up_trainer(session, now=NOW, **fields)


# --- Sign-up, sign-in, password change -------------------------------------------------


def test_sign_up_stores_a_normalised_email_and_a_scrypt_hash(session):
    user = sign_up(session)

    assert user.id is not None
    assert user.email == "alex@example.com"
    assert user.password_hash.startswith("scrypt:") and "twelve" not in user.password_hash
    assert user.created_at == NOW


def test_sign_up_refuses_a_taken_email_in_any_case(session, make_trainer):
    make_trainer(email="alex@example.com")

    with pytest.raises(Conflict) as refused:
        sign_up(session, email=" ALEX@example.com")

    assert refused.value.field == "email"
    assert str(refused.value) == "an account with this email already exists"
    assert users(session) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password": "eleven char"}, "password"),
        ({"timezone": "Nowhere/Special"}, "timezone"),
        ({"unit": "st"}, "unit"),
    ],
)
def test_sign_up_refuses_broken_rules_and_saves_nothing(session, changes, field):
    with pytest.raises(InvalidInput) as refused:
        sign_up(session, **changes)

    assert field in refused.value.errors
    assert users(session) == 0


def test_authenticate_checks_the_password_and_records_the_login(session, make_trainer):
    trainer = make_trainer(email="coach@example.com")

    assert accounts.authenticate(session, "Coach@Example.com", PASSWORD, now=NOW) == trainer
    assert trainer.last_login_at == NOW
    assert accounts.authenticate(session, "coach@example.com", "wrong password!!", now=NOW) is None
    assert accounts.authenticate(session, "nobody@example.com", PASSWORD, now=NOW) is None


def test_authenticate_refuses_an_inactive_user(session, make_trainer):
    trainer = make_trainer(active=False)

    assert accounts.authenticate(session, trainer.email, PASSWORD, now=NOW) is None


def test_changing_the_password_needs_the_current_one_and_ends_sessions(session, make_trainer):
    trainer = make_trainer()
    session_id = trainer.get_id()

    with pytest.raises(InvalidInput):
        accounts.change_password(session, trainer, current_password="not it at all", new_password=NEW_PASSWORD, now=NOW)
    accounts.change_password(session, trainer, current_password=PASSWORD, new_password=NEW_PASSWORD, now=NOW)

    assert trainer.get_id() != session_id
    assert accounts.authenticate(session, trainer.email, NEW_PASSWORD, now=NOW) == trainer


# --- Invitations -----------------------------------------------------------------------


def invitation_for(session, client, now=NOW) -> str:
    token = issue_invitation(session, client, now=now, secret_key=SECRET).token
    session.commit()
    return token


def accept(session, token, now=NOW) -> User:
    return accounts.accept_invitation(session, token, NEW_PASSWORD, now=now, secret_key=SECRET)


def test_accepting_an_invitation_creates_the_client_s_login(session, make_trainer, make_client):
    client = make_client(make_trainer(), email="Sam@Example.com", name="Sam", timezone="Asia/Tokyo", unit="lb")
    token = invitation_for(session, client)

    user = accept(session, token, now=NOW + timedelta(days=6, hours=23))

    assert client.user == user
    assert (user.email, user.name, user.role, user.timezone, user.unit) == (
        "sam@example.com",
        "Sam",
        "client",
        "Asia/Tokyo",
        "lb",
    )
    assert session.scalars(select(Invitation)).one().used_at == NOW + timedelta(days=6, hours=23)


def test_an_invitation_expires_after_seven_days(session, make_trainer, make_client):
    token = invitation_for(session, make_client(make_trainer()))

    with pytest.raises(accounts.LinkError, match="expired") as refused:
        accept(session, token, now=NOW + timedelta(days=7))

    assert refused.value.gone
    assert users(session) == 1


def test_an_invitation_cannot_be_used_twice(session, make_trainer, make_client):
    token = invitation_for(session, make_client(make_trainer()))
    accept(session, token)

    with pytest.raises(accounts.LinkError, match="already been used") as refused:
        accept(session, token)

    assert refused.value.gone


def test_a_newer_invitation_revokes_the_older_one(session, make_trainer, make_client):
    client = make_client(make_trainer())
    old = invitation_for(session, client)
    invitation_for(session, client, now=NOW + timedelta(hours=1))

    with pytest.raises(accounts.LinkError, match="replaced") as refused:
        accept(session, old, now=NOW + timedelta(hours=2))

    assert refused.value.gone


def test_a_forged_invitation_is_not_valid(session):
    with pytest.raises(accounts.LinkError, match="not valid") as refused:
        accept(session, "eyJpIjoxLCJuIjoieCJ9.forged")

    assert not refused.value.gone


def test_an_invitation_for_a_taken_email_saves_nothing(session, make_trainer, make_client):
    make_trainer(email="taken@example.com")
    token = invitation_for(session, make_client(make_trainer(), email="Taken@example.com"))

    with pytest.raises(Conflict, match="already exists"):
        accept(session, token)

    assert users(session) == 2
    assert session.scalars(select(Invitation)).one().used_at is None


# --- Password reset --------------------------------------------------------------------


def reset_args(now=NOW) -> dict:
    return {"now": now, "secret_key": SECRET, "max_age_hours": 2}


def test_a_reset_request_for_an_account_puts_a_link_in_the_outbox(session, make_trainer):
    trainer = make_trainer(email="coach@example.com")

    sent = accounts.request_password_reset(
        session, " Coach@example.com", link_for=lambda t: f"https://app/reset/{t}", mail=NO_SMTP, **reset_args()
    )

    email = session.scalars(select(OutboxEmail)).one()
    assert sent
    assert email.to == "coach@example.com"
    token = email.body.split("https://app/reset/")[1].split()[0]
    assert accounts.open_password_reset(session, token, **reset_args()) == trainer


def test_a_reset_request_for_no_account_sends_nothing(session):
    sent = accounts.request_password_reset(
        session, "nobody@example.com", link_for=lambda t: t, mail=NO_SMTP, **reset_args()
    )

    assert not sent
    assert session.scalars(select(OutboxEmail)).all() == []


def test_a_reset_token_works_until_its_max_age(session, make_trainer):
    trainer = make_trainer()
    token = accounts.password_reset_token(trainer, now=NOW, secret_key=SECRET)

    assert accounts.open_password_reset(session, token, **reset_args(NOW + timedelta(hours=2))) == trainer
    with pytest.raises(accounts.LinkError, match="expired") as refused:
        accounts.open_password_reset(session, token, **reset_args(NOW + timedelta(hours=2, seconds=1)))
    assert refused.value.gone


def test_a_reset_token_works_once_and_ends_every_session_and_api_token(session, make_trainer):
    trainer = make_trainer()
    session_id = trainer.get_id()
    api_token = ApiToken(user_id=trainer.id, token_hash="0" * 64, expires_at=NOW + timedelta(days=30))
    session.add(api_token)
    session.commit()
    token = accounts.password_reset_token(trainer, now=NOW, secret_key=SECRET)

    accounts.reset_password(session, token, NEW_PASSWORD, **reset_args())

    assert trainer.get_id() != session_id
    assert session.get(ApiToken, api_token.id).revoked_at == NOW
    with pytest.raises(accounts.LinkError, match="already been used"):
        accounts.reset_password(session, token, "another long password", **reset_args())


@pytest.mark.parametrize("make_token", [lambda t: "garbage", lambda t: t[:-2] + "xx", lambda t: t.replace(".", "", 1)])
def test_a_mangled_reset_token_is_not_valid(session, make_trainer, make_token):
    token = make_token(accounts.password_reset_token(make_trainer(), now=NOW, secret_key=SECRET))

    with pytest.raises(accounts.LinkError, match="not valid") as refused:
        accounts.open_password_reset(session, token, **reset_args())

    assert not refused.value.gone


def test_a_reset_token_signed_with_another_key_is_not_valid(session, make_trainer):
    token = accounts.password_reset_token(make_trainer(), now=NOW, secret_key="another-key")

    with pytest.raises(accounts.LinkError, match="not valid"):
        accounts.open_password_reset(session, token, **reset_args())


# --- Mail ------------------------------------------------------------------------------


class FakeSMTP:
    """Stands in for smtplib.SMTP / SMTP_SSL and records what it was asked to do."""

    instances: list[FakeSMTP] = []
    fail_with: Exception | None = None

    def __init__(self, host, port, timeout=None, context=None):
        self.host, self.port, self.calls = host, port, []
        FakeSMTP.instances.append(self)
        if FakeSMTP.fail_with:
            raise FakeSMTP.fail_with

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def ehlo(self):
        self.calls.append("ehlo")

    def has_extn(self, name):
        return name == "starttls"

    def starttls(self, context=None):
        self.calls.append("starttls")

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        self.calls.append(("send", message["To"], message["Subject"]))


@pytest.fixture
def fake_smtp(monkeypatch):
    FakeSMTP.instances, FakeSMTP.fail_with = [], None
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    monkeypatch.setattr(smtplib, "SMTP_SSL", FakeSMTP)
    return FakeSMTP


@pytest.fixture
def mail_log():
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("trainer.mail")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield records
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_without_smtp_an_email_is_kept_in_the_outbox_and_logged(session, mail_log):
    email = send_email(session, to="a@example.com", subject="Hi", body="Hello there", now=NOW, settings=NO_SMTP)

    assert session.get(OutboxEmail, email.id).body == "Hello there"
    assert email.sent_at is None and email.error is None
    assert mail_log[-1].fields["body"] == "Hello there"


def test_with_smtp_an_email_is_sent_with_starttls_and_login(session, fake_smtp):
    settings = MailSettings(url="smtp://me%40example.com:p%40ss@mail.example.com:2525", sender="T <t@example.com>")

    email = send_email(session, to="a@example.com", subject="Hi", body="Hello", now=NOW, settings=settings)

    server = fake_smtp.instances[0]
    assert (server.host, server.port) == ("mail.example.com", 2525)
    assert server.calls == [
        "ehlo",
        "starttls",
        "ehlo",
        ("login", "me@example.com", "p@ss"),
        ("send", "a@example.com", "Hi"),
    ]
    assert email.sent_at == NOW and email.error is None


def test_smtps_uses_an_ssl_connection_on_port_465_by_default(session, fake_smtp):
    send_email(session, to="a@example.com", subject="Hi", body="Hello", now=NOW, settings=MailSettings(url="smtps://h"))

    assert fake_smtp.instances[0].port == 465
    assert "starttls" not in fake_smtp.instances[0].calls


@pytest.mark.parametrize("url", ["smtp://mail.example.com", "ftp://mail.example.com", "smtp://host:notaport"])
def test_a_failing_smtp_server_is_recorded_and_never_raises(session, fake_smtp, mail_log, url):
    fake_smtp.fail_with = ConnectionRefusedError("connection refused")

    email = send_email(session, to="a@example.com", subject="Hi", body="Hello", now=NOW, settings=MailSettings(url=url))

    assert email.sent_at is None
    assert email.error
    assert session.get(OutboxEmail, email.id) is not None
    assert mail_log[-1].levelname == "WARNING"
