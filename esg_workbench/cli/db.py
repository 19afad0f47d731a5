"""``db`` commands: put assessment files into the store and get them back, with history, diffs and
restore. The database comes from the ``--db`` option of the main command (or ESG_WORKBENCH_DB)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..assessment_files import dump_assessment, load_assessment
from ..config import database_url
from ..store import Store
from . import UserError, cli, handle_errors
from .output import force_option, refuse_existing, write_output

_FILE = click.Path(dir_okay=False, path_type=Path)


def _author(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if not value.strip():
        raise click.BadParameter("must not be empty")
    return value.strip()


_author_option = click.option(
    "--author", default="local", show_default=True, callback=_author, help="Who makes the change (shown in history)."
)


def open_store(ctx: click.Context) -> Store:
    return Store((ctx.obj or {}).get("db"))


def when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


@cli.group()
def db() -> None:
    """Store assessments in a database with numbered revisions: list, save, load, history, diff,
    restore, delete. Every change names the revision it was made from, so a change made on an
    outdated revision is refused instead of overwriting someone else's work.

    \b
    Example:
        esg-workbench --db var/team.db db save acme.json
        esg-workbench --db postgresql+psycopg://user:pw@host/esg db list
    """


@db.command("list")
@click.option("--all", "include_deleted", is_flag=True, help="Include deleted assessments.")
@click.pass_context
@handle_errors
def list_(ctx: click.Context, include_deleted: bool) -> None:
    """List stored assessments, most recently changed first.

    \b
    Example:
        esg-workbench db list --all
    """
    with open_store(ctx) as store:
        rows = store.list_assessments(include_deleted=include_deleted)
    if not rows:
        click.echo("no assessments stored")
        return
    table = [("ID", "REV", "UPDATED", "BY", "ORGANISATION", "TITLE")]
    for row in rows:
        title = row.title + (" (deleted)" if row.deleted else "")
        table.append((row.id, str(row.revision), when(row.updated_at), row.updated_by, row.organisation, title))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]) - 1)]
    for line in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)) + "  " + line[-1])


@db.command()
@click.argument("file", type=_FILE)
@click.option("--base-revision", type=click.IntRange(min=1), help="The stored revision FILE was made from.")
@click.option("-m", "--message", default="", help="What changed and why (shown in history).")
@_author_option
@click.pass_context
@handle_errors
def save(ctx: click.Context, file: Path, base_revision: int | None, message: str, author: str) -> None:
    """Save an assessment file to the store: a new assessment becomes revision 1; an existing one needs
    --base-revision, the revision the file was loaded from, and becomes the next revision. If someone
    saved in between, nothing is written and the command exits with 1.

    \b
    Example:
        esg-workbench db save acme.json
        esg-workbench db save acme.json --base-revision 3 -m "added energy meters" --author anna
    """
    assessment = load_assessment(file)
    with open_store(ctx) as store:
        if base_revision is None:
            if store.exists(assessment.id):
                current = store.load(assessment.id)
                raise UserError(
                    f"assessment '{assessment.id}' is already stored, at revision {current.revision} "
                    f"(saved by {current.author} {when(current.saved_at)}); give --base-revision with the "
                    f"revision {file} was loaded from, e.g. --base-revision {current.revision}"
                )
            store.create(assessment, author=author, message=message or "created")
            click.echo(f"{assessment.id}: created revision 1")
            return
        revision = store.save(assessment, base_revision=base_revision, author=author, message=message)
    if revision == base_revision:
        click.echo(f"{assessment.id}: no changes, still revision {revision}")
    else:
        click.echo(f"{assessment.id}: saved revision {revision}")


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.option("-o", "--output", type=_FILE, help="Write to this file instead of printing the JSON.")
@click.option("--revision", type=click.IntRange(min=1), help="Revision to load (default: the newest).")
@force_option
@click.pass_context
@handle_errors
def load(ctx: click.Context, assessment_id: str, output: Path | None, revision: int | None, force: bool) -> None:
    """Get a stored assessment as JSON. Save it back later with --base-revision set to the revision
    shown here.

    \b
    Example:
        esg-workbench db load acme -o acme.json
        esg-workbench db load acme --revision 2 > acme-r2.json
    """
    if output is not None:
        refuse_existing(output, force=force)
    with open_store(ctx) as store:
        stored = store.load(assessment_id, revision=revision)
    if output is None:
        click.echo(dump_assessment(stored.assessment), nl=False)
        return
    write_output(output, dump_assessment(stored.assessment), force=force)
    click.echo(
        f"{output}: {assessment_id} revision {stored.revision} (saved by {stored.author} {when(stored.saved_at)})",
        err=True,
    )


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.pass_context
@handle_errors
def history(ctx: click.Context, assessment_id: str) -> None:
    """Show every revision of an assessment: number, time, author, message and what changed.

    \b
    Example:
        esg-workbench db history acme
    """
    with open_store(ctx) as store:
        revisions = store.history(assessment_id)
    for rev in revisions:
        message = f"  {rev.message}" if rev.message else ""
        click.echo(f"{rev.number:>4}  {when(rev.created_at)}  {rev.author}{message}")
        click.echo(f"      {rev.summary}")


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.argument("from_revision", metavar="A", type=click.IntRange(min=1))
@click.argument("to_revision", metavar="B", type=click.IntRange(min=1))
@click.pass_context
@handle_errors
def diff(ctx: click.Context, assessment_id: str, from_revision: int, to_revision: int) -> None:
    """Show what changed from revision A to revision B, one field per line.

    \b
    Example:
        esg-workbench db diff acme 1 3
    """
    with open_store(ctx) as store:
        changes = store.diff(assessment_id, from_revision, to_revision)
    if not changes:
        click.echo(f"no differences between revisions {from_revision} and {to_revision}")
    for change in changes:
        click.echo(change.describe())


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.argument("revision", type=click.IntRange(min=1))
@click.option("--base-revision", type=click.IntRange(min=1), required=True, help="The current revision.")
@_author_option
@click.pass_context
@handle_errors
def restore(ctx: click.Context, assessment_id: str, revision: int, base_revision: int, author: str) -> None:
    """Make an old revision's content the newest revision. History is kept: this adds a revision.

    \b
    Example:
        esg-workbench db restore acme 2 --base-revision 5
    """
    with open_store(ctx) as store:
        new = store.restore(assessment_id, revision, base_revision=base_revision, author=author)
    if new == base_revision:
        click.echo(f"{assessment_id}: revision {base_revision} already has the content of revision {revision}")
    else:
        click.echo(f"{assessment_id}: restored revision {revision} as revision {new}")


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.option("--base-revision", type=click.IntRange(min=1), required=True, help="The current revision.")
@_author_option
@click.pass_context
@handle_errors
def delete(ctx: click.Context, assessment_id: str, base_revision: int, author: str) -> None:
    """Hide an assessment from the list. Its revisions are kept; undelete brings it back.

    \b
    Example:
        esg-workbench db delete acme --base-revision 5
    """
    with open_store(ctx) as store:
        store.delete(assessment_id, base_revision=base_revision, author=author)
    click.echo(f"{assessment_id}: deleted (undelete with: esg-workbench db undelete {assessment_id})")


@db.command()
@click.argument("assessment_id", metavar="ID")
@_author_option
@click.pass_context
@handle_errors
def undelete(ctx: click.Context, assessment_id: str, author: str) -> None:
    """Bring back a deleted assessment.

    \b
    Example:
        esg-workbench db undelete acme
    """
    with open_store(ctx) as store:
        store.undelete(assessment_id, author=author)
    click.echo(f"{assessment_id}: listed again")


@db.command()
@click.pass_context
@handle_errors
def migrate(ctx: click.Context) -> None:
    """Bring the database schema to the newest version (Alembic upgrade). Run it once per deployment,
    before the app replicas start with ESG_WORKBENCH_AUTO_MIGRATE=false; a no-op when up to date.

    \b
    Example:
        esg-workbench db migrate
        ESG_WORKBENCH_DB=postgresql+psycopg://esg@db/esg esg-workbench db migrate
    """
    from ..store.database import make_engine, migrate_reporting

    engine = make_engine(database_url((ctx.obj or {}).get("db")))
    try:
        before, after = migrate_reporting(engine)
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"schema already at revision {after}")
    else:
        click.echo(f"schema migrated from revision {before or '(empty database)'} to {after}")


@db.command()
@click.argument("assessment_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="CSV: one row per change, safe to open in a spreadsheet. JSON: with old and new values.",
)
@click.option("-o", "--output", type=_FILE, help="Write to this file instead of printing.")
@force_option
@click.pass_context
@handle_errors
def audit(ctx: click.Context, assessment_id: str, fmt: str, output: Path | None, force: bool) -> None:
    """Export an assessment's audit trail: every revision with who, when and what changed, and every
    delete, undelete and change of access.

    \b
    Example:
        esg-workbench db audit acme -o acme-audit.csv
        esg-workbench db audit acme --format json > acme-audit.json
    """
    from ..store.audit_export import audit_csv, audit_json

    if output is not None:
        refuse_existing(output, force=force)
    with open_store(ctx) as store:
        entries = store.audit_log(assessment_id)
    text = audit_csv(entries) if fmt == "csv" else audit_json(entries, assessment_id=assessment_id)
    if output is None:
        click.echo(text, nl=False)
        return
    # A byte-order mark makes spreadsheet programs read the CSV as UTF-8 (names with æ, ø, å).
    write_output(output, text, force=force, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    click.echo(f"{output}: {len(entries)} audit entries of {assessment_id}", err=True)


from . import db_team  # noqa: E402,F401 - team-mode commands register on the db group


@db.command("move")
@click.argument("assessment_id", metavar="ID")
@click.option("--to", "target", required=True, metavar="ID@VERSION", help="The catalogue to move to.")
@click.option("--dry-run", is_flag=True, help="List what maps, what needs review and what is dropped; change nothing.")
@click.option("--copy", "as_copy", is_flag=True, help="Store the moved assessment as a new copy, not a new revision.")
@_author_option
@click.pass_context
@handle_errors
def move(ctx: click.Context, assessment_id: str, target: str, dry_run: bool, as_copy: bool, author: str) -> None:
    """Move a stored assessment to another catalogue version: a new revision (or with --copy a new
    assessment), every coverage item kept, those without an honest target marked for review.

    \b
    Example:
        esg-workbench db move acme --to esrs-amended@2026 --dry-run
        esg-workbench db move acme --to esrs-amended@2026 --copy
    """
    from ..catalogue_move import MoveRefused, apply_move, plan_move
    from ..frameworks import load_framework
    from ..samples import duplicate
    from .catalogues import parse_catalogue_ref, render_plan

    to = parse_catalogue_ref(target)
    with open_store(ctx) as store:
        stored = store.load(assessment_id)
        assessment = stored.assessment
        framework = load_framework(assessment.framework.id, assessment.framework.version)
        try:
            plan = plan_move(assessment, framework, to)
            moved = apply_move(assessment, framework, plan)
        except MoveRefused as exc:
            raise UserError(f"{assessment_id}: {exc}") from None
        click.echo(render_plan(plan))
        if dry_run:
            return
        message = f"moved from {plan.from_ref} to {plan.to_ref}"
        if as_copy:
            copy = duplicate(
                moved, title=f"{moved.title} ({framework.catalogue((to.id, to.version)).short_name})"[:500], store=store
            )
            store.create(copy, author=author, message=f"{message} (copy of {assessment_id})")
            click.echo(f"{copy.id}: created as a copy of {assessment_id}, working against {to}")
        else:
            revision = store.save(moved, base_revision=stored.revision, author=author, message=message)
            click.echo(f"{assessment_id}: revision {revision}, working against {to}")
