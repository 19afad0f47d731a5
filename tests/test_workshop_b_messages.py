"""The ``workshop_b`` section of the message catalogue (business case words): every key the code asks
for exists in both languages with the same placeholders, and every key in the section is asked for."""

from __future__ import annotations

import re
import string
from pathlib import Path

from esg_workbench.messages import LANGUAGES, strings

PACKAGE = Path(__file__).resolve().parents[1] / "esg_workbench"
SECTION = "workshop_b"


def _asked_for() -> set[str]:
    """Full keys written as literals anywhere in the package, and the case wording's ``say("...")`` keys."""
    keys = set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        # a key has a subsection and a name (workshop_b.case.net); "workshop_b.case" alone is a prefix
        keys |= set(re.findall(rf"[\'\"]({SECTION}\.[a-z_]+\.[a-z_.]+)[\'\"]", source))
    wording = (PACKAGE / "scoring" / "business_case_wording.py").read_text(encoding="utf-8")
    keys |= {f"{SECTION}.case.{k}" for k in re.findall(r"\bsay\(\s*\"([a-z_.]+)\"", wording)}
    return keys


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_asked_for_is_worded_alike_in_both_languages() -> None:
    keys = _asked_for()
    assert {"workshop_b.case.net", "workshop_b.view.intro", "workshop_b.sheet.chart"} <= keys, "the scan found keys"
    for key in keys:
        forms = [key] if key in strings("en") else [f"{key}.one", f"{key}.other"]
        for form in forms:
            texts = [strings(lang).get(form) for lang in LANGUAGES]
            assert None not in texts, form
            assert len({frozenset(_placeholders(t)) for t in texts}) == 1, form


def test_no_key_of_the_section_is_unused() -> None:
    asked = _asked_for()
    for lang in LANGUAGES:
        present = {k.removesuffix(".one").removesuffix(".other") for k in strings(lang) if k.startswith(f"{SECTION}.")}
        assert present - asked == set(), lang
