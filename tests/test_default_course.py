"""The embedded default course (this repository) builds, and its archived schedules carry
every row and link of the seed pages they were transcribed from."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import SEEDS


def schedule_rows(site, oid):
    page = BeautifulSoup((site / oid / "schedule" / "index.html").read_text(), "html.parser")
    return page, page.select("table.ck-schedule tr[data-date]")


def seed_table(name: str) -> list[str]:
    """The markdown table rows (after the header) of a seed schedule."""
    text = (SEEDS / f"{name}.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| Date"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


@pytest.mark.parametrize("oid,count", [("S2020", 36), ("S2021", 42), ("S2022", 42)])
def test_archived_schedules_have_every_session(default_site, oid, count):
    _, rows = schedule_rows(default_site, oid)
    assert len(rows) == count


@pytest.mark.parametrize("oid", ["S2020", "S2022"])
def test_every_seed_link_and_date_is_on_the_schedule(default_site, oid):
    page, rows = schedule_rows(default_site, oid)
    table = seed_table(oid)
    hrefs = {a["href"] for a in page.select("table.ck-schedule a[href]")}
    missing = [
        url
        for row in table
        for url in re.findall(r"https?://[^\s)|]+", row)
        # Badge images become styled badges, not links.
        if url not in hrefs and not url.startswith("https://img.shields.io/")
    ]
    assert not missing, f"{len(missing)} seed links missing, e.g. {missing[:3]}"
    seed_dates = [row.split("|")[1].strip() for row in table]
    shown = [r.select_one(".ck-date").get_text() for r in rows]
    assert len(seed_dates) == len(shown)
    for seed_date, our_date in zip(seed_dates, shown, strict=True):
        # Seeds pad days ("Feb 02"); we do not ("Feb 2").
        normal = re.sub(r"\b0(\d)\b", r"\1", seed_date)
        assert our_date == normal, (seed_date, our_date)


def test_spring_2021_dates_match_the_seed_text(default_site):
    text = (SEEDS / "S2021.txt").read_text(encoding="utf-8")
    seed_dates = re.findall(r"^((?:Mon|Tue|Wed|Thu|Fri), [A-Z][a-z]{2} \d\d)", text, re.M)
    _, rows = schedule_rows(default_site, "S2021")
    shown = [r.select_one(".ck-date time").get_text() for r in rows if r.select_one("time")]
    assert [re.sub(r"\b0(\d)\b", r"\1", d) for d in seed_dates] == shown


def test_landing_lists_all_eleven_offerings_newest_first(default_site):
    landing = BeautifulSoup((default_site / "index.html").read_text(), "html.parser")
    ids = [li["data-offering"] for li in landing.select("ul.ck-offerings li")]
    assert ids == [
        "S2027",
        "S2025",
        "F2024",
        "S2024",
        "S2023",
        "F2022",
        "S2022",
        "S2021",
        "F2020",
        "S2020",
        "F2019",
    ]
    links = {
        li["data-offering"]: li.select_one("a")["href"]
        for li in landing.select("ul.ck-offerings li")
    }
    assert links["S2022"] == "./S2022/"
    assert links["F2019"] == "https://ckaestne.github.io/seai/F2019"


def test_switcher_lists_every_offering_with_current_default(default_site):
    versions = json.loads((default_site / "versions.json").read_text())
    assert len(versions) == 11
    assert versions[0] == {"version": "S2027", "title": "Spring 2027", "aliases": ["current"]}
    for entry in versions:
        assert (default_site / entry["version"] / "index.html").exists()


def test_archived_semester_has_syllabus_and_banner_config(default_site):
    home = BeautifulSoup((default_site / "S2022" / "index.html").read_text(), "html.parser")
    assert "Archived offering" in home.get_text()
    tabs = [a.get_text(strip=True) for a in home.select(".md-tabs__link")]
    assert tabs == [
        "Home",
        "Schedule",
        "Readings",
        "Assignments",
        "Updates",  # the What changed page (announcements/*.md are S2027's)
        "Syllabus and Policies",
    ]
    syllabus = (default_site / "S2022" / "syllabus" / "index.html").read_text()
    assert "A+" in syllabus and "99%" in syllabus


def test_recitation_formulas_are_typeset_as_mathml(default_site):
    pages = sorted((default_site / "S2027" / "recitations").glob("*/*/index.html"))
    assert len(pages) == 3
    for path in pages:
        page = BeautifulSoup(path.read_text(), "html.parser")
        assert not page.select(".arithmatex"), f"raw TeX left on {path}"
    factorization = BeautifulSoup(
        (
            default_site
            / "S2027/recitations/03_collab_filtering/collaborative_filtering/index.html"
        ).read_text(),
        "html.parser",
    )
    block = factorization.select_one(".ck-math math[display=block] annotation")
    assert block.get_text() == r"\hat r_{ui} = \mu + b_u + b_i + p_u \cdot q_i"
