"""Search loads its index and worker when the reader first uses it, not with every page
(issue 17): no request for search_index.json or the search worker while a page loads;
clicking or tapping the search field, the `/` and `s` shortcuts, a `?q=` link and a `?h=`
highlight link fetch them, and search works as Material's always did, speaker notes
included. Desktop 1280 px and phone 390 px."""

from __future__ import annotations

import re

import pytest

from conftest import ARTIFACTS, console_errors

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SIZES = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
# A word only a speaker note of the first lecture has ("Who has been paged at night…").
NOTE_WORD = "paged"
NOTE_HIT = "S2027/handouts/01_introduction/intro/"


@pytest.fixture(scope="module")
def site_url(default_site, serve_site):
    return serve_site(default_site)


def open_page(browser, size, url):
    """A fresh page (empty cache) that records which search indexes it requested."""
    context = browser.new_context(**size)
    page = context.new_page()
    page.index_requests = []  # the index and the search worker's script
    page.on(
        "request",
        lambda r: (
            re.search(r"search_index\.json|/workers/search\.", r.url)
            and page.index_requests.append(r.url)
        ),
    )
    page.errors = console_errors(page)
    page.goto(url, wait_until="load")
    return page


def open_search(page):
    query = page.locator("input[data-md-component=search-query]")
    icon = page.locator("label.md-header__button[for=__search]")
    if icon.is_visible():  # a phone opens search from the header's icon
        icon.click()
    else:
        query.click()
    return query


def first_note_hit(page):
    hit = page.locator(f".md-search-result__item a[href*='{NOTE_HIT}'][href*='#']").first
    hit.wait_for()
    return hit


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "path", ["S2027/schedule/", "S2027/", ""], ids=["schedule", "home", "landing"]
)
def test_a_page_loads_without_the_search_index(browser, site_url, size, path):
    page = open_page(browser, size, site_url + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.index_requests == [], "search loads before anyone searched"
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_first_use_fetches_the_index_and_finds_a_speaker_note(browser, site_url, size):
    page = open_page(browser, size, site_url + "S2027/schedule/")
    held = []
    page.route("**/search/search_index.json", lambda route: held.append(route))
    query = open_search(page)
    for _ in range(100):  # the route sees the request once search asked for it
        if held and len(page.index_requests) == 2:
            break
        page.wait_for_timeout(50)
    # While the index is on its way Material says so, as it always did.
    meta = page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == "Initializing search"
    assert len(page.index_requests) == 2
    held[0].continue_()
    page.unroute("**/search/search_index.json")
    query.press_sequentially(NOTE_WORD, delay=30)
    hit = first_note_hit(page)
    assert hit.get_attribute("href").endswith(f"?h={NOTE_WORD}#welcome")
    name = "phone" if size is PHONE else "desktop"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"search-on-use-{name}.png")
    hit.click()
    page.wait_for_url(f"**/{NOTE_HIT}**")
    # The result's `?h=` link highlights the word on the handout (it needs the index at once).
    page.locator("article mark", has_text=NOTE_WORD).first.wait_for()
    assert page.errors == []
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_search_link_shows_results_at_once(browser, site_url, size):
    page = open_page(browser, size, site_url + f"S2027/schedule/?q={NOTE_WORD}")
    first_note_hit(page)
    assert page.locator("input[data-md-component=search-query]").input_value() == NOTE_WORD
    assert len(page.index_requests) == 2
    page.context.close()


@pytest.mark.parametrize("key", ["/", "s"])
def test_a_shortcut_opens_search_and_fetches_the_index(browser, site_url, key):
    page = open_page(browser, DESKTOP, site_url + "S2027/schedule/")
    page.wait_for_timeout(300)
    assert page.index_requests == []
    page.keyboard.press(key)
    page.keyboard.type(NOTE_WORD)
    first_note_hit(page)
    assert len(page.index_requests) == 2
    page.context.close()
