"""How the site looks where students read it, measured in Chromium: diagrams readable in the
dark scheme (WCAG contrast against what is painted behind their labels), tap targets of at
least 24 x 24 px on a phone (WCAG 2.2, 2.5.8), and the course title uncut in a phone's header.
Screenshots land in test-artifacts/ for a human to look at."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, TESTS, console_errors

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The colour painted behind an element: its own background, else its nearest ancestor's.
PAINTED_BEHIND = """(el) => {
  for (let node = el; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && colour !== "transparent" && !colour.endsWith(", 0)")) return colour;
  }
  return "rgb(255, 255, 255)";
}"""

# Every label of a standalone SVG: its fill and what is painted right behind its middle (a
# filled shape of the drawing, or null where the drawing is transparent).
SVG_LABELS = """() => [...document.querySelectorAll("text")].map((text) => {
  const box = text.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  let behind = null;
  for (const el of document.elementsFromPoint(x, y)) {
    if (el === text || text.contains(el) || el.closest("text")) continue;
    if (el.tagName === "svg") break;
    const style = getComputedStyle(el);
    if (style.fill !== "none" && style.fillOpacity !== "0" && style.opacity !== "0") {
      behind = style.fill;
      break;
    }
  }
  return {text: text.textContent.trim(), fill: getComputedStyle(text).fill, behind};
})"""


def rgb(colour: str) -> tuple[float, ...]:
    numbers = colour[colour.index("(") + 1 : colour.index(")")].replace(",", " ").split()
    return tuple(float(n) for n in numbers[:3])


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours."""

    def luminance(colour: str) -> float:
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in (v / 255 for v in rgb(colour))
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def site_url(default_site, serve_site):
    return serve_site(default_site)


@pytest.fixture(scope="module")
def dark_phone(browser):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    yield context
    context.close()


def handouts_with_diagrams(default_site) -> list[str]:
    pages = sorted((default_site / "S2027" / "handouts").rglob("index.html"))
    return [
        str(page.parent.relative_to(default_site)) + "/"
        for page in pages
        if ".svg" in page.read_text(encoding="utf-8")
    ]


def test_diagram_labels_keep_their_contrast_on_shapes_and_in_the_dark_scheme(
    default_site, site_url, dark_phone
):
    page = dark_phone.new_page()
    errors = console_errors(page)
    drawing = dark_phone.new_page()
    drawing.set_viewport_size({"width": 2000, "height": 2000})  # the whole drawing
    checked, low, labels = set(), [], 0
    for path in handouts_with_diagrams(default_site):
        page.goto(site_url + path)
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        for image in page.locator(".md-typeset img[src*='.svg']").all():
            backdrop = image.evaluate(PAINTED_BEHIND)
            source = image.evaluate("img => img.src")
            drawing.goto(source)
            # Labels on the drawing's own filled shapes look the same in both schemes;
            # those on its transparent parts sit on whatever the page paints there.
            for label in drawing.evaluate(SVG_LABELS):
                labels += label["behind"] is None
                behind = label["behind"] or backdrop
                ratio = contrast(label["fill"], behind)
                if ratio < 4.5:
                    low.append(f"{source}: {label['text']!r} {ratio:.2f}:1 on {behind}")
            checked.add(source.rsplit("/", 1)[-1])
        if path.endswith("01_introduction/intro/"):
            page.locator(".md-typeset img[src*='.svg']").first.scroll_into_view_if_needed()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / "handout-diagram-phone-dark.png")
    assert len(checked) == 11, f"the eleven lecture diagrams, found {sorted(checked)}"
    assert labels > 100  # most labels sit on the transparent background
    assert low == [], "labels under 4.5:1 in the dark scheme:\n" + "\n".join(low)
    assert errors == []


def test_icons_and_emoji_get_no_backdrop(default_site, site_url, dark_phone):
    page = dark_phone.new_page()
    page.goto(site_url + "S2027/")
    page.evaluate(
        """() => document.querySelector(".md-typeset").insertAdjacentHTML("beforeend",
        '<p><img class="twemoji" id="emoji" src="x.svg" alt="">' +
        '<img id="badge" src="https://img.shields.io/badge/x-y-green.svg" alt="build"></p>')"""
    )
    for ident in ("emoji", "badge"):
        assert page.locator(f"#{ident}").evaluate("e => getComputedStyle(e).padding") == "0px"


# --- Dark variants and the opt-out, on a small course with two decks ---------------------

LIGHT_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60" width="200"
height="60"><text x="10" y="35" style="fill:#1d2733;font-size:20px">dark ink</text></svg>"""
DARK_SVG = LIGHT_SVG.replace("#1d2733", "#e8edf3").replace("dark ink", "light ink")
DIAGRAMS = """---
title: Diagrams
---

# Diagrams

---

## Both variants

![Labels in dark ink](light.svg#only-light)
![Labels in light ink](dark.svg#only-dark)

---

## One for every scheme

![Labels in dark ink](light.svg)
"""
PLAIN = DIAGRAMS.replace("title: Diagrams", "title: Plain\nimage_backdrop: false")


@pytest.fixture(scope="module")
def variants_url(tmp_path_factory, serve_site):
    import shutil

    from coursekit.site.build import build_course

    root = tmp_path_factory.mktemp("looks") / "course"
    shutil.copytree(TESTS / "courses" / "minimal", root)
    for name, deck in (("diagrams", DIAGRAMS), ("plain", PLAIN)):
        folder = root / "lectures" / name
        folder.mkdir(parents=True)
        (folder / f"{name}.md").write_text(deck, encoding="utf-8")
        (folder / "light.svg").write_text(LIGHT_SVG, encoding="utf-8")
        (folder / "dark.svg").write_text(DARK_SVG, encoding="utf-8")
    schedule = root / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    text = text.replace(
        "slides: https://example.org/slides/teams.html", "slides: lectures/diagrams/diagrams.md"
    ).replace("title: Quality\n", "title: Quality\n        slides: lectures/plain/plain.md\n")
    schedule.write_text(text, encoding="utf-8")
    build_course(root, root / "site")
    return serve_site(root / "site") + "S2026/"


def shown(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        """images => images.map((img) => ({
          src: img.getAttribute("src"),
          visible: img.getBoundingClientRect().height > 0,
          padding: getComputedStyle(img).paddingTop,
          behind: getComputedStyle(img).backgroundColor,
        }))"""
    )


def test_dark_variant_shows_without_backdrop_and_its_light_twin_is_hidden(browser, variants_url):
    for scheme in ("dark", "light"):
        context = browser.new_context(viewport=PHONE, color_scheme=scheme)
        page = context.new_page()
        errors = console_errors(page)
        page.goto(variants_url + "handouts/diagrams/diagrams/")
        images = {i["src"].rsplit("/", 1)[-1]: i for i in shown(page, ".md-typeset img")}
        # The handout keeps the author's fragments on the deck's image URLs.
        assert set(images) == {"light.svg#only-light", "dark.svg#only-dark", "light.svg"}
        light, dark, plain = (
            images["light.svg#only-light"],
            images["dark.svg#only-dark"],
            images["light.svg"],
        )
        if scheme == "dark":
            assert (light["visible"], dark["visible"]) == (False, True)
            assert dark["padding"] == "0px" and dark["behind"] == "rgba(0, 0, 0, 0)"
            assert plain["visible"] and plain["padding"] != "0px"
            assert contrast("rgb(29, 39, 51)", plain["behind"]) >= 4.5
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / "handout-variants-phone-dark.png", full_page=True)
        else:
            assert (light["visible"], dark["visible"]) == (True, False)
            assert light["padding"] == "0px" and plain["padding"] == "0px"
        assert errors == []
        context.close()


def test_a_deck_can_opt_out_of_the_backdrop(browser, variants_url):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    page.goto(variants_url + "handouts/plain/plain/")
    plain = [i for i in shown(page, ".md-typeset img") if i["src"].endswith("/light.svg")]
    assert len(plain) == 1
    assert plain[0]["padding"] == "0px" and plain[0]["behind"] == "rgba(0, 0, 0, 0)"
    context.close()


def test_a_deck_shows_the_light_variant_in_both_schemes(browser, variants_url):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    errors = console_errors(page)
    page.goto(variants_url + "slides/diagrams/diagrams/#/1")
    page.locator(".reveal section.present img").first.wait_for(state="attached")
    images = {i["src"]: i["visible"] for i in shown(page, ".reveal section.present img")}
    assert images == {"light.svg#only-light": True, "dark.svg#only-dark": False}
    assert errors == []
    context.close()


# --- Tap targets ------------------------------------------------------------------------

# Links and buttons of `roots` that fail WCAG 2.5.8: a box under 24 x 24 px whose 24 px
# circle (centred on it) touches another target or another small target's circle.
SMALL_TARGETS = """(roots) => {
  const boxes = [];
  for (const root of document.querySelectorAll(roots)) {
    for (const el of root.querySelectorAll("a[href], button")) {
      if (getComputedStyle(el).visibility === "hidden") continue;
      for (const r of el.getClientRects()) {
        if (r.width > 0 && r.height > 0) boxes.push({el, r});
      }
    }
  }
  const small = ({r}) => r.width < 24 || r.height < 24;
  const centre = ({r}) => [r.left + r.width / 2, r.top + r.height / 2];
  return boxes.filter(small).filter((box) => {
    const [x, y] = centre(box);
    return boxes.some((other) => {
      if (other.el === box.el) return false;
      const {r} = other;
      const dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
      if (Math.hypot(dx, dy) < 12) return true;
      const [ox, oy] = centre(other);
      return small(other) && Math.hypot(x - ox, y - oy) < 24;
    });
  }).map(({el, r}) =>
    `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ` +
    `${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
}"""


@pytest.mark.parametrize(
    "path",
    [
        "S2027/",
        "S2027/schedule/",
        "S2027/readings/",
        "S2027/handouts/01_introduction/intro/",
        "S2022/schedule/",
        "S2027/weeks/2/",
        "S2020/weeks/1/",
    ],
)
def test_tap_targets_are_at_least_24_px_on_a_phone(site_url, dark_phone, path):
    page = dark_phone.new_page()
    page.goto(site_url + path)
    page.locator(".md-version__current").wait_for()  # the switcher is a target too
    targets = page.locator(".md-content a[href], .md-content button").count()
    assert targets > 3
    small = page.evaluate(SMALL_TARGETS, ".md-content, .md-header, .md-footer")
    assert small == [], f"{path}: targets under 24 x 24 px too close to others:\n" + "\n".join(
        small
    )


# --- The course title in the header -----------------------------------------------------


def header_title(page) -> dict:
    return page.evaluate(
        """() => {
          const name = document.querySelector(".md-header__topic:first-child > .md-ellipsis");
          const visible = [...name.children].find((c) => c.getBoundingClientRect().width > 0);
          return {text: (visible || name).textContent.trim(),
                  scroll: name.scrollWidth, client: name.clientWidth};
        }"""
    )


@pytest.mark.parametrize(
    "viewport,scheme,expected",
    [
        (PHONE, "dark", "MLiP"),
        (DESKTOP, "light", "Machine Learning in Production · Spring 2027"),
    ],
)
def test_course_title_is_not_cut_in_the_header(browser, site_url, viewport, scheme, expected):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    errors = console_errors(page)
    page.goto(site_url + "S2027/schedule/")
    page.locator(".md-version__current").wait_for()
    title = header_title(page)
    assert title["text"] == expected
    assert title["scroll"] <= title["client"], f"the title is cut: {title}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"header-{viewport['width']}-{scheme}.png")
    assert errors == []
    context.close()


# --- Week pages -------------------------------------------------------------------------


@pytest.mark.parametrize(("viewport", "scheme"), [(PHONE, "dark"), (DESKTOP, "light")])
def test_a_week_with_recordings_fits_the_screen(browser, site_url, viewport, scheme):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + "S2020/weeks/1/")
    frames = page.locator("figure.ck-video iframe")
    assert frames.count() == 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"page is {width}px wide"
    box = frames.first.bounding_box()
    assert box and box["width"] >= min(viewport["width"] - 80, 600)  # fills the column
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02
    frames.first.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"week-{viewport['width']}-{scheme}.png")
    context.close()
