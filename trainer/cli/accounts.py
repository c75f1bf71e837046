"""``flask --app trainer create-trainer EMAIL --name NAME``: add a trainer account from the shell.

The account is made by ``services.accounts.sign_up_trainer``, the same rules as the
sign-up page; this module only parses the arguments and turns refusals into usage
errors (exit code 2) that name the argument and the rule.
"""

from __future__ import annotations

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import with_appcontext

from .. import clock
from ..domain.timezones import is_time_zone
from ..extensions import db
from ..models import UNITS
from ..services import accounts
from ..services.errors import Conflict, InvalidInput

NAME_MAX_LENGTH = 120
#: Service field names -> how the command line spells them.
PARAMETERS = {"email": "EMAIL", "name": "'--name'", "timezone": "'--timezone'", "unit": "'--unit'"}


def _email(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """EMAIL must look like an address; it is stored lower-case."""
    value = accounts.normalise_email(value)
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise click.BadParameter(f"must be a valid email address like name@example.com ({error})") from None
    return value


def _name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    value = value.strip()
    if not value:
        raise click.BadParameter("must not be empty.")
    if len(value) > NAME_MAX_LENGTH:
        raise click.BadParameter(f"must be at most {NAME_MAX_LENGTH} characters.")
    return value


def _timezone(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not is_time_zone(value):
        raise click.BadParameter(f"{value!r} is not an IANA time zone name, such as UTC or Europe/London.")
    return value


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.command("create-trainer")
@click.argument("email", callback=_email)
@click.option("--name", required=True, callback=_name, help="The trainer's name as clients see it.")
@click.option(
    "--timezone",
    default="UTC",
    show_default=True,
    callback=_timezone,
    help="IANA time zone name, e.g. Europe/London.",
)
@click.option("--unit", type=click.Choice(UNITS), default="kg", show_default=True, help="Weight unit preference.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@with_appcontext
def create_trainer_command(email: str, name: str, timezone: str, unit: str, password_stdin: bool) -> None:
    """Add a trainer account with EMAIL (the password is asked for twice, or read from stdin).

    The password needs at least 12 characters.
    """
    if accounts.find_user_by_email(db.session, email) is not None:
        raise click.BadParameter(f"{accounts.EMAIL_TAKEN}.", param_hint="EMAIL")
    password = _read_password(password_stdin)
    try:
        user = accounts.sign_up_trainer(
            db.session, name=name, email=email, password=password, timezone=timezone, unit=unit, now=clock.now()
        )
    except InvalidInput as error:
        db.session.rollback()
        field, messages = next(iter(error.errors.items()))
        raise click.BadParameter(" ".join(messages), param_hint=PARAMETERS.get(field, field)) from None
    except Conflict as error:
        db.session.rollback()
        raise click.BadParameter(f"{error}.", param_hint=PARAMETERS.get(error.field or "email", "EMAIL")) from None
    click.echo(f"Created trainer {user.name} <{user.email}> (id {user.id}). They can log in at /login.")
