"""A student's path through the default course in a real browser: landing page → semester
→ schedule → a deck (keyboard, notes, speaker view); search for a phrase that only a slide
has; dark mode. Screenshots of every page type land in test-artifacts/."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, console_errors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(default_site, serve_site):
    return serve_site(default_site)


# Go to the first slide with speaker notes; its notes text, spaces collapsed.
NOTED_SLIDE = """() => {
  const slide = Reveal.getSlides().find((s) => s.querySelector("aside.notes"));
  const at = Reveal.getIndices(slide);
  Reveal.slide(at.h, at.v);
  return slide.querySelector("aside.notes").textContent.trim().replace(/\\s+/g, " ");
}"""


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def test_landing_to_semester_to_schedule_to_deck(browser, site_url):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors = console_errors(page)
    page.goto(site_url)
    page.get_by_role("link", name="Go to Spring 2027 →").click()
    page.wait_for_url("**/S2027/")
    page.locator(".md-tabs__link", has_text="Schedule").click()
    page.wait_for_url("**/S2027/schedule/")
    row = page.locator("tr#modelquality1")
    with page.expect_navigation():
        row.locator(".ck-title a").click()
    page.wait_for_url("**/S2027/slides/03_modelquality/modelquality1/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getIndices()") == {"h": 0, "v": 0, "f": None}
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 40
    # Speaker notes exist in the page but are not shown on the slide.
    assert page.locator("aside.notes").count() > 10
    assert not page.locator(".present aside.notes").first.is_visible()
    # The speaker view: reveal.js writes it into an about:blank popup, so what shows it
    # works is its content, the notes of the slide the deck is on beside that slide.
    notes = page.evaluate(NOTED_SLIDE)
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    expect(speaker.locator(".speaker-controls-notes .value")).to_contain_text(notes[:40])
    expect(speaker.locator("#current-slide iframe")).to_have_count(1)
    shot(page, "slides-desktop")
    assert errors == []


def test_search_finds_a_slide_phrase_and_leads_to_the_slide(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "S2027/")
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    query.press_sequentially("couch potatoes", delay=30)
    page.locator(".md-search-result__item a").first.wait_for()
    # Material lists the page, then its matching sections: a section is a slide.
    result = page.locator(
        ".md-search-result__item a[href*='handouts/03_modelquality/teams/'][href*='#']"
    ).first
    href = result.get_attribute("href")
    result.click()
    page.wait_for_url("**/handouts/03_modelquality/teams/**")
    shot(page, "handout-desktop")
    # The hit is a slide's section of the handout, which links to that slide in the deck.
    anchor = href.split("#", 1)[1]
    section = page.locator(f"article h2[id='{anchor}']")
    link = section.locator("xpath=following::a[text()='Open slide'][1]")
    assert "/slides/03_modelquality/teams/#/" in link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getIndices().h") > 0


def test_dark_mode_toggles(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "S2027/schedule/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label[for=__palette_1]").click()
    assert page.evaluate(scheme) == "slate"
    shot(page, "schedule-dark")


@pytest.mark.parametrize(
    "path,name",
    [
        ("S2027/readings/", "readings"),
        ("S2027/assignments/", "assignments"),
        ("S2027/recitations/01_sklearn/sklearn_basics/", "notebook"),
        ("S2027/handouts/02_systems/systems/", "handout-systems"),
    ],
)
def test_more_page_types_without_console_errors(browser, site_url, path, name):
    for width, height, suffix in ((1280, 900, "desktop"), (390, 844, "phone")):
        page = browser.new_page(viewport={"width": width, "height": height})
        errors = console_errors(page)
        page.goto(site_url + path)
        page.locator("h1").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"{name}-{suffix}")
        assert errors == []


def test_a_phone_reader_tabs_from_a_deck_to_its_handout(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "S2027/slides/03_modelquality/modelquality1/")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    skip = page.get_by_role("link", name="Read these slides as a handout")
    assert skip.bounding_box()["x"] < 0  # off screen until focused
    page.keyboard.press("Tab")
    assert skip.evaluate("link => link === document.activeElement")
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=ARTIFACTS / "slides-phone-skip-link.png")  # the viewport: decks scroll
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/S2027/handouts/03_modelquality/modelquality1/")
    assert page.locator("article h1").inner_text().strip()
