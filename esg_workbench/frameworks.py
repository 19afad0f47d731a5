"""Load, list and check framework definitions and ESRS catalogues kept as versioned YAML files.

A framework version lives in ``<frameworks_dir>/<id>/<version>/``: ``framework.yaml`` (the manifest)
names the ESRS catalogue and the part files whose content together makes one ``Framework``. ESRS
catalogues live in ``<frameworks_dir>/esrs/*.yaml``. Every file starts with a versioned header; every
problem is reported with the file and the path inside it.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .config import settings
from .domain.framework import CatalogueMapping, EsrsCatalogue, Framework, Localized
from .domain.validation import unwrap_annotation
from .framework_checks import catalogue_problems, framework_problems, mapping_problems

FRAMEWORK_FORMAT = "esg-workbench/framework"
PART_FORMAT = "esg-workbench/framework-part"
M = typing.TypeVar("M", bound=BaseModel)
ESRS_FORMAT = "esg-workbench/esrs-catalogue"
MAPPING_FORMAT = "esg-workbench/catalogue-mapping"
SCOPE_FORMAT = "esg-workbench/scope-rules"
SCOPE_DIR = "scope"
MAPPINGS_DIR = "esrs/mappings"
KNOWN_FORMAT_VERSIONS: dict[str, frozenset[int]] = {
    MAPPING_FORMAT: frozenset({1}),
    SCOPE_FORMAT: frozenset({1}),
    FRAMEWORK_FORMAT: frozenset({1}),
    PART_FORMAT: frozenset({1}),
    ESRS_FORMAT: frozenset({2}),  # 2: localized DR titles, kind, effective dates, always-reported standards
}
MANIFEST = "framework.yaml"
ESRS_DIR = "esrs"
HEADER_KEYS = ("format", "format_version", "id", "version")
MANIFEST_KEYS = ("parts", "esrs")
# Framework fields a manifest or part file may define; the header and the ESRS catalogue come apart.
CONTENT_KEYS = tuple(
    k for k in Framework.model_fields if k not in (*HEADER_KEYS, "esrs", "catalogues", "default_catalogue")
)

__all__ = [
    "FrameworkError",
    "FrameworkInfo",
    "FrameworkNotFound",
    "FrameworkProblem",
    "clear_cache",
    "list_frameworks",
    "load_esrs_catalogue",
    "framework_for_assessment",
    "load_catalogue_mapping",
    "catalogue_mappings",
    "find_mapping",
    "load_scope_rules",
    "load_framework",
]


# --- errors and results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkProblem:
    """One problem in a framework file: ``path`` is like ``criteria_catalogue[3].default_weight``."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}" if self.path else f"{self.file}: {self.message}"


class FrameworkError(ValueError):
    """A framework or ESRS catalogue file is broken; one line per problem, each naming file and path."""

    def __init__(self, problems: list[FrameworkProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @property
    def file(self) -> str:
        return self.problems[0].file

    @property
    def path(self) -> str:
        return self.problems[0].path


class FrameworkNotFound(LookupError):
    """No framework (or ESRS catalogue) with the requested id, version or path."""


@dataclass(frozen=True)
class FrameworkInfo:
    id: str
    version: str
    title: Localized
    path: Path  # the framework's folder


# --- reading YAML ---------------------------------------------------------------------------------


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """``yaml.safe_load``'s loader, except that a repeated key is an error instead of silently winning."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _shown(path: Path) -> str:
    """How a file is named in messages: relative to the project (or cwd) when it is inside it."""
    for base in (settings().frameworks_dir.parent, Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def _fail(file: str, path: str, message: str) -> FrameworkError:
    return FrameworkError([FrameworkProblem(file, path, message)])


def _read_yaml(path: Path, shown: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(shown, "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(shown, "", f"cannot be read: {exc}") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise _fail(shown, where, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise _fail(shown, "", f"YAML syntax error: {exc}") from None
    if not isinstance(data, dict):
        raise _fail(shown, "", "must be a mapping of keys to values, starting with the versioned header")
    return data


def _header_problems(data: dict, shown: str, expected: str) -> list[FrameworkProblem]:
    """The header must come first and name a format and version this workbench reads."""
    problems = []
    if next(iter(data), None) != "format":
        problems.append(FrameworkProblem(shown, "", f"must start with the header keys {', '.join(HEADER_KEYS)}"))
    fmt, version = data.get("format"), data.get("format_version")
    if fmt != expected:
        problems.append(FrameworkProblem(shown, "format", f"unknown format {fmt!r}; expected '{expected}'"))
    elif type(version) is not int or version not in KNOWN_FORMAT_VERSIONS[expected]:
        known = ", ".join(str(v) for v in sorted(KNOWN_FORMAT_VERSIONS[expected]))
        problems.append(
            FrameworkProblem(
                shown,
                "format_version",
                f"unknown version {version!r} of {expected}; this "
                f"workbench reads version {known} (a newer file needs a newer workbench)",
            )
        )
    for key in ("id", "version"):
        value = data.get(key)
        if value is None:
            problems.append(FrameworkProblem(shown, key, "missing"))
        elif not isinstance(value, str) or not value:
            problems.append(FrameworkProblem(shown, key, f'must be text, got {value!r} (quote versions: "1.0")'))
    return problems


# --- pydantic errors as file problems -------------------------------------------------------------


def _loc_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed where ``loc`` points (walking lists, dicts and nested models)."""
    tp: Any = model
    for part in loc:
        base = unwrap_annotation(tp).base
        if isinstance(part, int):
            tp = base
        elif typing.get_origin(base) is dict:
            tp = typing.get_args(base)[1]
        elif isinstance(base, type) and issubclass(base, BaseModel) and part in base.model_fields:
            tp = base.model_fields[part].annotation
        else:
            return []
    base = unwrap_annotation(tp).base
    return list(base.model_fields) if isinstance(base, type) and issubclass(base, BaseModel) else []


def _pydantic_problems(
    exc: ValidationError, model: type[BaseModel], file_of: Callable[[str], str]
) -> list[FrameworkProblem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            message = "unknown key" + (f" (allowed: {', '.join(allowed)})" if allowed else "")
        elif err["type"] == "missing" and len(loc) == 1:
            message = "missing; define it in the manifest or in one of its parts"
        elif "input" in err and err["type"] != "missing" and not isinstance(err["input"], dict | list):
            shown = repr(err["input"])
            message += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
        problems.append(FrameworkProblem(file_of(str(loc[0]) if loc else ""), _loc_path(loc), message))
    return problems


def _read_data_file(path: Path, fmt: str, model: type[M]) -> tuple[M, str]:
    """A one-file data format (catalogue, mapping, scope rules): its header checked, then its model; the
    model and how the file is named in messages. FrameworkError names the file and path of a problem."""
    shown = _shown(path)
    data = _read_yaml(path, shown)
    if problems := _header_problems(data, shown, fmt):
        raise FrameworkError(problems)
    try:
        return model.model_validate(data), shown
    except ValidationError as exc:
        raise FrameworkError(_pydantic_problems(exc, model, lambda _key: shown)) from None


# --- ESRS catalogues ------------------------------------------------------------------------------


@cache
def _read_catalogue(path: Path) -> EsrsCatalogue:
    catalogue, shown = _read_data_file(path, ESRS_FORMAT, EsrsCatalogue)
    if found := catalogue_problems(catalogue):
        raise FrameworkError([FrameworkProblem(shown, path, message) for _, path, message in found])
    return catalogue


def _catalogue_path(catalogue_id: str, version: str | None, root: Path) -> Path:
    files = sorted((root / ESRS_DIR).glob("*.yaml"))
    found = {(c.id, c.version): f for f in files for c in [_read_catalogue(f.resolve())]}
    versions = sorted((v for i, v in found if i == catalogue_id), key=_version_key)
    if not versions:
        available = ", ".join(f"{i} {v}" for i, v in sorted(found)) or "none"
        raise FrameworkNotFound(f"unknown ESRS catalogue '{catalogue_id}' (available: {available})")
    if version is None:
        version = versions[-1]
    if (catalogue_id, version) not in found:
        raise FrameworkNotFound(
            f"ESRS catalogue '{catalogue_id}' has no version '{version}' (available: {', '.join(versions)})"
        )
    return found[(catalogue_id, version)].resolve()


def load_esrs_catalogue(
    id: str | Path = "esrs-set1",
    version: str | None = None,
    *,  # noqa: A002
    frameworks_dir: Path | None = None,
) -> EsrsCatalogue:
    """The ESRS catalogue ``id`` (or at the file path ``id``) in ``version``; None means the newest."""
    if _looks_like_path(id):
        path = Path(id)
        if not path.is_file():
            raise FrameworkNotFound(f"no ESRS catalogue file at {path}")
        return _read_catalogue(path.resolve())
    return _read_catalogue(_catalogue_path(str(id), version, _root(frameworks_dir)))


# --- mappings between catalogue versions ----------------------------------------------------------


def load_catalogue_mapping(path: str | Path, *, frameworks_dir: Path | None = None) -> CatalogueMapping:
    """A mapping file, checked against the two catalogues it names: every code on either side must exist
    there, and each kind names as many targets as it means. FrameworkError names file and path."""
    return _read_mapping(Path(path).resolve(), _root(frameworks_dir).resolve())


@cache
def _read_mapping(path: Path, root: Path) -> CatalogueMapping:
    mapping, shown = _read_data_file(path, MAPPING_FORMAT, CatalogueMapping)
    sides = []
    for key, ref in (("from", mapping.from_catalogue), ("to", mapping.to_catalogue)):
        try:
            sides.append(load_esrs_catalogue(ref.id, ref.version, frameworks_dir=root))
        except FrameworkNotFound as exc:
            raise _fail(shown, key, str(exc)) from None
    if found := mapping_problems(mapping, *sides):
        raise FrameworkError([FrameworkProblem(shown, where, message) for where, message in found])
    return mapping


def catalogue_mappings(*, frameworks_dir: Path | None = None) -> list[CatalogueMapping]:
    """Every mapping shipped in ``frameworks/esrs/mappings``, checked."""
    root = _root(frameworks_dir).resolve()
    return [_read_mapping(f.resolve(), root) for f in sorted((root / MAPPINGS_DIR).glob("*.yaml"))]


def find_mapping(from_ref: Any, to_ref: Any, *, frameworks_dir: Path | None = None) -> CatalogueMapping | None:
    """The mapping from catalogue ``from_ref`` to ``to_ref`` (anything with ``id`` and ``version``)."""
    for mapping in catalogue_mappings(frameworks_dir=frameworks_dir):
        if (mapping.from_catalogue.id, mapping.from_catalogue.version) == (from_ref.id, from_ref.version) and (
            mapping.to_catalogue.id,
            mapping.to_catalogue.version,
        ) == (to_ref.id, to_ref.version):
            return mapping
    return None


# --- CSRD scope rules -----------------------------------------------------------------------------


def load_scope_rules(version: str | None = None, *, frameworks_dir: Path | None = None) -> Any:
    """The CSRD scope rules (``frameworks/scope``): ``version`` None = the newest. FrameworkError names
    the file and path of a problem."""
    from .scope import ScopeRules

    root = _root(frameworks_dir).resolve()
    found = {}
    for path in sorted((root / SCOPE_DIR).glob("*.yaml")):
        rules = _read_scope_rules(path.resolve())
        found[rules.version] = rules
    if not found:
        raise FrameworkNotFound(f"no CSRD scope rules in {root / SCOPE_DIR}")
    chosen = version if version is not None else sorted(found, key=_version_key)[-1]
    if chosen not in found:
        raise FrameworkNotFound(f"no CSRD scope rules version '{chosen}' (available: {', '.join(sorted(found))})")
    rules = found[chosen]
    assert isinstance(rules, ScopeRules)
    return rules


@cache
def _read_scope_rules(path: Path) -> Any:
    from .scope import ScopeRules

    return _read_data_file(path, SCOPE_FORMAT, ScopeRules)[0]


# --- frameworks -----------------------------------------------------------------------------------


def _root(frameworks_dir: Path | None) -> Path:
    return Path(frameworks_dir) if frameworks_dir is not None else settings().frameworks_dir


def _version_key(version: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", version))


def _looks_like_path(value: str | Path) -> bool:
    # Ids never contain a slash (fields.ID_PATTERN), so anything path-like is a path.
    text = str(value)
    return isinstance(value, Path) or "/" in text or "\\" in text or text.endswith((".yaml", ".yml"))


def _is_ref(ref: object) -> bool:
    return isinstance(ref, dict) and set(ref) == {"id", "version"} and all(isinstance(v, str) for v in ref.values())


def _manifest_refs(manifest: dict, shown: str) -> tuple[list[tuple[str, str]], tuple[str, str]]:
    """The catalogues a manifest offers (``esrs.catalogues``) and its default (``esrs.default``)."""
    esrs = manifest.get("esrs")
    if not isinstance(esrs, dict) or set(esrs) != {"catalogues", "default"}:
        raise _fail(shown, "esrs", "must have 'catalogues' (the catalogues offered) and 'default'")
    offered = esrs["catalogues"]
    if not isinstance(offered, list) or not offered:
        raise _fail(shown, "esrs.catalogues", 'must list catalogues as {id: ..., version: "..."}')
    for i, ref in enumerate(offered):
        if not _is_ref(ref):
            raise _fail(shown, f"esrs.catalogues[{i}]", 'must name a catalogue as {id: ..., version: "..."}')
    refs = [(r["id"], r["version"]) for r in offered]
    if not _is_ref(esrs["default"]):
        raise _fail(shown, "esrs.default", 'must name a catalogue as {id: ..., version: "..."}')
    default = (esrs["default"]["id"], esrs["default"]["version"])
    if default not in refs:
        raise _fail(shown, "esrs.default", f"'{default[0]} {default[1]}' is not one of esrs.catalogues")
    return refs, default


def _part_names(manifest: dict, shown: str) -> list[str]:
    parts = manifest.get("parts", [])
    if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
        raise _fail(shown, "parts", "must be a list of file names in the framework's folder")
    for i, name in enumerate(parts):
        if "/" in name or "\\" in name or name == MANIFEST or not name.endswith(".yaml"):
            raise _fail(shown, f"parts[{i}]", f"'{name}' must be a .yaml file name in the framework's folder")
        if parts.index(name) != i:
            raise _fail(shown, f"parts[{i}]", f"'{name}' is listed twice")
    return parts


class _Assembly:
    """Collects the content keys of the manifest and its parts, remembering which file gave each."""

    def __init__(self, header: dict) -> None:
        self.data: dict[str, Any] = {k: header[k] for k in HEADER_KEYS}
        self.origin: dict[str, str] = {}
        self.problems: list[FrameworkProblem] = []

    def add(self, content: dict, shown: str, skip: tuple[str, ...]) -> None:
        for key, value in content.items():
            if key in HEADER_KEYS or key in skip:
                continue
            if key not in CONTENT_KEYS:
                allowed = ", ".join((*HEADER_KEYS, *skip, *CONTENT_KEYS))
                self.problems.append(FrameworkProblem(shown, str(key), f"unknown key (allowed: {allowed})"))
            elif key in self.origin:
                self.problems.append(FrameworkProblem(shown, key, f"already defined in {self.origin[key]}"))
            else:
                self.data[key], self.origin[key] = value, shown


def _read_part(folder: Path, index: int, manifest: dict, assembly: _Assembly) -> None:
    name = manifest["parts"][index]
    path = folder / name
    shown = _shown(path)
    if not path.is_file():
        assembly.problems.append(
            FrameworkProblem(
                _shown(folder / MANIFEST), f"parts[{index}]", f"file '{name}' not found in the framework's folder"
            )
        )
        return
    try:
        part = _read_yaml(path, shown)
    except FrameworkError as exc:
        assembly.problems += exc.problems
        return
    header = _header_problems(part, shown, PART_FORMAT)
    for key in ("id", "version"):
        if not header and part[key] != manifest[key]:
            header.append(FrameworkProblem(shown, key, f"'{part[key]}' differs from the manifest's '{manifest[key]}'"))
    assembly.problems += header
    if not header:
        assembly.add(part, shown, skip=())


@cache
def _read_framework(folder: Path, root: Path) -> Framework:
    manifest_shown = _shown(folder / MANIFEST)
    manifest = _read_yaml(folder / MANIFEST, manifest_shown)
    if problems := _header_problems(manifest, manifest_shown, FRAMEWORK_FORMAT):
        raise FrameworkError(problems)
    parts = _part_names(manifest, manifest_shown)
    assembly = _Assembly(manifest)
    assembly.add(manifest, manifest_shown, skip=MANIFEST_KEYS)
    for index in range(len(parts)):
        _read_part(folder, index, manifest, assembly)
    for stray in sorted(set(p.name for p in folder.glob("*.yaml")) - {MANIFEST, *parts}):
        assembly.problems.append(
            FrameworkProblem(_shown(folder / stray), "", f"not listed under 'parts' in {MANIFEST}; list or remove it")
        )
    refs, default = _manifest_refs(manifest, manifest_shown)
    catalogues = []
    for i, ref in enumerate(refs):
        try:
            catalogues.append(load_esrs_catalogue(*ref, frameworks_dir=root))
        except FrameworkNotFound as exc:
            assembly.problems.append(FrameworkProblem(manifest_shown, f"esrs.catalogues[{i}]", str(exc)))
        except FrameworkError as exc:
            assembly.problems += exc.problems
    assembly.data["catalogues"] = catalogues
    assembly.data["default_catalogue"] = {"id": default[0], "version": default[1]}
    assembly.data["esrs"] = next((c for c in catalogues if (c.id, c.version) == default), None)
    if assembly.problems:
        raise FrameworkError(assembly.problems)

    def file_of(key: str) -> str:
        return assembly.origin.get(key, manifest_shown)

    try:
        framework = Framework.model_validate(assembly.data)
    except ValidationError as exc:
        raise FrameworkError(_pydantic_problems(exc, Framework, file_of)) from None
    if found := framework_problems(framework):
        raise FrameworkError([FrameworkProblem(file_of(key), path, message) for key, path, message in found])
    return framework


def _discover(root: Path) -> dict[tuple[str, str], Path]:
    """(id, version) -> folder for every ``<id>/<version>/framework.yaml`` under ``root``."""
    return {(m.parent.parent.name, m.parent.name): m.parent for m in sorted(root.glob(f"*/*/{MANIFEST}"))}


def _folder_for(framework_id: str, version: str | None, root: Path) -> Path:
    found = _discover(root)
    versions = sorted((v for i, v in found if i == framework_id), key=_version_key)
    if not versions:
        available = ", ".join(sorted({i for i, _ in found})) or "none"
        raise FrameworkNotFound(f"unknown framework '{framework_id}' in {root} (available: {available})")
    chosen = version if version is not None else versions[-1]
    if (framework_id, chosen) not in found:
        raise FrameworkNotFound(
            f"framework '{framework_id}' has no version '{chosen}' (available: {', '.join(versions)})"
        )
    return found[(framework_id, chosen)]


def load_framework(
    id_or_path: str | Path = "esg-architecture", version: str | None = None, *, frameworks_dir: Path | None = None
) -> Framework:
    """A framework by id (``version`` None = newest) or by the path of its folder or manifest.

    Loaded frameworks are cached per folder; ``clear_cache()`` forgets them after files change.
    """
    root = _root(frameworks_dir).resolve()
    if _looks_like_path(id_or_path):
        path = Path(id_or_path)
        folder = path.parent if path.name == MANIFEST else path
        if not (folder / MANIFEST).is_file():
            raise FrameworkNotFound(f"no framework at {path} (expected a folder with {MANIFEST})")
        framework = _read_framework(folder.resolve(), root)
        if version is not None and framework.version != version:
            raise FrameworkNotFound(f"the framework at {path} is version '{framework.version}', not '{version}'")
        return framework
    folder = _folder_for(str(id_or_path), version, root)
    framework = _read_framework(folder.resolve(), root)
    for key, expected in (("id", folder.parent.name), ("version", folder.name)):
        if getattr(framework, key) != expected:
            raise _fail(
                _shown(folder / MANIFEST),
                key,
                f"'{getattr(framework, key)}' does not match its folder name '{expected}'",
            )
    return framework


def framework_for_assessment(assessment: Any, *, frameworks_dir: Path | None = None) -> Framework:
    """The framework ``assessment`` names, working against the catalogue it names: every DR code the
    surfaces show is then read in that version's terms. FrameworkNotFound when either is unknown."""
    framework = load_framework(
        assessment.framework.id, version=assessment.framework.version, frameworks_dir=frameworks_dir
    )
    try:
        return framework.for_assessment(assessment)
    except KeyError:
        offered = framework.catalogues_offered
        named = f"{framework.id} {framework.version}"
        raise FrameworkNotFound(
            f"framework {named} has no catalogue '{assessment.catalogue}' (offered: {offered})"
        ) from None


def list_frameworks(*, frameworks_dir: Path | None = None) -> list[FrameworkInfo]:
    """Every framework version in the frameworks folder, sorted by id and version (newest last).

    Each one is loaded and checked (and then cached), so a listed framework is one that loads.
    """
    root = _root(frameworks_dir).resolve()
    infos = []
    for (framework_id, version), folder in _discover(root).items():
        framework = load_framework(framework_id, version, frameworks_dir=root)
        infos.append(FrameworkInfo(framework.id, framework.version, framework.title, folder.resolve()))
    return sorted(infos, key=lambda info: (info.id, _version_key(info.version)))


def clear_cache() -> None:
    """Forget loaded frameworks and catalogues, e.g. after the files were edited."""
    _read_framework.cache_clear()
    _read_catalogue.cache_clear()
    _read_mapping.cache_clear()
    _read_scope_rules.cache_clear()
