"""``db`` commands for team mode, run by an operator with direct access to the database: see who has
access to an assessment, share it, take access away and hand over ownership (also for assessments
stored in local mode, which have no owner yet). Each change is recorded under ``--by``."""

from __future__ import annotations

import click

from ..store import NotFound, SecuredStore, Store, User
from ..store.database import read_transaction
from ..store.members import list_members
from . import handle_errors
from .db import db, open_store, when


def _operator(store: Store, by: str) -> SecuredStore:
    """The operator acts as an administrator: the CLI already has the database's credentials."""
    user = User(by)
    return SecuredStore(store, user, admins=[user.email], allowed_domains=[])


def _email(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return User(value).email
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_by_option = click.option(
    "--by", required=True, callback=_email, metavar="EMAIL", help="Your e-mail address, recorded in the audit trail."
)


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.pass_context
@handle_errors
def members(ctx: click.Context, assessment_id: str) -> None:
    """Show who has access to an assessment and with which role (owner, editor, viewer).

    \b
    Example:
        esg-workbench db members acme
    """
    with open_store(ctx) as store:
        if not store.exists(assessment_id):
            raise NotFound(f"no assessment '{assessment_id}' in the store")
        with read_transaction(store.engine) as conn:
            found = list_members(conn, assessment_id=assessment_id)
    if not found:
        click.echo(f"{assessment_id}: shared with nobody (stored in local mode); give it an owner with db share")
    for member in found:
        name = f" ({member.name})" if member.name else ""
        click.echo(f"{member.role:<7} {member.email}{name}  granted by {member.granted_by} {when(member.granted_at)}")


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.argument("email", callback=_email)
@click.option(
    "--role",
    type=click.Choice(["owner", "editor", "viewer"]),
    required=True,
    help="owner hands over ownership (the old owner becomes editor).",
)
@_by_option
@click.pass_context
@handle_errors
def share(ctx: click.Context, assessment_id: str, email: str, role: str, by: str) -> None:
    """Give someone access to an assessment in team mode, or change their role.

    \b
    Example:
        esg-workbench db share acme anna@example.org --role owner --by it-ops@example.org
        esg-workbench db share acme bo@example.org --role viewer --by anna@example.org
    """
    with open_store(ctx) as store:
        operator = _operator(store, by)
        if role == "owner":
            operator.transfer_ownership(assessment_id, email)
        else:
            operator.share(assessment_id, email, role)  # type: ignore[arg-type]
    click.echo(f"{assessment_id}: {email} is now {role}")


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.argument("email", callback=_email)
@_by_option
@click.pass_context
@handle_errors
def unshare(ctx: click.Context, assessment_id: str, email: str, by: str) -> None:
    """Take away someone's access to an assessment (not the owner's: hand over ownership first).

    \b
    Example:
        esg-workbench db unshare acme bo@example.org --by anna@example.org
    """
    with open_store(ctx) as store:
        _operator(store, by).unshare(assessment_id, email)
    click.echo(f"{assessment_id}: {email} no longer has access")
