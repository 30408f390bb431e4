"""Every catalogue is complete and its compiled .mo matches the .po."""
from pathlib import Path

import polib
import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_there_are_catalogues():
    assert (ROOT / "locale/zh_Hans/LC_MESSAGES/django.po") in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert not untranslated, f"untranslated in {path}: {untranslated[:5]}"
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run `make messages`"
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
    for entry in po:
        if entry.obsolete or entry.msgid_plural:
            continue
        assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, f"{mo_path} is stale: `make messages`"


@pytest.mark.django_db
def test_pages_speak_chinese():
    page = Client().get("/accounts/login/").content.decode()
    assert "登录" in page and "Log in" not in page


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese():
    page = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/public/").content.decode()
    assert "已公开的年度报告" in page and "Published reports" not in page


def test_one_message_has_one_translation_across_catalogues():
    """Django merges the catalogues; the first one to translate a message would win everywhere."""
    seen: dict = {}
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.msgid and not entry.obsolete:
                seen.setdefault((entry.msgctxt, entry.msgid), {})[str(path.relative_to(ROOT))] = entry.msgstr
    differing = {key[1]: found for key, found in seen.items() if len(set(found.values())) > 1}
    assert not differing
