"""A course deck on a phone and on a laptop, in Chromium: deep links in reveal.js's scroll
view (390 px), the bar under the slides (footer, license, the way back to the course) clear
of the slides and the slide number (844×390, a phone held sideways), → through vertical
slides, and nothing of the bar in the printed view.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.site.build import build_course

COURSE = Path(__file__).parent / "courses" / "materials"
DECK = """---
title: Phone deck
footer: 17-445/17-645 Machine Learning in Production, Spring 2026
license: Creative Commons Attribution 4.0 International (CC BY 4.0)
---

# Phone deck

---

## Slide 1

* one
* two
* three
* four
* five
* six
* seven
* eight
* nine
* ten
* eleven

---

## Slide 2

![Boxes and arrows of a small system](system.svg) <!-- .element: style="height: 600px" -->

---

## Slide 3.0

Above three children

----

## Slide 3.1

----

## Slide 3.2

The third of three

---

## Slide 4

The last one

---

## Slide 5

![Boxes and arrows of a small system](system.svg)
<!-- .element: class="stretch" -->
"""
PHONE = {"width": 390, "height": 844}
SIDEWAYS = {"width": 844, "height": 390}
LAPTOP = {"width": 1280, "height": 720}
pytestmark = [pytest.mark.browser]

# The text of the slide under the middle of the window (the scroll view stacks them all).
SHOWN = """() => {
  const middle = innerHeight / 2;
  const shown = [...document.querySelectorAll('.slides section:not(.stack)')].filter(s => {
    const box = s.getBoundingClientRect();
    return box.height > 0 && box.top <= middle && box.bottom >= middle
      && getComputedStyle(s).visibility !== 'hidden' && s.classList.contains('present');
  });
  return shown.map(s => s.querySelector('h1, h2').textContent);
}"""
# What the bar's parts overlap: boxes of the slide's content, the slide number, each other.
OVERLAPS = """() => {
  const box = e => e.getBoundingClientRect();
  const hit = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const slide = document.querySelector('.slides section.present:not(.stack)');
  const content = [...slide.querySelectorAll('*')]
    .filter(e => !e.children.length || e.tagName === 'IMG')
    .map(box).filter(r => r.width && r.height);
  const number = box(document.querySelector('.reveal .slide-number'));
  const result = {content: content.length};
  for (const part of ['.ck-footer', '.ck-back']) {
    const b = box(document.querySelector(part));
    result[part] = {content: content.filter(r => hit(b, r)).length, number: hit(b, number)};
  }
  return result;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium):
    root = tmp_path_factory.mktemp("phone") / "course"
    shutil.copytree(COURSE, root)
    (root / "lectures" / "01_intro" / "intro.md").write_text(DECK, "utf-8")
    schedule = root / "schedule.yaml"
    schedule.write_text(schedule.read_text("utf-8").replace("execute: auto", "execute: off"))
    build_course(root, root / "site")
    return root / "site"


def open_deck(browser, base: str, hash_: str, viewport: dict, query: str = ""):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{base}S2026/slides/01_intro/intro/{query}{hash_}")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    return page


def test_a_deep_link_opens_its_slide_on_a_phone_and_the_hash_follows(site, browser, serve_site):
    page = open_deck(browser, serve_site(site), "#/3/2", PHONE)
    try:
        assert page.evaluate("Reveal.isScrollView()")
        page.wait_for_function(f"({SHOWN})().includes('Slide 3.2')")
        assert page.evaluate(SHOWN) == ["Slide 3.2"]
        assert page.evaluate("location.hash") == "#/3/2"
        # Reading on: the next slide's link replaces it, as in the slide view.
        page.evaluate("document.body.scrollBy(0, innerHeight)")
        page.wait_for_function("location.hash === '#/4'")
        assert page.evaluate(SHOWN) == ["Slide 4"]
    finally:
        page.close()


def test_a_stretched_diagram_shows_on_a_phone(site, browser, serve_site):
    # reveal.js gives a `stretch` element the room left on its slide, which its scroll view
    # measured as none: the course's diagrams vanished on phones.
    page = open_deck(browser, serve_site(site), "#/5", PHONE)
    try:
        page.wait_for_function(f"({SHOWN})().includes('Slide 5')")
        box = page.locator(".stretch > img").bounding_box()
        assert box and box["height"] > 10, box  # 80 px at the phone's scale; 0 before
    finally:
        page.close()


def test_the_bar_covers_neither_slide_nor_slide_number(site, browser, serve_site):
    base = serve_site(site)
    for viewport in (SIDEWAYS, LAPTOP):
        for hash_ in ("#/1", "#/2"):  # a list and a diagram down to the slide's bottom
            page = open_deck(browser, base, hash_, viewport)
            try:
                assert not page.evaluate("Reveal.isScrollView()")
                found = page.evaluate(OVERLAPS)
                assert found["content"] >= 2, found
                none = {"content": 0, "number": False}
                assert found[".ck-footer"] == none and found[".ck-back"] == none, (viewport, found)
                assert page.locator(".reveal .slide-number").is_visible()
            finally:
                page.close()


def test_right_arrow_visits_the_slides_below(site, browser, serve_site):
    page = open_deck(browser, serve_site(site), "#/3", LAPTOP)
    try:
        page.keyboard.press("ArrowRight")
        assert page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [3, 1]
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [4, 0]
    finally:
        page.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_way_back_leads_to_the_session_row(site, browser, serve_site, viewport):
    page = open_deck(browser, serve_site(site), "#/1", viewport)
    try:
        back = page.locator(".ck-back-schedule")
        assert back.is_visible() and back.inner_text().endswith("Schedule")
        home = page.locator(".ck-back-home")
        assert home.is_visible() and home.inner_text() == "Spring 2026"
        for link in (back, home):
            box = link.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, box
        back.click()
        page.wait_for_url("**/S2026/schedule/#intro")
        assert page.locator("tr#intro").is_visible()
        page.go_back()
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        home.click()
        page.wait_for_url("**/S2026/")
    finally:
        page.close()


def test_nothing_of_the_bar_prints(site, browser, serve_site):
    page = open_deck(browser, serve_site(site), "", LAPTOP, query="?print-pdf")
    try:
        page.wait_for_function("document.documentElement.dataset.pdfReady === 'true'")
        assert page.locator(".ck-bar").is_hidden()
        assert page.locator(".ck-back-schedule").is_hidden()
    finally:
        page.close()
