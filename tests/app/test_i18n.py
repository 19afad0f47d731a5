"""Both languages have every string: the same keys, the same placeholders, and every key the code asks
for exists (literal ``t("...")`` calls, column labels and locale keys written in the code)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from esg_workbench.app.i18n import LANGUAGES, strings, translate

APP = Path(__file__).resolve().parents[2] / "esg_workbench" / "app"
# t("key"), Col/select/multi("field", "key"), help="key", ("id", "page.views.id", icon), field helpers
_PATTERNS = (
    r'\bt\(\s*"([a-z_][a-z0-9_.]+)"',
    r'(?:Col|select|multi)\(\s*f?"[^"]*",\s*"([a-z_]+\.[a-z0-9_.]+)"',
    r'help="([a-z_]+\.[a-z0-9_.]+)"',
    r'"([a-z_]+\.views\.[a-z_]+)"',
    r'(?:text_field|select_field|number_field|date_field)\(\s*"[^"]+",\s*"([a-z_.]+)"',
    r'PageDef\([^)]*"(nav\.[a-z_]+)"',
)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _keys_in_code() -> set[str]:
    keys = set()
    for path in APP.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for pattern in _PATTERNS:
            keys.update(re.findall(pattern, source))
    return keys


def test_both_languages_have_the_same_keys() -> None:
    en, da = strings("en"), strings("da")
    assert sorted(set(en) - set(da)) == [], "missing in da.yaml"
    assert sorted(set(da) - set(en)) == [], "missing in en.yaml"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_string_is_empty(lang: str) -> None:
    assert [k for k, v in strings(lang).items() if not v.strip()] == []


def test_placeholders_match() -> None:
    en, da = strings("en"), strings("da")
    different = {
        k: (_placeholders(en[k]), _placeholders(da[k])) for k in en if _placeholders(en[k]) != _placeholders(da[k])
    }
    assert different == {}


def test_every_key_used_in_the_code_exists() -> None:
    found = _keys_in_code()
    assert len(found) > 200, "the scan found the keys"
    en = strings("en")
    assert sorted(k for k in found if k not in en and f"{k}.one" not in en) == []  # a plural key has .one/.other


def test_translate_fills_placeholders_and_falls_back_to_the_key() -> None:
    assert translate("assessments.new.created", "da", title="X") == "Oprettede 'X'."
    assert translate("no.such.key", "da") == "no.such.key"
