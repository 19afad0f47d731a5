"""What can go wrong in the store, as exceptions that carry enough to explain it to the user."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class NotFound(StoreError, LookupError):
    """No such assessment, revision or datapoint catalogue (or the assessment was deleted)."""


class AlreadyExists(StoreError):
    """An assessment or catalogue with that id (and version) is already stored."""


class ConflictError(StoreError):
    """Someone saved the assessment after the revision this change was based on; nothing was written."""

    def __init__(self, assessment_id: str, base_revision: int, current_revision: int, current_author: str) -> None:
        self.assessment_id = assessment_id
        self.base_revision = base_revision
        self.current_revision = current_revision
        self.current_author = current_author
        super().__init__(
            f"assessment '{assessment_id}' is at revision {current_revision} (saved by {current_author}), "
            f"not at your base revision {base_revision}; nothing was saved. Load revision {current_revision}, "
            f"apply your changes to it and save again with base revision {current_revision}."
        )


class CatalogueInvalid(StoreError, ValueError):
    """A datapoint catalogue that cannot be stored as given (e.g. two datapoints with one id)."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or reached, or stayed locked by another writer for too long.

    ``where`` names the database without its password (a file path, or the URL with ``***``), ``reason``
    is what the driver said and ``hint`` what the user can do; ``str()`` joins what is given, so a
    message written for a terminal and one translated for the app say the same thing."""

    def __init__(self, message: str, *, where: str = "", reason: str = "", hint: str = "") -> None:
        self.where, self.reason, self.hint = where, reason, hint
        super().__init__(f"{message} {hint}".strip() if hint else message)


class StoreDamaged(StoreUnavailable):
    """The SQLite file is not a database or fails SQLite's integrity check; nothing was written to it."""


class StoreTooNew(StoreUnavailable):
    """The database was migrated by a newer version of the workbench (a schema revision this version
    does not know); it is neither used, downgraded nor re-stamped."""
