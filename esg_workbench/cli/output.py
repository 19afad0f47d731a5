"""The one way a command writes a file: an existing file is kept unless ``--force`` is given, and the
new content goes to a temporary file in the same folder that replaces the target only when complete,
so a full disk or a crash leaves the old file (or none), never half a file. A failure becomes one
message naming the file and the reason (e.g. "No space left on device"), exit code 2."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from . import UserError

force_option = click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")


def refuse_existing(path: Path, *, force: bool) -> None:
    """Refuse to replace ``path`` without ``--force``; call it before the work, so nothing is wasted."""
    if not force and path.exists():
        raise UserError(f"{path} exists; use --force to overwrite")


def write_output(path: Path, content: str | bytes, *, force: bool, encoding: str = "utf-8") -> None:
    """Write ``content`` to ``path`` atomically (text is written with ``encoding`` and no newline
    translation); refuses an existing file unless ``force``."""
    refuse_existing(path, force=force)
    data = content.encode(encoding) if isinstance(content, str) else content
    folder = path.parent
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # the bytes are on disk before the name points at them
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise UserError(f"cannot write {path}: {_reason(exc)}; {_left(path)}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _reason(exc: OSError) -> str:
    from . import describe_error

    return describe_error(OSError(*exc.args))  # the reason without the temporary file's name


def _left(path: Path) -> str:
    return f"{path} was left as it was" if path.exists() else "no file was written"
