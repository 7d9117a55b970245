"""`flask users create-admin|invite|reset`: accounts are made here, never by sign-up."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from directory.extensions import db

from .models import Role
from .services import AccountError, create_user, find_user, issue_link

users_cli = AppGroup("users", help="Create staff accounts and print one-time password links.")


def _created(email: str, role: Role, organization_id: str | None) -> None:
    try:
        user = create_user(email, role, organization_id)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    link = issue_link(user, "invite")
    click.echo(f"{role.value} account for {user.email}. Send this one-time link (valid 7 days):")
    click.echo(link)


@users_cli.command("create-admin")
@click.option("--email", required=True, help="The administrator's email address.")
def create_admin(email: str) -> None:
    """Add an administrator and print their link to set a password."""
    _created(email, Role.admin, None)


@users_cli.command("invite")
@click.option("--email", required=True, help="The invitee's email address.")
@click.option("--role", type=click.Choice([Role.editor.value, Role.advocate.value]), required=True)
@click.option("--org", "organization_id", help="The organization id an editor edits.")
def invite(email: str, role: str, organization_id: str | None) -> None:
    """Invite an editor (of one organization) or an advocate; print their one-time link."""
    if role == Role.editor and not organization_id:
        raise click.UsageError("an editor needs --org ORGANIZATION_ID")
    _created(email, Role(role), organization_id)


@users_cli.command("reset")
@click.option("--email", required=True)
def reset(email: str) -> None:
    """Print a one-time link to set a new password (earlier links stop working)."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no account for {email}")
    click.echo(f"Password reset for {user.email}. Send this one-time link (valid 7 days):")
    click.echo(issue_link(user, "reset"))
