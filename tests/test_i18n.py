"""Every word coursekit writes is in the course's language: a German build (`theme.language:
de` in mkdocs.yml) shows none of the catalog's English strings and German dates; the German
catalog translates every message, and stays in step with the sources."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from coursekit.site.config import theme_dir

REPO = Path(__file__).parent.parent
LOCALE = REPO / "src" / "coursekit" / "locale"
TEMPLATE = LOCALE / "coursekit.pot"
GERMAN = LOCALE / "de" / "LC_MESSAGES" / "coursekit.po"

# Messages German writes as English does: nothing but placeholders and punctuation.
SAME_IN_GERMAN = {"%(kind)s: %(title)s", "PDF", ".ipynb", "Notebook"}
_PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Attributes whose words a reader meets: screen readers, card labels on phones, tooltips.
_READ_ATTRIBUTES = ("alt", "title", "aria-label", "data-label", "data-this-week", "data-up-next")
_READ_ATTRIBUTES += ("data-upcoming", "data-nothing-due")


def _catalog(path: Path):
    with path.open("rb") as source:
        return read_po(source)


def _msgids() -> list[str]:
    ids: list[str] = []
    for message in _catalog(TEMPLATE):
        if message.id:
            ids += list(message.id) if isinstance(message.id, tuple) else [message.id]
    return ids


def _as_shown(msgid: str) -> re.Pattern[str]:
    """A message as a page shows it: its words as typed, any text where a placeholder is."""
    parts = [re.escape(part) for part in _PLACEHOLDER.split(msgid)]
    return re.compile(r"(?<!\w)" + ".+?".join(parts).strip() + r"(?!\w)")


def _shown_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    words = [soup.get_text(" ")]
    for element in soup.find_all(True):
        words += [str(element[name]) for name in _READ_ATTRIBUTES if element.has_attr(name)]
    return " ".join(words)


def _german_course(make_course, name: str) -> Path:
    course = make_course(name)
    config = yaml.safe_load((theme_dir() / "default-mkdocs.yml").read_text("utf-8"))
    config["theme"]["language"] = "de"
    (course / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    schedule = course / "schedule.yaml"
    text = schedule.read_text("utf-8")
    # The course's own words are the course's business; these would read as coursekit's.
    text = text.replace("title: No class (holiday)", "title: Feiertag")
    text = text.replace("execute: auto", "execute: 'off'")
    schedule.write_text(text, "utf-8")
    # A German course writes its own pages in German too (here: the one English word they
    # share with coursekit's catalog).
    for page in [*course.glob("docs/*.md"), *course.glob("lectures/*/*.md")]:
        page.write_text(page.read_text("utf-8").replace(" and ", " und "), "utf-8")
    return course


@pytest.fixture(params=["minimal", "materials"])
def german_site(request, make_course, run, tmp_path):
    course = _german_course(make_course, request.param)
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out, "--as-of", "2026-01-15")
    assert result.code == 0, result
    return out


def test_german_build_shows_no_english_string_of_the_catalog(german_site):
    pages = [p for p in german_site.rglob("*.html") if "_reveal" not in p.parts]
    assert len(pages) >= 8
    found = []
    for page in pages:
        text = _shown_text(page)
        for msgid in _msgids():
            if msgid in SAME_IN_GERMAN:
                continue
            if _as_shown(msgid).search(text):
                found.append(f"{page.relative_to(german_site)}: {msgid!r}")
    assert not found, "English on a German site:\n" + "\n".join(sorted(set(found)))


def test_german_calendar_summaries(make_course, run, tmp_path):
    course = _german_course(make_course, "minimal")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    ics = (tmp_path / "site" / "S2026" / "calendar.ics").read_bytes().decode("utf-8")
    summaries = re.findall(r"^SUMMARY:(.*)\r$", ics, re.M)
    assert "Übung: Git basics" in summaries
    assert "Prüfung: Midterm" in summaries
    assert "Fällig: A1: Warm-up oder PhD project" in summaries  # the alternative kept
    assert not [s for s in summaries if re.match(r"(Due|Exam|Recitation|No class)\b", s)]


def test_german_schedule_shows_german_dates_and_labels(make_course, run, tmp_path):
    course = _german_course(make_course, "minimal")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    site = tmp_path / "site" / "S2026"
    page = BeautifulSoup((site / "schedule" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("h1").get_text(strip=True) == "Zeitplan¶"
    assert page.select_one("tr#intro time").get_text() == "Mo., 12. Jan."
    week = page.select_one("tr.ck-week th").get_text(" ", strip=True)
    assert week == "Woche 1 Mo., 12. Jan. – Fr., 16. Jan."
    headers = [th.get_text() for th in page.select("thead th")]
    assert headers == ["Datum", "Thema", "Lektüre", "Aufgaben"]
    badges = [b.get_text() for b in page.select(".ck-badge")]
    assert badges == ["Übung", "Keine Veranstaltung", "Prüfung"]
    lead = page.select_one(".ck-lead").get_text()
    assert lead.startswith("Spring 2026: 6 Termine vom Mo., 12. Jan. bis Fr., 30. Jan. 2026.")
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    logistics = home.select_one("#organisatorisches + ul").get_text(" ", strip=True)
    assert "Vorlesungen: Mo./Mi. 13:25–14:45" in logistics
    assert "Lehrperson: Ada Lovelace" in logistics


def test_plurals_follow_the_count(make_course, run, tmp_path):
    course = make_course("materials")
    (course / "schedule.yaml").write_text(
        (course / "schedule.yaml").read_text("utf-8").replace("execute: auto", "execute: 'off'")
    )
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    landing = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "2 sessions ·" in landing
    text = (tmp_path / "site" / "S2026" / "index.html").read_text("utf-8")
    assert "2 sessions, readings and deadlines" in text
    one = _german_course(make_course, "minimal")
    schedule = one / "schedule.yaml"
    schedule.write_text(schedule.read_text("utf-8").replace("  units: 6\n", "  units: 1\n"))
    result = run("build", "--root", one, "--out", tmp_path / "one")
    assert result.code == 0, result
    home = (tmp_path / "one" / "S2026" / "index.html").read_text("utf-8")
    assert "99-101 · 1 Einheit ·" in home


def test_an_unknown_language_is_an_error_at_its_line(make_course, run, tmp_path):
    course = make_course("minimal")
    (course / "mkdocs.yml").write_text("theme:\n  name: material\n  language: klingon\n")
    expected = "Error: mkdocs.yml:3: theme.language: unknown language 'klingon'"
    for command in (["build", "--out", tmp_path / "site"], ["check"]):
        result = run(*command, "--root", course)
        assert result.code == 1, result
        assert result.err.startswith(expected), result
        assert "Traceback" not in result.err


def test_every_message_has_a_german_translation():
    catalog = _catalog(GERMAN)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if "fuzzy" in message.flags or not all(strings):
            missing.append(message.id)
    assert not missing, f"untranslated or fuzzy in {GERMAN.name}: {missing}"
    same = {m.id for m in catalog if m.id and m.string == m.id}
    assert same == SAME_IN_GERMAN
    # A placeholder misspelled in a translation would fail the page that shows it.
    errors = [(m.id, errs) for m, errs in catalog.check()]
    assert not errors


def test_catalogs_hold_exactly_the_messages_of_the_sources(tmp_path):
    """A new English string in a template or module must reach the catalogs (see
    docs/reference/translate.md for the commands)."""
    pot = tmp_path / "coursekit.pot"
    pybabel = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg"]
    subprocess.run(
        [*pybabel, "-k", "N_", "-o", str(pot), "."], cwd=REPO, check=True, capture_output=True
    )
    extracted = {m.id for m in _catalog(pot) if m.id}
    for catalog in (TEMPLATE, GERMAN, LOCALE / "en" / "LC_MESSAGES" / "coursekit.po"):
        assert {m.id for m in _catalog(catalog) if m.id} == extracted, catalog.name


def test_a_language_without_a_catalog_gets_english_words_and_its_own_dates(
    make_course, run, tmp_path
):
    course = make_course("minimal")
    (course / "mkdocs.yml").write_text("theme:\n  name: material\n  language: fr\n")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    page = (tmp_path / "site" / "S2026" / "schedule" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("h1").get_text(strip=True) == "Schedule"
    assert soup.select_one("tr#intro time").get_text() == "lun. 12 janv."


def test_redirect_stub_is_in_the_course_language(make_course, run, tmp_path):
    course = _german_course(make_course, "minimal")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    text = (tmp_path / "site" / "F2025" / "index.html").read_text("utf-8")
    assert "<html lang='de'>" in text
    assert "Die Website von Fall 2025 befindet sich unter" in text


def test_notebook_notes_and_toggles_are_in_the_course_language():
    import nbformat

    from coursekit.notebooks.outputs import Limits
    from coursekit.notebooks.render import render_notebook

    cell = nbformat.v4.new_code_cell("print(1)", metadata={"tags": ["hide-input"]})
    cell.outputs = [nbformat.v4.new_output("stream", text="x\n" * 50)]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    html = render_notebook(notebook, limits=Limits(lines=10, locale="de")).html
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("summary").get_text() == "Code anzeigen"
    assert page.select_one(".ck-outputs")["aria-label"] == "Ausgabe von Zelle 1"
    assert (
        page.select_one(".ck-truncated")
        .get_text()
        .startswith("Ausgabe gekürzt: die ersten 10 von 50 Zeilen")
    )
