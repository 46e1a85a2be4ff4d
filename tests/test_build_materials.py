"""A course build with a local deck and a notebook: slides, handout, notebook page, and the
schedule links between them."""

from __future__ import annotations

import json
import logging

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.kernel


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def built(make_course, run, tmp_path):
    course = make_course("materials")
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    return course, out / "S2026"


def test_schedule_links_deck_handout_source_and_notebook(built):
    _, site = built
    page = soup(site / "schedule" / "index.html")
    lecture = page.select_one("tr#intro")
    assert lecture.select_one(".ck-title a")["href"] == "../slides/01_intro/intro/"
    links = {a.get_text(): a["href"] for a in lecture.select(".ck-links a")}
    assert links == {
        "handout": "../handouts/01_intro/intro/",
        # The repository is on GitHub: its rendered view (test_md_links.py).
        "md": "https://github.com/example/materials/blob/main/lectures/01_intro/intro.md",
    }
    recitation = page.select_one("tr#rec-numpy")
    assert recitation.select_one(".ck-title a")["href"] == "../recitations/arrays/"
    on_site = [href for href in links.values() if "://" not in href]
    for href in [lecture.select_one(".ck-title a")["href"], *on_site]:
        target = (site / "schedule" / href).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href


def test_deck_page_has_every_slide_and_its_image(built):
    _, site = built
    deck = soup(site / "slides" / "01_intro" / "intro" / "index.html")
    stacks = deck.select(".slides > section")
    assert len(stacks) == 3
    assert len(stacks[1].find_all("section", recursive=False)) == 2  # a vertical stack
    assert deck.select_one("aside.notes").get_text(strip=True) == (
        "Speak about the movie recommender."
    )
    assert (site / "slides" / "01_intro" / "intro" / "system.svg").is_file()
    assert (site / "slides" / "_reveal" / "reveal" / "reveal.js").is_file()
    formula = stacks[2].select_one("math[display=block]")
    assert formula.select_one("annotation").get_text() == r"F_1 = \frac{2PR}{P + R}"


def test_handout_is_searchable_and_links_each_slide(built):
    _, site = built
    handout = soup(site / "handouts" / "01_intro" / "intro" / "index.html")
    opens = [a["href"] for a in handout.select("article a") if a.get_text() == "Open slide"]
    assert opens == [
        "../../../slides/01_intro/intro/#/0",
        "../../../slides/01_intro/intro/#/1",
        "../../../slides/01_intro/intro/#/1/1",
        "../../../slides/01_intro/intro/#/2",
    ]
    index = json.loads((site / "search" / "search_index.json").read_text())
    hits = [doc["location"] for doc in index["docs"] if "quokka telemetry" in doc["text"]]
    assert hits == ["handouts/01_intro/intro/#summary"]


def test_notebook_page_has_outputs_downloads_and_its_session(built):
    _, site = built
    page = soup(site / "recitations" / "arrays" / "index.html")
    assert page.select_one("article h1").get_text(strip=True).startswith("Arrays with NumPy")
    assert "42" in page.select_one(".ck-outputs").get_text()
    session = page.select_one(".ck-notebook-session a")
    assert session.get_text() == "Fri, Jan 16, 2026: Arrays with NumPy"
    assert session["href"] == "../../schedule/#rec-numpy"
    buttons = {a.get_text(): a["href"] for a in page.select(".ck-notebook-actions a")}
    assert buttons["Download notebook"] == "../arrays.ipynb"
    assert buttons["Launch Binder"] == (
        "https://mybinder.org/v2/gh/example/materials/main?labpath=recitations%2Farrays.py"
    )
    executed = json.loads((site / "recitations" / "arrays.ipynb").read_text())
    outputs = [o for cell in executed["cells"] for o in cell.get("outputs", [])]
    assert outputs and "".join(outputs[0]["text"]).strip() == "42"


def test_notebook_images_beside_the_source_are_published(built):
    course, site = built
    page = soup(site / "recitations" / "arrays" / "index.html")
    image = page.select_one("article img[alt='The sum we compute']")
    assert image["src"] == "../img/sum.svg"
    published = site / "recitations" / "arrays" / image["src"]
    assert published.resolve().read_bytes() == (course / "recitations/img/sum.svg").read_bytes()
    # A markdown file beside it is no page of the site: it opens on GitHub.
    readme = page.find("a", string="lab README")["href"]
    assert readme == "https://github.com/example/materials/blob/main/recitations/README.md#setup"


def test_open_in_colab_opens_the_exported_executed_notebook(built, run, tmp_path):
    _, site = built
    page = soup(site / "recitations" / "arrays" / "index.html")
    colab = page.find("a", string="Open in Colab")["href"]
    prefix = "https://colab.research.google.com/github/example/materials/blob/notebooks/"
    assert colab == prefix + "S2026/recitations/arrays.ipynb"

    branch = tmp_path / "branch"
    result = run("export-notebooks", site.parent, "--out", branch)
    assert result.code == 0, result
    assert "1 notebook(s)" in result.out
    exported = json.loads((branch / colab.removeprefix(prefix)).read_text())
    outputs = [o for cell in exported["cells"] for o in cell.get("outputs", [])]
    assert outputs and "".join(outputs[0]["text"]).strip() == "42"
    assert sorted(p.name for p in branch.iterdir()) == ["README.md", "S2026"]

    again = run("export-notebooks", site.parent, "--out", branch)
    assert again.code == 1
    assert f"--out {branch} is not empty" in again.err


def test_ci_names_the_repository_the_links_open(built, run):
    course, site = built
    fork = "https://github.com/someone/materials-fork"
    result = run("build", "--root", course, "--out", site.parent, "--repository", fork)
    assert result.code == 0, result
    page = soup(site / "recitations" / "arrays" / "index.html")
    buttons = {a.get_text(): a["href"] for a in page.select(".ck-notebook-actions a")}
    assert buttons["View source"] == f"{fork}/blob/main/recitations/arrays.py"
    assert buttons["Open in Colab"] == (
        "https://colab.research.google.com/github/someone/materials-fork/blob/notebooks/"
        "S2026/recitations/arrays.ipynb"
    )
    assert page.select_one("a.md-source")["href"] == fork


def test_second_build_executes_nothing(built, run, caplog):
    course, site = built  # each build starts with no pages in memory: only the disk cache
    with caplog.at_level(logging.INFO, logger="coursekit.notebooks"):
        result = run("build", "--root", course, "--out", site.parent)
    assert result.code == 0, result
    assert not [r for r in caplog.records if r.getMessage().startswith("executed")]
    assert [r.getMessage() for r in caplog.records if "cache hit" in r.getMessage()]


def test_failing_notebook_stops_the_build_and_keeps_the_site(built, run):
    course, site = built
    before = (site / "recitations" / "arrays" / "index.html").read_bytes()
    source = course / "recitations" / "arrays.py"
    source.write_text(source.read_text().replace("print(19 + 23)", "print(1 / 0)"))
    result = run("build", "--root", course, "--out", site.parent)
    assert result.code == 1, result
    assert "recitations/arrays.py" in result.err
    assert "ZeroDivisionError" in result.err
    assert (site / "recitations" / "arrays" / "index.html").read_bytes() == before


def test_a_notebook_the_course_never_executes_is_published_as_it_is(built, run):
    course, site = built
    source = course / "recitations" / "arrays.py"
    source.write_text(source.read_text().replace("print(19 + 23)", "import wandb; wandb.login()"))
    assert run("build", "--root", course, "--out", site.parent).code == 1  # no such module
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "branch: main,", "branch: main, never_execute: [recitations/arr*],"
        )
    )
    result = run("build", "--root", course, "--out", site.parent)
    assert result.code == 0, result
    page = soup(site / "recitations" / "arrays" / "index.html")
    assert "wandb.login()" in page.select_one(".ck-input").get_text()
    assert page.select(".ck-outputs") == []

    # A pattern that matches nothing is most likely a typo: `check` says so.
    schedule.write_text(schedule.read_text().replace("recitations/arr*", "recitation/arr*"))
    checked = run("check", "--root", course)
    assert checked.code == 0, checked
    assert (
        "Warning: schedule.yaml:5:73: course.notebooks.never_execute[0]: 'recitation/arr*' "
        "matches no notebook the schedule links (patterns are relative to the course folder, "
        "e.g. recitations/arrays.py)"
    ) in checked.err


def test_a_missing_deck_image_is_a_warning_and_a_placeholder_and_fails_a_strict_build(built, run):
    """A draft deck naming an image not made yet builds (the slide says which file is
    missing); `--strict`, which CI builds with, refuses it."""
    course, site = built
    (course / "lectures" / "01_intro" / "system.svg").unlink()
    line = "lectures/01_intro/intro.md:23: image 'system.svg' not found"
    result = run("build", "--root", course, "--out", site.parent)
    assert result.code == 0, result
    assert f"Warning: {line}" in result.err, result
    for page in ("slides/01_intro/intro", "handouts/01_intro/intro"):
        box = soup(site / page / "index.html").select_one(".ck-missing-file[role=img]")
        assert box["aria-label"] == box.get_text() == "Missing image: system.svg", page
    strict = run("build", "--root", course, "--out", site.parent, "--strict")
    assert strict.code == 1, strict
    assert f"Error: {line}" in strict.err, strict


@pytest.mark.browser
def test_build_with_pdf_prints_one_page_per_slide_and_links_it(
    chromium, make_course, run, tmp_path
):
    import re

    course = make_course("materials")
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out, "--pdf")
    assert result.code == 0, result
    pdf = out / "S2026" / "slides" / "01_intro" / "intro" / "intro.pdf"
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes())
    assert len(pages) == 4
    schedule = soup(out / "S2026" / "schedule" / "index.html")
    links = {a.get_text(): a["href"] for a in schedule.select("tr#intro .ck-links a")}
    assert links["pdf"] == "../slides/01_intro/intro/intro.pdf"


def test_release_dates_hold_material_back_until_the_day(make_course, run, tmp_path):
    course = make_course("materials")
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "        notebook: recitations/arrays.py\n",
            "        notebook: recitations/arrays.py\n        release: 2026-01-15\n",
        )
    )
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out, "--as-of", "2026-01-14")
    assert result.code == 0, result
    row = soup(out / "S2026" / "schedule" / "index.html").select_one("tr#rec-numpy")
    assert row.select_one(".ck-title a") is None
    assert row.select_one(".ck-available").get_text() == "available Thu, Jan 15"
    assert not (out / "S2026" / "recitations" / "arrays").exists()

    result = run("build", "--root", course, "--out", out, "--as-of", "2026-01-15")
    assert result.code == 0, result
    row = soup(out / "S2026" / "schedule" / "index.html").select_one("tr#rec-numpy")
    assert row.select_one(".ck-title a")["href"] == "../recitations/arrays/"
    assert (out / "S2026" / "recitations" / "arrays" / "index.html").is_file()


def test_a_deck_held_back_by_release_passes_the_strict_deploy_build(make_course, run, tmp_path):
    """The deploy builds with --strict: the images of a deck that is not online yet are
    not "unused" — but an image no deck uses still is."""
    course = make_course("materials")
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "        slides: lectures/01_intro/intro.md\n",
            "        slides: lectures/01_intro/intro.md\n        release: 2026-01-13\n",
        )
    )
    stray = course / "lectures" / "01_intro" / "stray.svg"
    stray.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>stray</text></svg>')
    out = tmp_path / "site"
    args = ("build", "--root", course, "--out", out, "--strict", "--as-of", "2026-01-12")

    result = run(*args)
    assert result.code == 1, result
    assert "lectures/01_intro/stray.svg: image is not used by any built page" in result.err
    assert "system.svg" not in result.err, result

    stray.unlink()
    result = run(*args)
    assert result.code == 0, result
    assert not (out / "S2026" / "slides" / "01_intro").exists()
    row = soup(out / "S2026" / "schedule" / "index.html").select_one("tr#intro")
    assert row.select_one(".ck-available").get_text() == "available Tue, Jan 13"

    # The deploy gate checks the site on the day it was built (today).
    schedule.write_text(schedule.read_text().replace("release: 2026-01-13", "release: 2099-01-05"))
    assert run("build", "--root", course, "--out", out, "--strict").code == 0
    checked = run("check", "--root", course, "--site", out)
    assert checked.code == 0 and "system.svg" not in checked.err, checked
