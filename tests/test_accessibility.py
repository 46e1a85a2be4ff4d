"""axe-core on one built page of every kind, at desktop and phone size (and in the dark
palette at desktop size): no serious or critical violations, and no page wider than a
phone. Screenshots of every run land in test-artifacts/a11y-*.png for a human to look at."""

from __future__ import annotations

import shutil

import pytest

from conftest import ARTIFACTS, TESTS

pytestmark = pytest.mark.browser

# (rule, the element axe reports) → why it is accepted. Every other serious or critical
# violation fails the test; a rule is never switched off as a whole.
ACCEPTED = {
    ("aria-dialog-name", ".md-search"): (
        "Material's search overlay (role=dialog) has no accessible name. A best-practice "
        "rule, not a WCAG criterion; the name has to come from the theme (an aria-label on "
        ".md-search), not from CSS"
    ),
    ("scrollable-region-focusable", ".tabbed-labels"): (
        "content tabs scroll sideways on phones; keyboard users reach every tab with the "
        "arrow keys on the tabs' radio inputs, and Material scrolls the active label into view"
    ),
}

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# page kind → (site, page or glob of pages; the first match is checked)
PAGES = {
    "landing": ("default", ""),
    "home": ("default", "S2027/"),
    "schedule": ("default", "S2022/schedule/"),
    "syllabus": ("default", "S2022/syllabus/"),
    "readings": ("default", "S2022/readings/"),
    "assignments": ("default", "S2027/assignments/"),
    "assignment": ("minimal", "S2026/assignments/a1/"),
    "staff": ("default", "S2027/staff/"),
    "handout": ("default", "S2027/handouts/*/*/"),
    "slides": ("default", "S2027/slides/*/*/"),
    # A week with recordings in YouTube's player (site/week_pages.py).
    "week": ("default", "S2020/weeks/1/"),
    # The notebook with formulas (MathML), tables and plots.
    "notebook": ("default", "S2027/recitations/03_collab_filtering/collaborative_filtering/"),
    "lectures": ("default", "S2027/lectures/"),
    "recitations": ("default", "S2027/recitations/"),
}


def cases():
    for kind in PAGES:
        for size, viewport, scheme in (
            ("desktop", DESKTOP, "light"),
            ("phone", PHONE, "light"),
            ("desktop", DESKTOP, "dark"),
        ):
            yield pytest.param(kind, viewport, scheme, id=f"{kind}-{size}-{scheme}")


@pytest.fixture(scope="module")
def sites(default_site, serve_site, tmp_path_factory):
    from coursekit.site.build import build_course

    course = tmp_path_factory.mktemp("a11y") / "minimal"
    shutil.copytree(TESTS / "courses" / "minimal", course)
    build_course(course, course / "site")
    return {
        "default": (default_site, serve_site(default_site)),
        "minimal": (course / "site", serve_site(course / "site")),
    }


def page_path(folder, pattern: str) -> str:
    if "*" not in pattern:
        return pattern
    found = sorted(folder.glob(pattern + "index.html"))
    assert found, f"no page matching {pattern} is built"
    return found[0].parent.relative_to(folder).as_posix() + "/"


def describe(violation: dict) -> str:
    nodes = "\n".join(
        f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}"
        for node in violation["nodes"]
    )
    return f"{violation['id']} ({violation['impact']}): {violation['help']}\n{nodes}"


@pytest.mark.parametrize("kind,viewport,scheme", list(cases()))
def test_no_serious_or_critical_violations(browser, sites, kind, viewport, scheme):
    from axe_playwright_python.sync_playwright import Axe

    folder, url = sites[PAGES[kind][0]]
    path = page_path(folder, PAGES[kind][1])
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.goto(url + path)
    page.wait_for_load_state("load")
    if scheme == "dark" and kind != "slides":  # decks stay light: drawn for a projector
        # Material follows the system's dark mode (the palette has a media query).
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    if viewport is PHONE:  # nothing wider than the phone: wide content scrolls in its box
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert widths[0] <= widths[1], f"{path} overflows a phone: {widths}"
    response = Axe().run(page).response
    ARTIFACTS.mkdir(exist_ok=True)
    size = "phone" if viewport is PHONE else "desktop"
    page.screenshot(path=ARTIFACTS / f"a11y-{kind}-{size}-{scheme}.png")
    page.close()

    serious = []
    for violation in response["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        nodes = [
            node
            for node in violation["nodes"]
            if (violation["id"], " ".join(node["target"])) not in ACCEPTED
        ]
        if nodes:
            serious.append(describe({**violation, "nodes": nodes}))
    assert serious == [], f"{path} ({size}, {scheme}):\n" + "\n".join(serious)
