"""The course's own slide directives → HTML structure; other comments → warnings or nothing.

Called by `parse.py` after `attributes.py`. Directives are comments on a line of their own, at
the top of a slide or inside a block such as `<div class="smallish">` (wherever marked leaves
them as a block of their own):
`colstart`, `col`/`split`, `colend` (columns), `references`/`references_` (the rest of the slide
is a references block at its bottom), `discussion` (a discussion marker), `small` (smaller text
for the rest of the slide or column). A one-word comment that is none of these is reported as an
unknown directive (a typo such as `colstrat` silently breaks a layout); comments with prose in
them are the author's notes to self and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Tag

from coursekit.slides.attributes import add_class

DIRECTIVES = (
    "colstart",
    "col",
    "split",
    "colend",
    "references",
    "references_",
    "discussion",
    "small",
)
# One token, optionally dotted: how a directive (or a typo of one) looks. A word with a colon
# (`<!-- TODO: -->`, `<!-- Source: -->`) is the start of a note to self, not a directive.
DIRECTIVE_LIKE_RE = re.compile(r"^\s*\.?[A-Za-z][\w-]*\s*$|^\s*\.[A-Za-z]")


def _name(node: object) -> str | None:
    if isinstance(node, Comment) and str(node).strip() in DIRECTIVES:
        return str(node).strip()
    return None


def _div(soup: BeautifulSoup, cls: str) -> Tag:
    return soup.new_tag("div", attrs={"class": cls})


# Elements whose children are blocks: a directive comment among them is a block of its own.
BLOCK_PARENTS = frozenset(
    {"div", "section", "article", "aside", "blockquote", "details", "figure", "center", "main"}
    | {"header", "footer", "li", "td", "th"}
)


def apply_directives(
    soup: BeautifulSoup, root: Tag, comments: list[Comment]
) -> list[tuple[str, str, str]]:
    """Restructure each block holding directives; return (message, fix, comment text) for
    each finding."""
    findings: list[tuple[str, str, str]] = []
    parents: dict[int, Tag] = {}
    for comment in comments:
        parent = comment.parent
        if (
            _name(comment)
            and parent is not None
            and (parent is root or parent.name in BLOCK_PARENTS)
        ):
            parents.setdefault(id(parent), parent)
    for parent in parents.values():
        findings += _restructure(soup, parent)
    findings += _leftover_comments(comments)
    return findings


@dataclass
class _Frames:
    """A stack of (kind, tag): where the next child of a block goes, as its directives open
    and close columns and blocks. kinds: root, columns, col, block."""

    soup: BeautifulSoup
    stack: list[tuple[str, Tag]]

    @property
    def target(self) -> Tag:
        """The tag the next child is appended to."""
        return self.stack[-1][1]

    def close_column(self) -> bool:
        """Close the innermost column (and any block in it); False when none is open."""
        if not any(kind == "col" for kind, _ in self.stack):
            return False
        while self.stack[-1][0] != "col":
            self.stack.pop()
        self.stack.pop()
        return True

    def start_columns(self) -> None:
        """`colstart`: a columns container with its first column."""
        container, col = _div(self.soup, "container"), _div(self.soup, "col")
        container.append(col)
        self.target.append(container)
        self.stack += [("columns", container), ("col", col)]

    def next_column(self) -> None:
        """`col`/`split`: close the open column and start the next one."""
        if self.close_column():
            container = self.target
        else:
            # Without <!-- colstart -->, what came before is the first column (as the
            # course's reveal-md setup did for <!-- split -->).
            target = self.target
            container, first = _div(self.soup, "container"), _div(self.soup, "col")
            for child in list(target.children):
                first.append(child.extract())
            container.append(first)
            target.append(container)
            self.stack.append(("columns", container))
        col = _div(self.soup, "col")
        container.append(col)
        self.stack.append(("col", col))

    def end_columns(self) -> bool:
        """`colend`: close the open column and its container; False when none is open."""
        if not self.close_column():
            return False
        self.stack.pop()
        return True

    def open_block(self, name: str) -> None:
        """`references`/`references_`/`small`: the rest goes into a block (references are
        pushed to the slide's bottom by a stretch above them)."""
        if name == "references":
            self.target.append(_div(self.soup, "stretch"))
        block = _div(self.soup, "small" if name == "small" else "references")
        self.target.append(block)
        self.stack.append(("block", block))


def _restructure(soup: BeautifulSoup, root: Tag) -> list[tuple[str, str, str]]:
    """Move `root`'s children into the columns and blocks its directive comments open."""
    findings: list[tuple[str, str, str]] = []
    children = list(root.children)
    for node in children:
        node.extract()
    frames = _Frames(soup, [("root", root)])
    for node in children:
        name = _name(node)
        if name is None:
            frames.target.append(node)
            continue
        if name == "colstart":
            frames.start_columns()
        elif name in ("col", "split"):
            frames.next_column()
        elif name == "colend":
            if not frames.end_columns():
                findings.append(
                    (
                        "<!-- colend --> without <!-- colstart -->",
                        "add <!-- colstart --> where the columns begin",
                        str(node),
                    )
                )
        elif name in ("references", "references_", "small"):
            frames.open_block(name)
        elif name == "discussion":
            marker = soup.new_tag(
                "div", attrs={"class": "discussion", "role": "img", "aria-label": "Discussion"}
            )
            frames.target.append(marker)
        node.extract()  # consumed
    return findings


def _leftover_comments(comments: list[Comment]) -> list[tuple[str, str, str]]:
    """Remove every comment still in the slide, reporting the ones that look like directives."""
    findings = []
    known = ", ".join(DIRECTIVES)
    for comment in comments:
        if comment.parent is None:  # consumed as a directive or an attribute comment
            continue
        text = str(comment).strip()
        if text in DIRECTIVES:
            findings.append(
                (
                    f"<!-- {text} --> must be on a line of its own to take effect",
                    "move it to its own line",
                    str(comment),
                )
            )
        elif DIRECTIVE_LIKE_RE.match(text):
            findings.append(
                (
                    f"unknown directive <!-- {text} -->",
                    f"known directives: {known}, .element: and .slide:",
                    str(comment),
                )
            )
        comment.extract()
    return findings


def hide_empty_items(elements: list[Tag]) -> None:
    """An empty bullet (`* ` alone) is a spacer in the course's decks, as it was there."""
    for item in elements:
        if item.name == "li" and not item.get_text(strip=True) and not item.find(True):
            add_class(item, "hidden")
