"""`<!-- .element: ... -->` and `<!-- .slide: ... -->` comments → attributes, placed exactly
where reveal.js's markdown plugin (v6) places them.

Called by `parse.py` on one slide's parsed HTML. The rule, from the plugin's addAttributes():
an `.element` comment sets attributes on the nearest preceding sibling element (not `<br>`) in
the same parent, or on the parent when there is none — so `**b** text <!-- .element -->` styles
the `<strong>`, `- item <!-- .element -->` the `<li>`, a comment on the line under an
image paragraph the `<p>`, and a comment with nothing before it the slide's `<section>`. (Right
under a list item, marked keeps the comment in the item: `markdown.py` does the same.)
A `.slide` comment sets attributes on the slide's `<section>`. Each attribute replaces the one
there (reveal.js calls setAttribute), also `class`.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import AttributeValueList

ELEMENT_RE = re.compile(r"\.element\s*?(.+?)$", re.MULTILINE)
SLIDE_RE = re.compile(r"\.slide:\s*?(\S.+?)$", re.MULTILINE)
ATTR_RE = re.compile(r'([^"= ]+?)="([^"]+?)"|(data-[^"= ]+?)(?=[" ])')


def parse_attrs(text: str) -> dict[str, str]:
    """`class="fragment" data-x` → {"class": "fragment", "data-x": ""} (reveal.js's regex)."""
    attrs: dict[str, str] = {}
    for name, value, bare in ATTR_RE.findall(text):
        if name:
            attrs[name] = value
        else:
            attrs[bare] = ""
    return attrs


def set_attrs(target: Tag | dict[str, str], attrs: dict[str, str]) -> None:
    for name, value in attrs.items():
        if isinstance(target, Tag) and name == "class":
            target[name] = AttributeValueList(value.split())
        else:
            target[name] = value


def _previous_element(comment: Comment) -> Tag | None:
    for sibling in comment.previous_siblings:
        if isinstance(sibling, Tag) and sibling.name != "br":
            return sibling
    return None


def nodes(root: Tag) -> tuple[list[Comment], list[Tag]]:
    """Every comment and every element under `root`, in document order (one walk, reused by
    each step so a slide's tree is not searched again and again)."""
    comments: list[Comment] = []
    elements: list[Tag] = []
    for node in root.descendants:
        if isinstance(node, Tag):
            elements.append(node)
        elif isinstance(node, Comment):
            comments.append(node)
    return comments, elements


def apply_attributes(root: Tag, section: dict[str, str], comments: list[Comment]) -> list[str]:
    """Apply and remove the attribute comments among `comments` (those under `root`); fill
    `section` with the `.slide` attributes. Return the text of comments that set nothing."""
    empty: list[str] = []
    for comment in comments:
        text = str(comment)
        element = ELEMENT_RE.search(text)
        if element:
            target = _previous_element(comment) or comment.parent
            attrs = parse_attrs(element.group(1))
            if not attrs:
                empty.append(text.strip())
            elif target is root or target is None:
                set_attrs(section, attrs)  # nothing before it on the slide: the <section>
            else:
                set_attrs(target, attrs)
            comment.extract()
            continue
        slide = SLIDE_RE.search(text)
        if slide:
            attrs = parse_attrs(slide.group(1))
            set_attrs(section, attrs)
            if not attrs:
                empty.append(text.strip())
            comment.extract()
    return empty


def add_class(element: Tag, name: str) -> None:
    """Add a class to an element's list of classes (a list, as bs4 keeps them)."""
    classes: str | list[str] = element.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    element["class"] = AttributeValueList([*classes, name])


def soup_of(html: str) -> tuple[BeautifulSoup, Tag]:
    """Parse a slide's HTML under a single root `<div>` so top-level order is easy to walk."""
    soup = BeautifulSoup(f"<div>{html}</div>", "html.parser")
    root = soup.div
    assert root is not None  # html.parser keeps the <div> it was given
    return soup, root
