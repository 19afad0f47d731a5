"""The README lists every command of the CLI (as sqlite-utils' docs test does): a command added without a
line in the README's command table fails here, and so does a line for a command that no longer exists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click

from esg_workbench.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands(command: click.Command, prefix: str = "") -> Iterator[str]:
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{prefix} {name}".strip())
    else:
        yield prefix


def _table() -> set[str]:
    """The commands named in the README's command table: the words before the first argument."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("Every command, with") : text.index("Exit codes:")]
    named = set()
    for cell in re.findall(r"^\| `([^|]+?)` (?:/ `([^|]+?)` )?\|", table, re.M):
        for usage in filter(None, cell):
            words = []
            for word in usage.split():  # the command's words end where its arguments begin
                if not re.fullmatch(r"[a-z][a-z-]*", word):
                    break
                words.append(word)
            named.add(" ".join(words))
    return named


def test_every_command_is_in_the_readme_and_every_listed_command_exists() -> None:
    commands = set(_commands(cli))
    listed = _table() - {"command"}
    assert commands - listed == set(), "commands missing from the README's table"
    assert listed - commands == set(), "README lists commands that do not exist"


def test_every_command_has_help_with_an_example() -> None:
    for name in _commands(cli):
        command = cli
        for part in name.split():
            command = command.commands[part]
        assert command.help and "Example" in command.help, name
