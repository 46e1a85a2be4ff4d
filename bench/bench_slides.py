"""Benchmark the slides engine: render 50 generated decks of ~60 slides, then print a few to PDF
cold (browser) and warm (hash cache hit). Run: python bench/bench_slides.py [--decks N]
[--slides N] [--pdf-decks N]. Targets: 50 decks render in < 5 s; unchanged decks cost ~0."""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from coursekit.slides import copy_runtime, slide_count, write_deck
from coursekit.slides.batch import parse_decks
from coursekit.slides.pdf import CHROMIUM, PdfJob, print_pdfs

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180">'
    '<rect width="320" height="180" fill="#c5cae9"/></svg>\n'
)


def slide_text(deck: int, n: int) -> str:
    kind = n % 6
    head = f"## Deck {deck} slide {n}\n\n"
    if kind == 0:
        return (
            head
            + "".join(f"* Point {i} about *systems* and **models**\n" for i in range(5))
            + '<!-- .element: class="fragment" -->\n\nNote: Remember to ask the class.\n'
        )
    if kind == 1:
        return (
            head
            + "```python\n"
            + "".join(f"x{i} = model.predict(data[{i}])\n" for i in range(8))
            + "```\n"
        )
    if kind == 2:
        return (
            head
            + "| Metric | Value |\n| --- | --- |\n"
            + "".join(f"| m{i} | 0.{i}5 |\n" for i in range(5))
        )
    if kind == 3:
        return (
            head + "<!-- colstart -->\nLeft text\n\n![A chart](img/chart.svg)\n<!-- col -->\n"
            "Right text with a [link](https://example.org)\n<!-- colend -->\n"
        )
    if kind == 4:
        return (
            head
            + "A paragraph of text that explains a point at some length. " * 4
            + "\n\n<!-- references -->\n\nAuthor. *Paper*. 2020.\n"
        )
    return head + "![Diagram](img/chart.svg) ![Second](img/chart.svg)\n\n<!-- discussion -->\n"


def generate(root: Path, decks: int, slides: int) -> list[Path]:
    paths = []
    for d in range(decks):
        folder = root / f"lecture{d:02d}"
        (folder / "img").mkdir(parents=True)
        (folder / "img" / "chart.svg").write_text(SVG)
        parts = [f"---\ntitle: Lecture {d}\n---\n# Lecture {d}\n"]
        for n in range(1, slides):
            parts.append(("----\n" if n % 4 == 0 else "---\n") + slide_text(d, n))
        path = folder / "deck.md"
        path.write_text("\n".join(parts))
        paths.append(path)
    return paths


def cpu_seconds() -> float:
    """CPU time of this process and its finished workers: unlike wall time, not inflated when
    other work shares the machine."""
    own, workers = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def render(paths: list[Path], out: Path, cache: Path) -> tuple[list, float, float]:
    started, cpu = time.perf_counter(), cpu_seconds()
    decks = []
    for path, deck in zip(paths, parse_decks(paths, cache_dir=cache), strict=True):
        target = out / path.parent.name
        write_deck(deck, target, "../_reveal/")
        decks.append((deck, target / "index.html"))
    copy_runtime(out / "_reveal")
    return decks, time.perf_counter() - started, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decks", type=int, default=50)
    parser.add_argument("--slides", type=int, default=60)
    parser.add_argument("--pdf-decks", type=int, default=6)
    args = parser.parse_args()
    copy_runtime(Path(tempfile.mkdtemp()) / "warmup")  # npm ci / imports outside the timing
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = generate(root / "src", args.decks, args.slides)
        decks, cold, cold_cpu = render(paths, root / "site", root / "decks-cache")
        _, warm, warm_cpu = render(paths, root / "site", root / "decks-cache")
        slides = sum(slide_count(deck) for deck, _ in decks)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rows = [
            ("decks × slides", f"{len(decks)} × {slides // len(decks)} = {slides}"),
            (
                "render, first build",
                f"{cold:.2f} s ({slides / cold:.0f} slides/s, {cold_cpu:.1f} s CPU)",
            ),
            ("render, rebuild (decks unchanged)", f"{warm:.2f} s ({warm_cpu:.2f} s CPU)"),
            (
                "peak RSS",
                f"{rss / 1024:.0f} MiB main (+{(rss - rss_before) / 1024:.0f} while "
                f"rendering), {worker_rss / 1024:.0f} MiB largest worker",
            ),
        ]
        if CHROMIUM.is_file() and args.pdf_decks:
            jobs = [
                PdfJob(deck, html, html.with_suffix(".pdf"))
                for deck, html in decks[: args.pdf_decks]
            ]
            cache = root / "cache"
            started = time.perf_counter()
            print_pdfs(jobs, root / "site", cache_dir=cache)
            pdf_cold = (time.perf_counter() - started) / len(jobs)
            started = time.perf_counter()
            results = print_pdfs(jobs, root / "site", cache_dir=cache)
            pdf_warm = (time.perf_counter() - started) / len(jobs)
            assert all(r.cached for r in results)
            rows += [
                (f"PDF per deck, cold ({len(jobs)} decks, 3 at once)", f"{pdf_cold:.2f} s"),
                ("PDF per deck, warm (hash cache hit)", f"{pdf_warm * 1000:.1f} ms"),
            ]
        else:
            rows.append(("PDF", f"skipped ({CHROMIUM} missing or --pdf-decks 0)"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
