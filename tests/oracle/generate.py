"""A seeded grammar of reveal-md decks: the generated corpus of the differential deck tests.

`generate_decks(count, seed)` → `[(file name, deck text)]`, the same for the same arguments,
so a failure names a deck anyone can regenerate (`compare.py --generated`). Slides mix what
the course's real decks use: paragraphs, lists at 2/3/4-space indents (also right under a
paragraph line), HTML wrappers with markdown inside, comments, directives, `.element`/`.slide`
comments, separators, notes, fences with line highlights, tables, images, emphasis, links.
"""

from __future__ import annotations

import random

SLIDES_PER_DECK = 20
WORDS = (
    "model",
    "data",
    "pipeline",
    "accuracy",
    "latency",
    "drift",
    "feature",
    "label",
    "training",
    "serving",
    "monitor",
    "quality",
    "requirement",
    "risk",
    "fairness",
    "safety",
    "user",
    "product",
    "system",
    "component",
    "test",
    "deploy",
    "metric",
    "baseline",
    "threshold",
    "batch",
    "stream",
    "cost",
    "team",
    "process",
    "telemetry",
)
LANGUAGES = ("python", "js", "bash", "", "yaml", "java")
KINDS = (
    "paragraph",
    "list",
    "list-after-paragraph",
    "fence",
    "table",
    "image",
    "wrapper",
    "small",
    "comment",
    "columns",
    "quote",
    "heading",
    "element",
)
CLASSES = ("fragment", "smallish", "smaller", "plain", "stretch", "cornerimg")


class Deck:
    """One deck's grammar, drawing from one seeded `random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, options):
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def words(self, low: int = 2, high: int = 7) -> str:
        return " ".join(self.pick(WORDS) for _ in range(self.rng.randint(low, high)))

    def inline(self) -> str:
        """A line of text with some inline markup."""
        parts = [self.words(1, 4)]
        for _ in range(self.rng.randint(0, 3)):
            kind = self.pick(("em", "strong", "under", "code", "link", "url", "img", "plain"))
            text = self.words(1, 3)
            parts.append(
                {
                    "em": f"*{text}*",
                    "strong": f"**{text}**",
                    "under": f"_{text}_",
                    "code": f"`{text}()`",
                    "link": f"[{text}](https://example.org/{self.pick(WORDS)})",
                    "url": f"https://example.org/{self.pick(WORDS)}",
                    "img": f"![{text}](img/{self.pick(WORDS)}.png)",
                    "plain": self.words(1, 3),
                }[kind]
            )
            parts.append(self.words(0, 3))
        return " ".join(p for p in parts if p)

    def paragraph(self) -> list[str]:
        return [self.inline() for _ in range(self.rng.randint(1, 3))]

    def items(self, depth: int = 0) -> list[str]:
        indent = self.pick((2, 3, 4))
        marker = self.pick(("*", "-", "1."))
        lines = []
        for number in range(self.rng.randint(1, 4)):
            bullet = f"{number + 1}." if marker == "1." else marker
            lines.append(f"{bullet} {self.inline()}")
            if self.chance(0.15):
                lines.append(f'<!-- .element: class="{self.pick(CLASSES)}" -->')
            if depth < 2 and self.chance(0.3):
                pad = " " * (indent if marker != "1." else max(indent, 3))
                lines += [pad + line for line in self.items(depth + 1)]
        return lines

    def block(self, kind: str | None = None) -> list[str]:
        """One block of `kind` (one of KINDS), or of a random kind."""
        kind = kind or self.pick(KINDS)
        if kind == "paragraph":
            return self.paragraph()
        if kind == "list":
            return self.items()
        if kind == "list-after-paragraph":
            return [self.inline(), *self.items()]
        if kind == "fence":
            lang = self.pick(LANGUAGES)
            lines = self.pick(("1-2|3", "1", "2,3", ""))
            highlight = f" [{lines}]" if lang and self.chance(0.4) else ""
            body = [f"{self.pick(WORDS)} = {self.pick(WORDS)}({self.rng.randint(0, 9)})"]
            body += [f"    return {self.pick(WORDS)} < {self.pick(WORDS)}" for _ in range(2)]
            return [f"```{lang}{highlight}", *body, "```"]
        if kind == "table":
            align = self.pick(("---", ":--", ":-:", "--:"))
            count = self.rng.randint(1, 3)
            rows = [f"| {self.words(1, 2)} | {self.inline()} |" for _ in range(count)]
            return [f"| {self.words(1, 2)} | {self.words(1, 2)} |", f"|{align}|---|", *rows]
        if kind == "image":
            image = f"![{self.words(1, 3)}](img/{self.pick(WORDS)}.svg)"
            if self.chance(0.5):
                return [image, f'<!-- .element: class="{self.pick(CLASSES)}" -->']
            return [image]
        if kind == "wrapper":
            inner = self.items() if self.chance(0.5) else self.paragraph()
            return [f'<div class="{self.pick(CLASSES)}">', "", *inner, "", "</div>"]
        if kind == "small":
            return [f"<small>{self.inline()}</small>"]
        if kind == "comment":
            return [f"<!-- {self.pick(('TODO', 'source', 'Idea'))}: {self.words()} -->"]
        if kind == "columns":
            # Blank lines around directives, as the course's decks write them.
            return [
                "<!-- colstart -->",
                "",
                *self.items(),
                "",
                "<!-- col -->",
                "",
                *self.paragraph(),
                "",
                "<!-- colend -->",
            ]
        if kind == "quote":
            return [f"> {self.inline()}", f"> {self.words()}"]
        if kind == "heading":
            return [f"{'#' * self.rng.randint(2, 4)} {self.words(1, 4)}"]
        return [self.inline(), f'<!-- .element: class="{self.pick(CLASSES)}" -->']

    def slide(self) -> list[str]:
        lines: list[str] = []
        if self.chance(0.1):
            lines.append(f'<!-- .slide: class="{self.pick(CLASSES)}" -->')
        if self.chance(0.1):
            image = f"img/{self.pick(WORDS)}.jpg"
            lines.append(f'<!-- .element: class="titleslide" data-background="{image}" -->')
        # No blank line before the title: reveal.js strips a slide's leading indentation when
        # its text starts with two blank lines (getMarkdownFromSlide), mangling indented code;
        # real decks rarely do that, so the grammar does not either.
        lines += [f"## {self.words(1, 5)}", ""]
        for _ in range(self.rng.randint(1, 4)):
            lines += self.block()
            lines.append("")
        if self.chance(0.3):
            lines += [f"Note: {self.inline()}", *(self.items() if self.chance(0.4) else [])]
        return lines

    def deck(self) -> str:
        lines = ["---", f"title: {self.words(1, 3)}", "---", ""] if self.chance(0.5) else []
        for index in range(SLIDES_PER_DECK):
            if index:
                lines += ["", self.pick(("---", "---", "----")), ""]
            lines += self.slide()
        return "\n".join(lines) + "\n"


def generate_decks(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` decks of `SLIDES_PER_DECK` slides, deterministic for `seed`."""
    return [
        (f"deck-{seed}-{index:03d}.md", Deck(random.Random(f"{seed}/{index}")).deck())
        for index in range(count)
    ]


def generate_kind_decks(seed: int, slides: int = 40) -> list[tuple[str, str]]:
    """One deck per block kind (`kind-<kind>.md`), each slide a title and one block of that
    kind: which construct a difference comes from (`compare.py --kinds`)."""
    decks = []
    for kind in KINDS:
        grammar = Deck(random.Random(f"{seed}/{kind}"))
        lines: list[str] = []
        for index in range(slides):
            lines += (["", "---", ""] if index else []) + [f"## {kind} {index}", ""]
            lines += grammar.block(kind)
        decks.append((f"kind-{kind}.md", "\n".join(lines) + "\n"))
    return decks
