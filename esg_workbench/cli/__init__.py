"""``esg-workbench`` / ``python -m esg_workbench``: thin commands that parse, call the core, print and
exit with 0 (ok), 1 (invalid input, with one message per problem) or 2 (usage or I/O error).

Each command group lives in its own module and registers itself on :data:`cli`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable

import click

from ..config import DEFAULT_DB_RULE, default_db
from ..domain import AssessmentInvalid
from ..store.errors import AlreadyExists, CatalogueInvalid, ConflictError, StoreError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UserError(click.ClickException):
    """An I/O or usage problem the user can fix; shown without a traceback, exit code 2."""

    exit_code = EXIT_USAGE


def report_invalid(exc: AssessmentInvalid) -> None:
    head = f"{exc.source}: " if exc.source else ""
    click.echo(f"{head}invalid: {len(exc.problems)} problem(s)", err=True)
    for problem in exc.problems:
        click.echo(f"  {problem}", err=True)


def handle_errors(func: Callable) -> Callable:
    """Turn expected failures into messages and exit codes; a traceback means a bug."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AssessmentInvalid as exc:
            report_invalid(exc)
            sys.exit(EXIT_INVALID)
        except (ConflictError, AlreadyExists, CatalogueInvalid) as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_INVALID)
        except StoreError as exc:  # not found, database unreachable: like a missing file, exit 2
            raise UserError(str(exc)) from None
        except (OSError, LookupError) as exc:
            raise UserError(describe_error(exc)) from None

    return wrapper


class DbOption(click.Option):
    """A ``--db`` option whose help names the default store of this run, which depends on where the
    workbench runs (a checkout or an installed package)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        return record and (record[0], f"{record[1]} [default here: {default_db()}]")


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        # OSError(errno) alone prints as its number ("Error: 28"); say the reason, and the file if known.
        code = exc.errno or next((arg for arg in exc.args[:1] if isinstance(arg, int)), None)
        reason = exc.strerror or (os.strerror(code) if code else str(exc))
        return f"{exc.filename}: {reason}" if exc.filename else reason
    return str(exc.args[0]) if exc.args else str(exc)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--db",
    cls=DbOption,
    envvar="ESG_WORKBENCH_DB",
    default=None,
    metavar="PATH|URL",
    help=f"Store: a SQLite file path or a PostgreSQL URL. Default: {DEFAULT_DB_RULE}.",
)
@click.version_option(package_name="esg-workbench")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:  # noqa: F811 - the --db option, not the db module
    """ESG Architecture Workbench: assess an organisation's ESG data architecture and choose how to
    digitalise CSRD reporting.

    \b
    Example:
        esg-workbench validate sample_data/*.json
        esg-workbench db list
    """
    ctx.obj = {"db": db}


def main() -> None:
    cli(prog_name="esg-workbench")


# Register command modules (import for side effect: each adds its commands to ``cli``).
from . import app, catalogues, chain, db, esrs, files, interchange, report, score, variants, workbook  # noqa: E402, F401, F811
