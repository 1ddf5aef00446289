"""Every string the extension adds has a Persian translation, and pages use it."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ckanext" / "smarttehran"
CATALOGUE = ROOT / "i18n" / "fa" / "LC_MESSAGES" / "ckanext-smarttehran.po"


def _extracted() -> dict[str, str]:
    from ckan.lib.extract import extract_ckan

    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*"):
        rel = path.relative_to(PACKAGE).as_posix()
        if path.suffix == ".html" and rel.startswith("templates/"):
            with path.open("rb") as f:
                for _, _, message, _ in extract_ckan(f, ["_", "ungettext", "gettext", "ngettext"], []):
                    for m in message if isinstance(message, tuple) else (message,):
                        if m:
                            found[m] = rel
        elif path.suffix == ".py" and "/privacy/" not in f"/{rel}":
            for _, _, message, _, _ in extract_from_dir(path.parent, method_map=[(path.name, "python")],
                                                     keywords={"_": None, "ungettext": (1, 2)}):
                for m in message if isinstance(message, tuple) else (message,):
                    if m:
                        found[m] = rel
    return found


def test_every_extension_string_has_a_persian_translation():
    """Each msgid in our templates and Python code has a non-empty msgstr in i18n/fa."""
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f, locale="fa")
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id and m.string}
    core = _core_catalogue()
    missing = {m: where for m, where in _extracted().items() if m not in translated and m not in core}
    assert not missing, f"untranslated strings: {missing}"


def _core_catalogue() -> set[str]:
    """Strings CKAN core already translates (our templates may reuse them)."""
    import ckan

    po = Path(ckan.__file__).parent / "i18n" / "fa_IR" / "LC_MESSAGES" / "ckan.po"
    with po.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id and m.string}


def test_compiled_catalogue_is_newer_than_its_source():
    """make install compiled the .po into a .mo that the portal loads."""
    mo = CATALOGUE.with_suffix(".mo")
    assert mo.is_file() and mo.stat().st_mtime >= CATALOGUE.stat().st_mtime - 1


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_persian_page_uses_the_extension_catalogue(app):
    """A place page rendered under fa_IR shows our strings in Persian, not English."""
    body = app.get("/neighborhood/601").body
    assert "مجموعه‌داده‌ها بر پایه بعد" in body
    assert "Datasets by dimension" not in body
    english = app.get("/en/neighborhood/601").body
    assert "Datasets by dimension" in english


@pytest.mark.usefixtures("clean_db", "clean_index")
def test_about_page_is_about_this_portal(app):
    """/about describes this portal and its privacy screening, in Persian and in English,
    not CKAN's own marketing text."""
    body = app.get("/about").body
    assert "درگاه داده‌های باز برنامهٔ تهران هوشمند" in body
    assert "داده‌های شخصی" in body
    assert "data.gov.uk" not in body
    english = app.get("/en/about").body
    assert "open-data catalog of the Smart Tehran programme" in english
