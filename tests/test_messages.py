"""The message catalogue: every problem code the core can emit is worded in English and Danish with the
same placeholders, every word put into a problem exists, no problem key is left unused, plurals pick
their form by count, and a problem's English message is the catalogue's text. The recommendation text,
the shared result wording, the workbook's words and the coverage sentence ask only for keys that exist
in both languages with the same placeholders, and their sections hold no key nobody asks for. The
catalogue stays the one home: no module outside the app and messages.py holds Danish text or branches
on "da", and the workbook's sheets ask only for worded keys."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from esg_workbench.domain import Problem, validate_data
from esg_workbench.domain.assessment import Assessment
from esg_workbench.domain.fields import Priority, Ref, Vocab
from esg_workbench.domain.problem_codes import COLLECTION_TERMS, Code
from esg_workbench.domain.results import Method, Recommendation
from esg_workbench.domain.validation import field_plans
from esg_workbench.messages import LANGUAGES, Term, has, strings, translate

PACKAGE = Path(__file__).resolve().parents[1] / "esg_workbench"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _section(lang: str, section: str) -> dict[str, str]:
    return {k.removeprefix(f"{section}."): v for k, v in strings(lang).items() if k.startswith(f"{section}.")}


def _markers() -> tuple[set[tuple[str, ...]], set[str]]:
    refs, vocabularies, seen = set(), set(), set()

    def walk(model: type) -> None:
        if model in seen:
            return
        seen.add(model)
        for plan in field_plans(model):
            for marker in plan.markers:
                if isinstance(marker, Ref):
                    refs.add(marker.collections)
                elif isinstance(marker, Vocab):
                    vocabularies.add(marker.name)
            if plan.submodel is not None:
                walk(plan.submodel)

    walk(Assessment)
    return refs, vocabularies


@pytest.mark.parametrize("code", list(Code))
def test_every_code_is_worded_in_both_languages_with_the_same_placeholders(code: Code) -> None:
    forms = (
        [f"problem.{code}"] if f"problem.{code}" in strings("en") else [f"problem.{code}.one", f"problem.{code}.other"]
    )
    for key in forms:
        texts = [strings(lang).get(key) for lang in LANGUAGES]
        assert None not in texts, key
        assert len({frozenset(_placeholders(t)) for t in texts}) == 1, (key, texts)


def test_no_problem_key_is_left_without_a_code() -> None:
    for lang in LANGUAGES:
        keys = {k.removesuffix(".one").removesuffix(".other") for k in _section(lang, "problem")}
        assert keys - {"got"} == {str(c) for c in Code}, lang


def test_every_word_put_into_a_problem_exists_and_none_is_unused() -> None:
    refs, vocabularies = _markers()
    ref_terms = {"_or_".join(COLLECTION_TERMS[c] for c in collections) for collections in refs}
    for lang in LANGUAGES:
        terms = _section(lang, "problem_terms")
        assert {k.removeprefix("ref.") for k in terms if k.startswith("ref.")} == ref_terms, lang
        assert {k.removeprefix("vocabulary.") for k in terms if k.startswith("vocabulary.")} == vocabularies, lang
        assert {k for k in terms if k.startswith("duplicate.")} == {
            f"duplicate.{w}"
            for w in (
                "score_pair",
                "check_pair",
                "esrs_standard",
                "dimension",
                "question",
                "stakeholder_weight_pair",
                "stakeholder_judgement_pair",
            )
        }


def test_a_plural_key_picks_its_form_by_count() -> None:
    assert has("problem.too_long") and not has("problem.no_such_code")
    assert translate("problem.too_long", "en", count=1) == "String should have at most 1 character"
    assert translate("problem.too_long", "en", count=64) == "String should have at most 64 characters"


def test_a_term_is_worded_in_the_language_of_its_message() -> None:
    what = Term("problem_terms.ref.data_source_or_system")
    assert translate("problem.unknown_ref", "da", what=what, value="x") == (
        "henviser til en datakilde eller et system 'x', som ikke findes"
    )


def test_a_problem_message_is_the_english_text_of_its_code_and_params() -> None:
    problem = Problem.of("roadmap[0].end", Code.END_BEFORE_START, end="2026-01-01", start="2026-02-01")
    assert problem.message == "end 2026-01-01 is before start 2026-02-01"
    assert problem.text("en") == problem.message
    with pytest.raises(ValueError, match="not_a_code"):
        Problem.of("", "not_a_code")


def test_validation_problems_carry_codes_also_for_pydantic_errors() -> None:
    sample = Path(__file__).resolve().parents[1] / "sample_data" / "municipality.json"
    data = json.loads(sample.read_text(encoding="utf-8"))
    data["criteria"][0]["weight"] = -1
    data["data_sources"][0]["system_id"] = "no-such-system"
    data["title"] = "  "
    problems = {p.path: p for p in validate_data(data)}
    assert problems["criteria[0].weight"].code == Code.AT_LEAST
    assert problems["criteria[0].weight"].text("da") == "skal være mindst 0 (fik -1)"
    assert problems["data_sources[0].system_id"].code == Code.UNKNOWN_REF
    assert problems["title"].code == Code.BLANK
    assert all(p.code in set(Code) for p in problems.values())


def _forms(key: str) -> list[str]:
    """The catalogue entries of a key: the key itself, or its plural forms."""
    en = strings("en")
    return [key] if key in en else [f"{key}.one", f"{key}.other"]


def _assert_worded(keys: set[str]) -> None:
    for key in sorted(keys):
        for form in _forms(key):
            texts = [strings(lang).get(form) for lang in LANGUAGES]
            assert None not in texts, form
            assert len({frozenset(_placeholders(t)) for t in texts}) == 1, (form, texts)


def _assert_none_unused(section: str, keys: set[str]) -> None:
    for lang in LANGUAGES:
        present = {k.removesuffix(".one").removesuffix(".other") for k in _section(lang, section)}
        assert present == {k.removeprefix(f"{section}.") for k in keys}, lang


def _found(module: str, call: str, section: str) -> set[str]:
    """The keys a module passes to ``call``: its first argument, a literal or ``"a" if ... else "b"``."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    literal = r"[\'\"]([a-z_.]+)[\'\"]"
    found = set(re.findall(rf"\b{call}\(\s*{literal}", source))
    found |= set(re.findall(rf"\b{call}\(\s*[\'\"][a-z_.]+[\'\"] if [^,]+ else {literal}", source))
    assert found, f"the scan of {module} found its keys"
    return {f"{section}.{k}" for k in found}


def _recommendation_keys() -> set[str]:
    keys = _found("scoring/recommendation_text.py", "_say", "recommendation")
    # keys composed from the result: the scoring method, the robustness (not assessed: robust.none) and the
    # priority of an unmet requirement that is not a must-have
    keys |= {f"recommendation.score.{m}" for m in get_args(Method)}
    robustness = get_args(Recommendation.model_fields["robustness"].annotation)
    keys |= {f"recommendation.robust.{r}" for r in robustness if r != "not_assessed"}
    keys |= {f"recommendation.priority.{p}" for p in (Priority.SHOULD, Priority.COULD)}
    return keys


def _wording_keys() -> set[str]:
    keys = _found("scoring/wording.py", "say", "wording")
    nouns = set()
    for path in PACKAGE.rglob("*.py"):  # count(n, "noun", lang) and noun(n, "noun", lang), wherever they are
        source = path.read_text(encoding="utf-8")
        nouns |= set(re.findall(r"\b(?:count|noun)\([^\n]*?,\s*[\'\"]([a-z_]+)[\'\"],\s*lang\)", source))
    assert {"option", "material_dr", "point"} <= nouns, "the scan found the nouns"
    return keys | {f"wording.noun.{n}" for n in nouns}


def test_the_score_commands_text_asks_only_for_worded_keys_and_every_key_is_asked_for() -> None:
    from esg_workbench.cli.score import COLUMNS

    keys = _found("cli/score.py", "_say", "cli.score") | {f"cli.score.col.{k}" for k in COLUMNS}
    assert {"cli.score.heading", "cli.score.tipping.title", "cli.score.col.npv"} <= keys, "the scan found the keys"
    _assert_worded(keys)
    _assert_none_unused("cli.score", keys)


def test_the_recommendation_text_asks_only_for_worded_keys_and_every_key_is_asked_for() -> None:
    keys = _recommendation_keys()
    _assert_worded(keys)
    _assert_none_unused("recommendation", keys)


def test_the_shared_result_wording_asks_only_for_worded_keys_and_every_key_is_asked_for() -> None:
    keys = _wording_keys()
    _assert_worded(keys)
    _assert_none_unused("wording", keys)


def test_a_sentence_whose_verb_follows_a_count_agrees_with_it() -> None:
    one = translate(
        "recommendation.coverage.gap", "en", count=1, what="1 material disclosure requirement", codes="E1-6"
    )
    two = translate("recommendation.coverage.gap", "en", count=2, what="2 material disclosure requirements", codes="E1")
    assert one == "1 material disclosure requirement has a data gap (E1-6)"
    assert two == "2 material disclosure requirements have a data gap (E1)"
    assert translate("wording.gate.summary", "da", count=1, total="3 løsninger") == "1 af 3 løsninger er ikke valgbar."
    assert translate("wording.gate.summary", "da", count=1000, total="x") == "1.000 af x er ikke valgbare."


def test_every_key_the_core_translates_is_worded_in_both_languages() -> None:
    """Literal ``translate("key", ...)`` calls outside the app (the app has tests/app/test_i18n.py)."""
    keys = set()
    for path in PACKAGE.rglob("*.py"):
        if "app" not in path.relative_to(PACKAGE).parts:
            keys |= set(re.findall(r'\btranslate\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert {"coverage.sentence", "coverage.outside", "coverage.heading"} <= keys, "the scan found the keys"
    _assert_worded(keys)


def test_the_workbook_words_come_from_the_catalogue_and_an_enum_label_from_one_place() -> None:
    from esg_workbench.workbook import texts

    for section, table in (
        ("sheet_name", texts.SHEET_NAMES),
        ("sheet_hint", texts.SHEET_HINTS),
        ("header", texts.HEADERS),
        ("calc_header", texts.CALC_HEADERS),
        ("enum", {k: v for k, v in texts.ENUM_LABELS.items() if k not in texts.APP_ENUM_KEYS}),
    ):
        keys = {f"workbook.{section}.{key}" for key in table}
        _assert_worded(keys)
        assert {k: (translate(k, "en"), translate(k, "da")) for k in keys} == {
            f"workbook.{section}.{key}": text for key, text in table.items()
        }, section
    _assert_worded({f"workbook.header_override.{s}.{f}" for s, f in texts.HEADER_OVERRIDES} | {"workbook.help.id"})
    _assert_worded(set(texts.APP_ENUM_KEYS.values()))
    # a value the app labels is not labelled again for the workbook
    assert not {k.removeprefix("enum.") for k in _section("en", "workbook") if k.startswith("enum.")} & set(
        texts.APP_ENUM_KEYS
    )
    assert texts.enum_label("must", "da") == translate("priority.must", "da") == "Skal"
    assert texts.sheet_name("esrs_coverage", "da") == "ESRS-dækning"


def test_the_coverage_sentence_agrees_with_its_counts() -> None:
    params = {"not_assessed": 0, "automated": 1, "manual": 0, "partial": 0, "gap": 0, "left_open": ""}
    one = translate("coverage.sentence", "en", count=1, outside="", catalogue="ESRS 2026", **params)
    assert one.startswith("0 of 1 material disclosure requirement of ESRS 2026 not yet assessed; 1 automated")
    da = translate(
        "coverage.sentence",
        "da",
        count=5700,
        catalogue="VSME",
        outside=translate("coverage.outside", "da", count=1),
        **params,
    )
    assert da.startswith("0 af 5.700 væsentlige oplysningskrav")
    assert da.endswith("(1 dækningspost uden for de væsentlige standarder tælles ikke med).")
    left = translate("coverage.left_open", "da", count=1)
    da = translate("coverage.sentence", "da", count=3, catalogue="VSME", outside="", **{**params, "left_open": left})
    assert "er endnu ikke vurderet (1 holdt åbent med en begrundelse); 1 automatiseret" in da


# --- one catalogue: no second home for Danish words outside it -------------------------------------

# Words of the catalogue's Danish that English text does not use (checked as whole words, any case).
DANISH_WORDS = {
    "af", "alle", "anbefalet", "anbefaling", "beslutning", "bør", "eller", "endnu", "falsk", "fx", "hvor",
    "i alt", "ikke", "ingen", "kan", "krav", "løsning", "løsninger", "mangler", "med", "og", "oplysningskrav",
    "pr", "projektmappe", "samlet", "sand", "skal", "til", "vurdering", "vægt", "værdi",
}  # fmt: skip
DANISH_LETTERS = re.compile(r"\w*[æøåÆØÅ]\w*")


def _core_modules() -> list[Path]:
    """Every module but the app's (tests/app/test_i18n.py holds it to its catalogue) and the catalogue's."""
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "app" not in path.relative_to(PACKAGE).parts and path != PACKAGE / "messages.py"
    ]


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, nodes)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _is_danish(text: str) -> bool:
    """A text in Danish: a word with æ, ø or å (a letter alone is a character, as in ids.py's
    transliteration), or a Danish word English does not use."""
    if any(len(word) > 1 for word in DANISH_LETTERS.findall(text)):
        return True
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) for word in DANISH_WORDS)


def _says_da(node: ast.AST) -> bool:
    """``"da"`` itself, or in a tuple, list or set written out (``lang in ("en", "da")``)."""
    if isinstance(node, ast.Constant):
        return node.value == "da"
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and any(_says_da(e) for e in node.elts)


def _second_homes(source: str) -> list[tuple[int, str]]:
    """Where a module holds Danish text (not counting docstrings) or branches on the language "da"."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if _is_danish(node.value):
                found.append((node.lineno, f"Danish text {node.value[:60]!r}"))
        elif isinstance(node, ast.Compare) and any(_says_da(n) for n in (node.left, *node.comparators)):
            found.append((node.lineno, "a comparison with 'da'"))
    return found


def test_no_module_outside_the_catalogue_holds_danish_text_or_a_danish_branch() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {what}"
        for path in _core_modules()
        for line, what in _second_homes(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('TXT = {"title": ("Workbook", "Projektmappe")}', ["Danish text 'Projektmappe'"]),
        ('x = ("Total", "I alt")', ["Danish text 'I alt'"]),
        ('x = ("Rank", "Rang", "nr. 1 i {pct} af {n}")', ["Danish text 'nr. 1 i {pct} af {n}'"]),
        ('x = "TRUE" if lang == "en" else "SAND"', ["Danish text 'SAND'"]),
        ('x = "," if lang == "da" else "."', ["a comparison with 'da'"]),
        ('x = "da" != lang', ["a comparison with 'da'"]),
        ('ok = lang in ("en", "da")', ["a comparison with 'da'"]),
        ('"""Docstring: 1 løsning / 10.000 simuleringer."""\nx = text.replace("ø", "o")', []),
        ('x = ("Total", "Options", "Andel")\nDA = "da"', []),
    ],
)
def test_the_scan_finds_danish_text_and_branches(source: str, expected: list[str]) -> None:
    assert [what for _, what in _second_homes(source)] == expected


# --- the workbook's sheets ask only for worded keys ------------------------------------------------

SHEET_MODULES = ("summary_sheet", "coverage_sheet", "tco_sheet", "scoring_sheets", "method_sheet", "write_inputs")
SHEET_SECTIONS = ("summary", "esrs_coverage", "tco", "scoring", "method", "bool", "validation")
_SECTIONS = "|".join((*SHEET_SECTIONS, "header", "header_override", "calc_header", "sheet_name", "sheet_hint", "help"))
WORKBOOK_KEY = re.compile(rf"app:[a-z_.]+|(?:{_SECTIONS}|enum)\.[\w.:-]*")


def _workbook_constants() -> set[str]:
    """The strings of the sheet writers that name a catalogue key: ``section.key`` for ``workbook.<...>``,
    ``app:key`` for an app text; a key ending in "." is the fixed part of an f-string."""
    found = set()
    for module in (*SHEET_MODULES, "texts", "styles", "cell_values"):
        tree = ast.parse((PACKAGE / "workbook" / f"{module}.py").read_text(encoding="utf-8"))
        found |= {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and WORKBOOK_KEY.fullmatch(n.value)
        }
    assert {"summary.title", "app:col.datapoints", "header.option_id", "method.", "summary.method."} <= found
    return found


def _full(key: str) -> str:
    return key.removeprefix("app:") if key.startswith("app:") else f"workbook.{key}"


def test_every_key_the_sheets_name_is_worded_in_both_languages() -> None:
    keys = {_full(k) for k in _workbook_constants()}
    prefixes = {k for k in keys if k.endswith(".")}
    _assert_worded(keys - prefixes)
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in strings("en")), prefix


def test_every_word_of_the_sheets_sections_is_asked_for() -> None:
    constants = {_full(k) for k in _workbook_constants()}
    prefixes = tuple(k for k in constants if k.endswith("."))
    for section in SHEET_SECTIONS:
        for lang in LANGUAGES:
            keys = {f"workbook.{section}.{k}" for k in _section(lang, f"workbook.{section}")}
            assert {k for k in keys if k not in constants and not k.startswith(prefixes)} == set(), section
    # the words composed from a value: one for each value that can come
    robustness = get_args(Recommendation.model_fields["robustness"].annotation)
    assert set(_section("en", "workbook.summary.robustness_level")) == set(robustness)
    assert set(_section("en", "workbook.summary.method")) == set(get_args(Method))
    from esg_workbench.workbook import method_sheet

    assert {f"{section}.{key}" for section, paragraphs in method_sheet.SECTIONS for key in ("title", *paragraphs)} == {
        k for k in _section("en", "workbook.method") if "." in k
    }


def test_the_workbooks_ask_only_for_keys_worded_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key the export asks the catalogue for, in either language, for a scored assessment, one
    whose options all fail a must-have, and one that cannot be scored (the texts composed at run time)."""
    from esg_workbench import messages
    from esg_workbench.assessment_files import load_assessment
    from esg_workbench.workbook import export_workbook_bytes

    asked: set[str] = set()
    template = messages._template

    def recording(key: str, lang: str, params: dict) -> str | None:
        asked.add(key)
        return template(key, lang, params)

    monkeypatch.setattr(messages, "_template", recording)
    root = PACKAGE.parent
    municipality = load_assessment(root / "sample_data" / "municipality.json")
    data = municipality.model_dump(mode="json")
    assessments = [
        municipality,
        load_assessment(root / "tests" / "fixtures" / "assessments" / "minimal.json"),
        Assessment.model_validate({**data, "criteria": []}),
    ]
    for assessment in assessments:
        for lang in LANGUAGES:
            export_workbook_bytes(assessment, lang, samples=20)
    for key in ("workbook.summary.none", "workbook.summary.unscored", "workbook.summary.more", "workbook.bool.true"):
        assert key in asked, key
    _assert_worded({k for k in asked if has(k)})
    assert {k for k in asked if not has(k)} == set()
