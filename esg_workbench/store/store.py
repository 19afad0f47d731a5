"""``Store``: assessments with numbered revisions and conflict detection, and datapoint catalogues, in
SQLite (the default, a local file) or PostgreSQL (a URL).

Every change names the revision it was based on; if someone else saved in between, the change is
refused with :class:`ConflictError` and nothing is written, so no edit is ever lost silently.
Access rules (team mode) plug in through the ``_check`` / ``_created`` hooks, which run inside the
same transaction as the read or write they guard (see ``access.SecuredStore``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType
from typing import Literal

from pydantic import ValidationError
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from ..config import database_url, settings
from ..domain import Assessment, AssessmentInvalid, validate_assessment
from ..domain.datapoints import DatapointCatalogue
from ..domain.diff import Change, diff_assessments, diff_data, summarise
from . import assessments as repo
from . import audit
from . import catalogues as catalogue_repo
from .database import check_schema, describe_url, make_engine, read_transaction, write_transaction
from .database import migrate as _migrate
from .errors import AlreadyExists, ConflictError, NotFound, StoreError
from .records import AssessmentSummary, AuditEntry, CatalogueInfo, RevisionInfo, StoredAssessment
from .tables import AUTHOR_LENGTH

#: What a guarded call does to one assessment: read it, change its content, or delete / undelete it.
Action = Literal["read", "edit", "delete"]


def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """An open store. ``url_or_path`` is a SQLAlchemy URL or a SQLite file path; None means the
    configured database (``ESG_WORKBENCH_DB``, default ``var/workbench.db``). Opening migrates the
    schema to the newest version unless ``migrate`` is False (default: ``ESG_WORKBENCH_AUTO_MIGRATE``);
    then a schema that is not at the newest version is refused with StoreUnavailable.
    Use as a context manager, or call :meth:`close`."""

    def __init__(self, url_or_path: str | None = None, *, migrate: bool | None = None) -> None:
        self._engine: Engine = make_engine(database_url(url_or_path))
        try:
            if settings().auto_migrate if migrate is None else migrate:
                _migrate(self._engine)
            else:
                check_schema(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def url(self) -> str:
        """The database URL without its password, for messages."""
        return describe_url(self._engine.url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # --- assessments ------------------------------------------------------------------------------

    def list_assessments(self, *, include_deleted: bool = False) -> list[AssessmentSummary]:
        """Stored assessments, most recently changed first."""
        with read_transaction(self._engine) as conn:
            return repo.summaries(conn, include_deleted=include_deleted)

    def exists(self, assessment_id: str) -> bool:
        """Whether an assessment with this id is stored (deleted ones count: the id is taken)."""
        with read_transaction(self._engine) as conn:
            return repo.current(conn, assessment_id=assessment_id) is not None

    def create(self, assessment: Assessment, *, author: str = "local", message: str = "created") -> int:
        """Store a new assessment as revision 1; AlreadyExists if its id is taken."""
        author = _checked_author(author)
        _check_valid(assessment)
        content = repo.Content.of(assessment)
        now = _now()
        try:
            with write_transaction(self._engine) as conn:
                existing = repo.current(conn, assessment_id=assessment.id)
                if existing is not None:
                    raise _already_exists(assessment.id, existing)
                repo.insert_assessment(conn, assessment=assessment, now=now)
                repo.insert_revision(
                    conn,
                    assessment_id=assessment.id,
                    number=1,
                    parent=None,
                    content=content,
                    author=author,
                    message=message,
                    summary="created",
                    now=now,
                )
                self._created(conn, assessment.id, now)
        except IntegrityError:
            # Another writer created the same id between our check and our insert (PostgreSQL).
            raise AlreadyExists(f"assessment '{assessment.id}' already exists in the store") from None
        return 1

    def save(self, assessment: Assessment, *, base_revision: int, author: str = "local", message: str = "") -> int:
        """Store a new revision of ``assessment`` made from ``base_revision``; return its number.

        ConflictError (and nothing written) if the stored assessment is no longer at ``base_revision``.
        An assessment identical to the current revision (apart from its timestamps) is not stored
        again: the current revision number is returned.
        """
        author = _checked_author(author)
        _check_valid(assessment)
        with write_transaction(self._engine) as conn:
            self._check(conn, assessment.id, "edit")
            return self._commit(conn, assessment, base_revision=base_revision, author=author, message=message)

    def restore(self, assessment_id: str, revision: int, *, base_revision: int, author: str = "local") -> int:
        """Make the content of an old revision the newest one (a new revision; history is kept)."""
        author = _checked_author(author)
        old = self.load(assessment_id, revision=revision).assessment
        _check_valid(old)
        with write_transaction(self._engine) as conn:
            self._check(conn, assessment_id, "edit")
            return self._commit(
                conn, old, base_revision=base_revision, author=author, message=f"restored revision {revision}"
            )

    def _commit(
        self, conn: Connection, assessment: Assessment, *, base_revision: int, author: str, message: str
    ) -> int:
        current = _require_live(conn, assessment.id)
        if current.revision != base_revision:
            raise ConflictError(assessment.id, base_revision, current.revision, current.author)
        content = repo.Content.of(assessment)
        if content.hash == current.content_hash:
            return current.revision
        now = _now()
        if not repo.advance(conn, assessment=assessment, base_revision=base_revision, now=now):
            # Someone committed between our read and our update; report what is there now.
            latest = _require_live(conn, assessment.id)
            raise ConflictError(assessment.id, base_revision, latest.revision, latest.author)
        summary = _summary(current, content)
        repo.insert_revision(
            conn,
            assessment_id=assessment.id,
            number=base_revision + 1,
            parent=base_revision,
            content=content,
            author=author,
            message=message,
            summary=summary,
            now=now,
        )
        return base_revision + 1

    def load(self, assessment_id: str, *, revision: int | None = None) -> StoredAssessment:
        """The assessment at ``revision`` (default: the newest). Deleted assessments can still be read."""
        with read_transaction(self._engine) as conn:
            self._check(conn, assessment_id, "read")
            current = repo.current(conn, assessment_id=assessment_id)
            if current is None:
                raise NotFound(f"no assessment '{assessment_id}' in the store")
            if revision is None or revision == current.revision:
                content, saved_at, author, number = current.content, current.saved_at, current.author, current.revision
            else:
                row = repo.revision(conn, assessment_id=assessment_id, number=revision)
                if row is None:
                    raise NotFound(
                        f"assessment '{assessment_id}' has no revision {revision} (it has 1 to {current.revision})"
                    )
                (content, saved_at, author), number = row, revision
        return StoredAssessment(_parse(content, assessment_id, number), number, saved_at, author)

    def history(self, assessment_id: str) -> list[RevisionInfo]:
        """Every revision of an assessment, oldest first."""
        with read_transaction(self._engine) as conn:
            self._check(conn, assessment_id, "read")
            revisions = repo.history(conn, assessment_id=assessment_id)
        if not revisions:
            raise NotFound(f"no assessment '{assessment_id}' in the store")
        return revisions

    def audit_log(self, assessment_id: str) -> list[AuditEntry]:
        """Every change to an assessment, oldest first: each revision with who, when and the field-level
        changes from its parent, and the deletes, undeletes and access changes between them."""
        with read_transaction(self._engine) as conn:
            self._check(conn, assessment_id, "read")
            entries = audit.read_log(conn, assessment_id=assessment_id)
        if not entries:
            raise NotFound(f"no assessment '{assessment_id}' in the store")
        return entries

    def diff(self, assessment_id: str, from_revision: int, to_revision: int) -> list[Change]:
        """Field-level changes from one revision to another (either order)."""
        old = self.load(assessment_id, revision=from_revision).assessment
        new = self.load(assessment_id, revision=to_revision).assessment
        return diff_assessments(old, new)

    def delete(self, assessment_id: str, *, base_revision: int, author: str = "local") -> None:
        """Hide an assessment from the list (soft delete; revisions are kept, ``undelete`` brings it back)."""
        author = _checked_author(author)
        now = _now()
        with write_transaction(self._engine) as conn:
            self._check(conn, assessment_id, "delete")
            current = _require_live(conn, assessment_id)
            if current.revision != base_revision:
                raise ConflictError(assessment_id, base_revision, current.revision, current.author)
            done = repo.set_deleted(
                conn, assessment_id=assessment_id, deleted=True, author=author, now=now, base_revision=base_revision
            )
            if not done:
                latest = _require_live(conn, assessment_id)
                raise ConflictError(assessment_id, base_revision, latest.revision, latest.author)
            audit.insert_event(
                conn, assessment_id=assessment_id, action="deleted", actor=author, revision=base_revision, now=now
            )

    def undelete(self, assessment_id: str, *, author: str = "local") -> None:
        """Show a deleted assessment again; a no-op for one that is not deleted."""
        author = _checked_author(author)
        now = _now()
        with write_transaction(self._engine) as conn:
            self._check(conn, assessment_id, "delete")
            current = repo.current(conn, assessment_id=assessment_id)
            if current is None:
                raise NotFound(f"no assessment '{assessment_id}' in the store")
            done = repo.set_deleted(
                conn, assessment_id=assessment_id, deleted=False, author="", now=now, base_revision=None
            )
            if done:
                audit.insert_event(
                    conn,
                    assessment_id=assessment_id,
                    action="undeleted",
                    actor=author,
                    revision=current.revision,
                    now=now,
                )

    # --- hooks for access control (no-ops here; access.SecuredStore fills them in) ---------------------

    def _check(self, conn: Connection, assessment_id: str, action: Action) -> None:
        """Called first inside the transaction of every call that reads or changes one assessment."""

    def _created(self, conn: Connection, assessment_id: str, now: datetime) -> None:
        """Called inside the creating transaction, after the assessment and its revision 1 are inserted."""

    # --- datapoint catalogues ---------------------------------------------------------------------

    def save_datapoint_catalogue(self, catalogue: DatapointCatalogue, *, replace: bool = False) -> CatalogueInfo:
        """Store an imported catalogue version; AlreadyExists unless ``replace`` when that id and version
        are stored. Replacing swaps the whole version in one transaction."""
        catalogue_repo.check_unique_ids(catalogue)
        with write_transaction(self._engine) as conn:
            if catalogue_repo.exists(conn, catalogue_id=catalogue.id, version=catalogue.version):
                if not replace:
                    raise AlreadyExists(
                        f"datapoint catalogue {catalogue.id} version {catalogue.version} is already stored; "
                        "replace it explicitly or import it under another version"
                    )
                catalogue_repo.remove(conn, catalogue_id=catalogue.id, version=catalogue.version)
            catalogue_repo.insert_catalogue(conn, catalogue=catalogue)
            return _info_of(conn, catalogue.id, catalogue.version)

    def list_datapoint_catalogues(self) -> list[CatalogueInfo]:
        """Stored catalogue versions, grouped by id, newest import first."""
        with read_transaction(self._engine) as conn:
            return catalogue_repo.infos(conn)

    def load_datapoint_catalogue(self, catalogue_id: str, version: str | None = None) -> DatapointCatalogue:
        """A stored catalogue with its datapoints in source order; ``version=None`` is the newest import."""
        with read_transaction(self._engine) as conn:
            stored = catalogue_repo.infos(conn, catalogue_id=catalogue_id)
            if not stored:
                raise NotFound(f"no datapoint catalogue '{catalogue_id}' in the store")
            info = stored[0] if version is None else next((i for i in stored if i.version == version), None)
            if info is None:
                known = ", ".join(i.version for i in stored)
                raise NotFound(f"datapoint catalogue '{catalogue_id}' has no version '{version}' (stored: {known})")
            points = catalogue_repo.points(conn, catalogue_id=catalogue_id, version=info.version)
        return DatapointCatalogue(
            id=info.id,
            version=info.version,
            title=info.title,
            source_filename=info.source_filename,
            source_sha256=info.source_sha256,
            imported_at=info.imported_at,
            standard_id=info.standard_id,
            standard_version=info.standard_version,
            datapoints=points,
        )

    def datapoint_catalogue_for(self, standard_id: str, standard_version: str) -> DatapointCatalogue | None:
        """The newest imported datapoint list of the disclosure-requirement catalogue ``standard_id``
        ``standard_version`` (the assessment's), or None when none was imported for it."""
        with read_transaction(self._engine) as conn:
            found = [
                i
                for i in catalogue_repo.infos(conn)
                if (i.standard_id, i.standard_version) == (standard_id, standard_version)
            ]
        if not found:
            return None
        newest = max(found, key=lambda i: i.imported_at)
        return self.load_datapoint_catalogue(newest.id, newest.version)


# --- rules shared by the methods ------------------------------------------------------------------


def _info_of(conn: Connection, catalogue_id: str, version: str) -> CatalogueInfo:
    return next(i for i in catalogue_repo.infos(conn, catalogue_id=catalogue_id) if i.version == version)


def _check_valid(assessment: Assessment) -> None:
    """Refuse an assessment that would not load again: every problem, against its own framework."""
    from ..assessment_files import framework_for

    source = f"assessment '{assessment.id}'"
    data = assessment.model_dump(mode="json")
    problems = validate_assessment(assessment, framework_for(data, source))
    if problems:
        raise AssessmentInvalid(problems, source)


def _checked_author(author: str) -> str:
    author = author.strip()
    if not author:
        raise ValueError("author must not be empty")
    if len(author) > AUTHOR_LENGTH:
        raise ValueError(f"author is longer than {AUTHOR_LENGTH} characters")
    return author


def _require_live(conn: Connection, assessment_id: str) -> repo.Current:
    current = repo.current(conn, assessment_id=assessment_id)
    if current is None:
        raise NotFound(f"no assessment '{assessment_id}' in the store; create it first")
    if current.deleted:
        raise NotFound(f"assessment '{assessment_id}' is deleted; undelete it before changing it")
    return current


def _already_exists(assessment_id: str, existing: repo.Current) -> AlreadyExists:
    if existing.deleted:
        return AlreadyExists(f"assessment '{assessment_id}' exists but is deleted; undelete it or use another id")
    return AlreadyExists(
        f"assessment '{assessment_id}' already exists (revision {existing.revision}, saved by {existing.author}); "
        f"save it with base revision {existing.revision} instead of creating it"
    )


def _summary(parent: repo.Current, content: repo.Content) -> str:
    previous = audit.comparable(parent.content)
    if previous is None:
        # An old revision this version cannot read must not block saving a new one.
        return f"not compared: revision {parent.revision} is in a format this version cannot read"
    return summarise(diff_data(previous, content.data))


def _parse(content: str, assessment_id: str, revision: int) -> Assessment:
    try:
        return Assessment.model_validate_json(content)
    except ValidationError as exc:
        raise StoreError(
            f"revision {revision} of assessment '{assessment_id}' cannot be read by this version: "
            f"{exc.error_count()} problem(s), first: {exc.errors()[0]['msg']}"
        ) from None
