"""The one place where a slide from reveal.js and the same slide from coursekit become
comparable: HTML (or the browser's JSON tree of it) → canonical lines (tags, sorted attributes,
text), indented by depth so a diff of two slides reads as a diff of their DOMs.

Called by `differ.py` on both sides alike. Whitespace and generated ids are ignored; every rule
that removes a difference coursekit makes on purpose is its own function below, saying why. A
difference not removed here is a real one: fix the engine or list it in known_differences.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import html5lib

# The course's own directives: comments on a line of their own that reveal-md's course setup
# and coursekit turn into layout markup. One list, the engine's.
from coursekit.slides.directives import DIRECTIVES

# Elements whose children are blocks: where marked leaves a comment on a line of its own, so
# where a directive takes effect (not inside a paragraph or a heading).
FLOW = {"#root", "div", "section", "aside", "article", "blockquote", "li", "dd", "td", "th"}
URL_ATTRS = {"src", "href", "data-src", "poster", "data", "data-background"} | {
    f"data-background-{kind}" for kind in ("image", "video", "iframe")
}
HEADINGS = {f"h{n}" for n in range(1, 7)}
SPACE_RE = re.compile(r"\s+")
NAMESPACE_RE = re.compile(r"^\{[^}]*\}")


@dataclass
class Node:
    """An element (`tag` a name), a text (`#text`) or a comment (`#comment`)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def text_content(self) -> str:
        if self.tag == "#text":
            return self.text
        return "".join(child.text_content() for child in self.children)


def normalize(html: str | list) -> list[str]:
    """A slide's (or its notes') HTML, or its tree from harness.js (`treeOf`), → canonical
    lines; equal lines mean the same slide."""
    children = parse(html) if isinstance(html, str) else [_from_tree(n) for n in html]
    root = Node("#root", children=children)
    _directives(root)
    _clean(root)
    lines: list[str] = []
    for child in root.children:
        _print(child, 0, lines)
    return lines


def normalize_attrs(attrs: dict[str, str]) -> list[str]:
    """The `<section>`'s own attributes (`<!-- .slide: -->`) as canonical lines."""
    cleaned = _attrs("section", dict(attrs))
    return [f'section {name}="{value}"' for name, value in sorted(cleaned.items())]


def parse(html: str) -> list[Node]:
    """Parse as a browser parses innerHTML (html5lib implements the same HTML5 algorithm)."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return _convert_children(fragment)


def _from_tree(item: str | dict | list) -> Node:
    """harness.js's JSON for a node (the browser already parsed it) → a Node."""
    if isinstance(item, str):
        return Node("#text", text=item)
    if isinstance(item, dict):
        return Node("#comment", text=item["comment"])
    tag, attrs, children = item
    return Node(tag, dict(attrs), [_from_tree(child) for child in children])


def _convert_children(element) -> list[Node]:
    nodes = [Node("#text", text=element.text)] if element.text else []
    for child in element:
        if not isinstance(child.tag, str):  # etree's Comment factory
            nodes.append(Node("#comment", text=child.text or ""))
        else:
            attrs = {NAMESPACE_RE.sub("", str(k)): v for k, v in child.attrib.items()}
            tag = NAMESPACE_RE.sub("", child.tag)
            nodes.append(Node(tag, attrs, _convert_children(child)))
        if child.tail:
            nodes.append(Node("#text", text=child.tail))
    return nodes


# --- rules for differences on purpose -------------------------------------------------------


def _directives(node: Node) -> None:
    """reveal.js leaves `<!-- colstart -->` etc. as comments, which the course's reveal-md
    setup turned into columns; coursekit writes that markup itself. Apply coursekit's meaning
    (coursekit.slides.directives) to reveal.js's comments wherever marked left one between
    blocks, so both sides show the same columns, reference blocks and discussion markers."""
    for child in node.children:
        if child.tag[0] != "#":
            _directives(child)
    if node.tag not in FLOW or not any(_directive(c) for c in node.children):
        return
    children, node.children = node.children, []
    frames: list[tuple[str, Node]] = [("root", node)]

    def close_column() -> bool:
        if not any(kind == "col" for kind, _ in frames):
            return False
        while frames[-1][0] != "col":
            frames.pop()
        frames.pop()
        return True

    for child in children:
        name, target = _directive(child), frames[-1][1]
        if name is None:
            target.children.append(child)
        elif name == "colstart":
            col = Node("div", {"class": "col"})
            container = Node("div", {"class": "container"}, [col])
            target.children.append(container)
            frames += [("columns", container), ("col", col)]
        elif name in ("col", "split"):
            if close_column():
                container = frames[-1][1]
            else:
                first = Node("div", {"class": "col"}, target.children)
                container = Node("div", {"class": "container"}, [first])
                target.children = [container]
                frames.append(("columns", container))
            col = Node("div", {"class": "col"})
            container.children.append(col)
            frames.append(("col", col))
        elif name == "colend":
            if close_column():
                frames.pop()
        elif name in ("references", "references_", "small"):
            if name == "references":
                target.children.append(Node("div", {"class": "stretch"}))
            block = Node("div", {"class": "small" if name == "small" else "references"})
            target.children.append(block)
            frames.append(("block", block))
        elif name == "discussion":
            marker = {"class": "discussion", "role": "img", "aria-label": "Discussion"}
            target.children.append(Node("div", marker))


def _directive(node: Node) -> str | None:
    name = node.text.strip() if node.tag == "#comment" else None
    return name if name in DIRECTIVES else None


def _clean(node: Node, pre: bool = False) -> None:
    """Bottom-up: the per-element rules, then comments and whitespace (kept inside `pre`)."""
    pre = pre or node.tag in ("pre", "textarea")
    children: list[Node] = []
    for child in node.children:
        if child.tag == "#comment":
            # Comments show nothing; reveal.js keeps them (emptied when they set attributes),
            # coursekit drops them.
            continue
        if child.tag == "math":
            child = _math(child)
        elif child.tag[0] != "#":
            child = _code_block(child)  # before whitespace is touched
            _clean(child, pre)
            child.attrs = _attrs(child.tag, child.attrs)
            _hidden_spacer(child)
            _block_math(child)
        children.append(child)
    node.children = _merge_text(children, keep_space=pre)


def _math(node: Node) -> Node:
    """coursekit typesets `$…$` and `$$…$$` as MathML when it builds; reveal.js leaves the TeX
    as text for MathJax to typeset in the browser. Compare the TeX source (MathML's
    annotation)."""
    annotation = next(
        (n for n in _walk(node) if n.tag == "annotation" and "tex" in n.attrs.get("encoding", "")),
        None,
    )
    tex = annotation.text_content() if annotation else node.text_content()
    fence = "$$" if node.attrs.get("display") == "block" else "$"
    return Node("#text", text=f"{fence}{tex}{fence}")


def _block_math(node: Node) -> None:
    """coursekit wraps a `$$…$$` formula in `<div class="ck-math">` (focusable, scrolls
    sideways); marked leaves it in a paragraph."""
    if node.tag == "div" and "ck-math" in node.attrs.get("class", "").split():
        node.tag, node.attrs = "p", {}


def _code_block(node: Node) -> Node:
    """coursekit highlights code with Pygments when it builds (`<div class="highlight"><pre>
    <code>` full of `<span>`s, the language shown as colours); reveal.js's plugin writes
    `<pre><code class="LANG">` for highlight.js to colour in the browser. Compare the code's
    text (trailing newline ignored) and its reveal.js attributes such as data-line-numbers."""
    if node.tag == "div" and "highlight" in node.attrs.get("class", "").split():
        blocks = [c for c in node.children if c.tag != "#text" or c.text.strip()]
        if len(blocks) == 1 and blocks[0].tag == "pre":
            node = blocks[0]
    if node.tag != "pre":
        return node
    codes = [c for c in node.children if c.tag == "code"]
    if len(codes) != 1:
        return node
    code = codes[0]
    attrs = {k: v for k, v in code.attrs.items() if k != "class"}
    text = Node("#text", text=code.text_content().rstrip())
    return Node("pre", {}, [Node("code", attrs, [text])])


def _hidden_spacer(node: Node) -> None:
    """coursekit hides an empty bullet (`* ` alone, a spacer in the course's decks) with
    class="hidden", as the course's reveal-md CSS did."""
    if node.tag == "li" and not node.text_content().strip() and not node.children:
        classes = [c for c in node.attrs.get("class", "").split() if c != "hidden"]
        node.attrs = {**node.attrs, "class": " ".join(classes)}
        if not classes:
            del node.attrs["class"]


def _attrs(tag: str, attrs: dict[str, str]) -> dict[str, str]:
    """Attribute values that mean the same thing written two ways."""
    out: dict[str, str] = {}
    for name, value in attrs.items():
        if name == "id" and tag in HEADINGS:
            continue  # marked generates heading ids (headerIds); nothing links to them
        if name == "align" and tag in ("th", "td"):
            # marked aligns table cells with align=, coursekit with style= (same rendering)
            name, value = "style", f"text-align:{value}"
        if name == "class":
            value = " ".join(sorted(set(value.split())))
            if not value:
                continue  # reveal.js writes class="" on a fence without a language
        elif name == "style":
            value = ";".join(
                SPACE_RE.sub("", part).lower() for part in value.split(";") if part.strip()
            )
        elif name in URL_ATTRS:
            value = _url(value)
        out[name] = value
    return out


def _url(value: str) -> str:
    """coursekit publishes a file a deck names as `../x.png` at `_up/x.png` beside the page (a
    written deck never reaches outside its folder) and percent-encodes what it rewrites."""
    value = unquote(value.strip())
    while value.startswith("_up/") or "/_up/" in value:
        value = re.sub(r"(^|/)_up/", r"\1../", value, count=1)
    return value


# --- whitespace and printing ----------------------------------------------------------------


def _merge_text(children: list[Node], keep_space: bool) -> list[Node]:
    """Adjacent texts become one (a removed comment or math leaves them apart); whitespace is
    collapsed and trimmed outside `<pre>`, and whitespace-only texts dropped."""
    merged: list[Node] = []
    for child in children:
        if child.tag == "#text" and merged and merged[-1].tag == "#text":
            merged[-1] = Node("#text", text=merged[-1].text + " " * (not keep_space) + child.text)
        else:
            merged.append(child)
    if keep_space:
        return merged
    out = []
    for child in merged:
        if child.tag == "#text":
            text = SPACE_RE.sub(" ", child.text).strip()
            if not text:
                continue
            child = Node("#text", text=text)
        out.append(child)
    return out


def _walk(node: Node):
    yield node
    for child in node.children:
        yield from _walk(child)


def _print(node: Node, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    if node.tag == "#text":
        lines.append(f"{indent}{node.text!r}")
        return
    attrs = "".join(f' {k}="{v}"' for k, v in sorted(node.attrs.items()))
    lines.append(f"{indent}<{node.tag}{attrs}>")
    for child in node.children:
        _print(child, depth + 1, lines)
