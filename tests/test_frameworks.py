"""Tests of the framework loader: every shipped file loads, both languages everywhere, look-up by id and
path, and broken fixtures that must fail with the file and the path of the problem."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from esg_workbench.config import settings
from esg_workbench.domain.framework import Localized
from esg_workbench.framework_checks import assessment_vocabularies
from esg_workbench.frameworks import (
    FrameworkError,
    FrameworkInfo,
    FrameworkNotFound,
    catalogue_mappings,
    clear_cache,
    list_frameworks,
    load_catalogue_mapping,
    load_esrs_catalogue,
    load_framework,
)

FRAMEWORKS = settings().frameworks_dir
FIXTURES = Path(__file__).parent / "fixtures" / "frameworks"
FRAMEWORK_FOLDERS = sorted(p.parent for p in FRAMEWORKS.glob("*/*/framework.yaml"))
ESRS_FILES = sorted((FRAMEWORKS / "esrs").glob("*.yaml"))
MAPPING_FILES = sorted((FRAMEWORKS / "esrs" / "mappings").glob("*.yaml"))
SCOPE_FILES = sorted((FRAMEWORKS / "scope").glob("*.yaml"))


def _folder_id(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


def _localized(obj: object, path: str = "") -> Iterator[tuple[str, Localized]]:
    """Every Localized inside a model, with its path."""
    if isinstance(obj, Localized):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _localized(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list | tuple):
        for i, item in enumerate(obj):
            yield from _localized(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _localized(value, f"{path}.{key}")


# --- every shipped file ---------------------------------------------------------------------------


def test_the_frameworks_folder_is_not_empty() -> None:
    assert FRAMEWORK_FOLDERS and ESRS_FILES


@pytest.mark.parametrize("folder", FRAMEWORK_FOLDERS, ids=_folder_id)
def test_every_framework_loads(folder: Path) -> None:
    framework = load_framework(folder)
    assert (framework.id, framework.version) == (folder.parent.name, folder.name)
    assert load_framework(framework.id, framework.version) is framework


@pytest.mark.parametrize("path", ESRS_FILES, ids=lambda p: p.name)
def test_every_esrs_catalogue_loads(path: Path) -> None:
    catalogue = load_esrs_catalogue(str(path))
    assert load_esrs_catalogue(catalogue.id, catalogue.version) is catalogue


@pytest.mark.parametrize("path", MAPPING_FILES, ids=lambda p: p.name)
def test_every_catalogue_mapping_loads(path: Path) -> None:
    mapping = load_catalogue_mapping(path)
    assert mapping in catalogue_mappings()


def test_every_yaml_file_in_the_frameworks_folder_is_read_by_the_loader() -> None:
    read = set(ESRS_FILES) | set(MAPPING_FILES) | set(SCOPE_FILES)  # scope rules: tests/test_scope.py
    for folder in FRAMEWORK_FOLDERS:
        read.add(folder / "framework.yaml")
        read.update(folder.glob("*.yaml"))  # unlisted files in a framework folder fail test_every_framework_loads
    assert sorted(set(FRAMEWORKS.rglob("*.yaml")) - read) == []


@pytest.mark.parametrize("folder", FRAMEWORK_FOLDERS, ids=_folder_id)
def test_every_text_is_in_english_and_danish_and_they_differ(folder: Path) -> None:
    texts = list(_localized(load_framework(folder)))
    assert len(texts) > 100  # the walk really reached the content
    wrong = [path for path, text in texts if not text.en.strip() or not text.da.strip() or text.en == text.da]
    assert wrong == []


@pytest.mark.parametrize("folder", FRAMEWORK_FOLDERS, ids=_folder_id)
def test_danish_and_english_are_not_swapped(folder: Path) -> None:
    # Function words that only one of the two languages uses catch a text pasted into the wrong key.
    english_words, danish_words = re.compile(r"\b(the|and|with|which)\b"), re.compile(r"\b(og|der|som|til|af)\b")
    wrong = [
        path
        for path, text in _localized(load_framework(folder))
        if english_words.search(text.da) or danish_words.search(text.en)
    ]
    assert wrong == []


# --- look-up --------------------------------------------------------------------------------------


def test_load_by_id_by_folder_and_by_manifest_give_the_same_cached_framework() -> None:
    by_id = load_framework()
    folder = FRAMEWORKS / "esg-architecture" / "1.0"
    assert (by_id.id, by_id.version) == ("esg-architecture", "1.0")
    assert load_framework("esg-architecture", "1.0") is by_id
    assert load_framework(folder) is by_id
    assert load_framework(str(folder / "framework.yaml")) is by_id
    assert by_id.esrs is load_esrs_catalogue("esrs-amended", "2026")


def test_clear_cache_reads_the_files_again() -> None:
    first = load_framework()
    clear_cache()
    again = load_framework()
    assert again is not first and again == first


def test_unknown_id_lists_the_available_frameworks() -> None:
    with pytest.raises(FrameworkNotFound, match="unknown framework 'no-such-framework'.*esg-architecture"):
        load_framework("no-such-framework")


def test_unknown_version_lists_the_available_versions() -> None:
    with pytest.raises(FrameworkNotFound, match=r"no version '9\.9'.*available: 1\.0"):
        load_framework("esg-architecture", "9.9")


def test_a_path_without_a_framework_or_with_another_version_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(FrameworkNotFound, match="expected a folder with framework.yaml"):
        load_framework(tmp_path)
    with pytest.raises(FrameworkNotFound, match="version '1.0', not '2.0'"):
        load_framework(FRAMEWORKS / "esg-architecture" / "1.0", version="2.0")


def test_error_classes_fit_the_standard_hierarchy() -> None:
    assert issubclass(FrameworkNotFound, LookupError)
    assert issubclass(FrameworkError, ValueError)


def test_list_frameworks() -> None:
    infos = list_frameworks()
    shipped = next(i for i in infos if i.id == "esg-architecture")
    assert isinstance(shipped, FrameworkInfo)
    assert shipped.version == "1.0"
    assert shipped.title.da == "Rammeværk for vurdering af ESG-arkitektur"
    assert shipped.path == (FRAMEWORKS / "esg-architecture" / "1.0").resolve()
    assert len(infos) == len(FRAMEWORK_FOLDERS)


def _framework_root(tmp_path: Path, versions: dict[str, str]) -> Path:
    """A frameworks folder with the ESRS catalogues and copies of the minimal fixture in the given
    ``folder name -> manifest version`` versions."""
    root = tmp_path / "frameworks"
    shutil.copytree(FRAMEWORKS / "esrs", root / "esrs")
    for folder, version in versions.items():
        target = root / "minimal-test" / folder
        shutil.copytree(FIXTURES / "minimal", target)
        for path in target.glob("*.yaml"):
            path.write_text(
                path.read_text(encoding="utf-8").replace('version: "1.0"', f'version: "{version}"'), encoding="utf-8"
            )
    return root


def test_newest_version_is_chosen_by_number_not_by_text(tmp_path: Path) -> None:
    root = _framework_root(tmp_path, {"1.2": "1.2", "1.10": "1.10"})
    assert load_framework("minimal-test", frameworks_dir=root).version == "1.10"
    assert load_framework("minimal-test", "1.2", frameworks_dir=root).version == "1.2"
    assert [i.version for i in list_frameworks(frameworks_dir=root)] == ["1.2", "1.10"]


def test_a_manifest_must_match_its_folder_name(tmp_path: Path) -> None:
    root = _framework_root(tmp_path, {"2.0": "1.0"})
    with pytest.raises(FrameworkError) as raised:
        load_framework("minimal-test", "2.0", frameworks_dir=root)
    assert raised.value.file.endswith("minimal-test/2.0/framework.yaml")
    assert raised.value.path == "version"


def test_esrs_catalogue_by_id_and_unknown_ids() -> None:
    catalogue = load_esrs_catalogue()
    assert (catalogue.id, catalogue.version) == ("esrs-set1", "2023")
    with pytest.raises(FrameworkNotFound, match="unknown ESRS catalogue 'esrs-set9'.*esrs-set1 2023"):
        load_esrs_catalogue("esrs-set9")
    with pytest.raises(FrameworkNotFound, match="no version '1999'"):
        load_esrs_catalogue("esrs-set1", "1999")


def test_the_checks_know_every_vocabulary_the_assessment_uses() -> None:
    used = assessment_vocabularies()
    assert used["hosting"] == "systems[].hosting"
    assert used["maturity_dimension"] == "to_be.maturity[].dimension"
    assert set(used) <= set(load_framework().vocabularies) | {
        "maturity_dimension",
        "archetype",
        "criterion",
        "survey_question",
    }


# --- broken fixtures ------------------------------------------------------------------------------

# case -> (file named, path named, part of the message, number of problems)
BROKEN = {
    "unknown_key": ("survey.yaml", "survey[0].hihg_pct", "unknown key (allowed: id, text, high_pct, low_pct)", 1),
    "bad_weight": ("criteria.yaml", "criteria_catalogue[1].default_weight", "greater than or equal to 0", 1),
    "unknown_format_version": ("framework.yaml", "format_version", "unknown version 2 of esg-workbench/framework", 1),
    "unknown_part_format_version": ("survey.yaml", "format_version", "unknown version 7", 1),
    "missing_vocabulary": ("vocabularies.yaml", "vocabularies", "missing vocabulary 'hosting'", 1),
    "duplicate_term": ("vocabularies.yaml", "vocabularies.sector[1].id", "duplicate id 'municipality'", 1),
    "unknown_prior_criterion": ("archetypes.yaml", "archetypes[0].prior_scores.esrs_covrage", "unknown criterion", 1),
    "missing_prior_score": (
        "archetypes.yaml",
        "archetypes[1].prior_scores",
        "no prior score for scale criteria audit_trail",
        1,
    ),
    "quantitative_prior_score": ("archetypes.yaml", "archetypes[0].prior_scores.tco", "quantitative", 1),
    "unknown_suggestion_category": ("requirements.yaml", "requirement_suggestions[0].category", "'bussiness'", 1),
    "unknown_suggestion_criterion": ("requirements.yaml", "requirement_suggestions[0].criteria[0]", "'coverage'", 1),
    "yaml_syntax_error": ("survey.yaml", "line 8, column 13", "YAML syntax error", 1),
    "duplicate_key": ("survey.yaml", "line 10, column 5", "duplicate key 'high_pct'", 1),
    "unlisted_part": ("notes.yaml", "", "not listed under 'parts'", 1),
    "part_id_mismatch": ("survey.yaml", "id", "'another-framework' differs from the manifest's 'minimal-test'", 1),
    "defined_twice": ("survey.yaml", "archetypes", "already defined in", 1),
    "header_not_first": ("survey.yaml", "", "must start with the header keys", 1),
    "unquoted_version": ("survey.yaml", "version", "must be text, got 1.0", 1),
    "unknown_esrs_version": ("framework.yaml", "esrs.catalogues[0]", "no version '2031'", 1),
    "steps_out_of_order": ("steps.yaml", "steps[0]", "expected step 1 'as_is'", 2),
    "missing_danish": ("maturity.yaml", "maturity_model.name.da", "Field required", 1),
    "readiness_unknown_value": (
        "readiness.yaml",
        "readiness.factors[0].points.parital",
        "unknown value 'parital' of the vocabulary 'availability' (values: partial)",
        1,
    ),
    "readiness_value_not_scored": ("readiness.yaml", "readiness.factors[1].points", "no points for high", 1),
}


def _broken_copy(tmp_path: Path, case: str) -> Path:
    target = tmp_path / case
    shutil.copytree(FIXTURES / "minimal", target)
    for path in (FIXTURES / "broken" / case).iterdir():
        shutil.copy(path, target / path.name)
    return target


def test_the_minimal_fixture_is_valid() -> None:
    framework = load_framework(FIXTURES / "minimal")
    assert framework.id == "minimal-test"


def test_every_broken_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in (FIXTURES / "broken").iterdir()) == sorted(BROKEN)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_fixture_names_file_and_path(tmp_path: Path, case: str) -> None:
    file, path, message, count = BROKEN[case]
    with pytest.raises(FrameworkError) as raised:
        load_framework(_broken_copy(tmp_path, case))
    problems = raised.value.problems
    assert len(problems) == count, str(raised.value)
    named = [p for p in problems if p.file.endswith(f"{case}/{file}") and p.path == path]
    assert named, str(raised.value)
    assert message in named[0].message
    assert str(named[0]) in str(raised.value).splitlines()


def test_error_lines_read_file_path_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # files inside the working folder are named relative to it
    with pytest.raises(FrameworkError) as raised:
        load_framework(_broken_copy(tmp_path, "bad_weight"))
    assert str(raised.value) == (
        "bad_weight/criteria.yaml: criteria_catalogue[1].default_weight: "
        "Input should be greater than or equal to 0 (got -1)"
    )
    assert raised.value.file == "bad_weight/criteria.yaml"
    assert raised.value.path == "criteria_catalogue[1].default_weight"


def test_broken_esrs_catalogues() -> None:
    with pytest.raises(FrameworkError) as raised:
        load_esrs_catalogue(str(FIXTURES / "esrs" / "unknown_standard.yaml"))
    lines = str(raised.value).splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(
        "unknown_standard.yaml: disclosure_requirements[2].code: duplicate code 'E1-1' "
        "(also at disclosure_requirements[0].code)"
    )
    assert lines[1].endswith(
        "unknown_standard.yaml: disclosure_requirements[1].standard: unknown standard 'E9' (standards: E1)"
    )
    with pytest.raises(FrameworkError, match="format_version: unknown version 3 of esg-workbench/esrs-catalogue"):
        load_esrs_catalogue(str(FIXTURES / "esrs" / "unknown_format_version.yaml"))
