"""PDFs of many decks: print 24 decks of ~90 slides cold (one browser, a pool of pages), then
again unchanged (hash cache). Decks are this repository's, doubled, with photo slides.

    python bench/bench_pdf.py [--decks 24] [--photos 4] [--parallel N] [--runs 1]

Target (issue 11): 24 decks of ~90 slides in ≤ 40 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from corpus import repo_decks

from coursekit.slides import copy_runtime, parse_decks, slide_count, write_deck
from coursekit.slides.pdf import CHROMIUM, PARALLEL, PdfJob, print_pdfs
from coursekit.slides.themes import apply_themes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decks", type=int, default=24)
    parser.add_argument("--photos", type=int, default=4)
    parser.add_argument("--parallel", type=int, default=PARALLEL)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        raise SystemExit(f"{CHROMIUM} missing: the PDF bench needs Chromium")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copies = -(-args.decks // 8)  # the repository has 8 decks
        paths = repo_decks(root / "src", copies, doubled=True, photos=args.photos)[: args.decks]
        site = root / "site"
        jobs = []
        decks = apply_themes(parse_decks(paths), top=root / "src")
        for path, deck in zip(paths, decks, strict=True):
            out = site / path.relative_to(root / "src").with_suffix("")
            write_deck(deck, out, _runtime(out, site))
            jobs.append(PdfJob(deck, out / "index.html", out / f"{path.stem}.pdf"))
        copy_runtime(site / "_reveal")
        slides = sum(slide_count(job.deck) for job in jobs)
        cold, warm = [], []
        for run in range(args.runs):
            cache = root / f"pdf-cache{run}"
            started = time.perf_counter()
            print_pdfs(jobs, site, cache_dir=cache, parallel=args.parallel)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            results = print_pdfs(jobs, site, cache_dir=cache, parallel=args.parallel)
            warm.append(time.perf_counter() - started)
            assert all(r.cached for r in results)
        size = sum(job.pdf.stat().st_size for job in jobs) / 2**20
    rows = [
        (
            "decks × slides",
            f"{len(jobs)} × {slides / len(jobs):.0f} = {slides} ({size:.0f} MiB PDF)",
        ),
        (
            f"PDFs cold ({args.parallel} pages at once), median of {args.runs}",
            f"{statistics.median(cold):.1f} s ({slides / statistics.median(cold):.0f} slides/s)",
        ),
        ("PDFs unchanged (hash cache)", f"{statistics.median(warm):.2f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def _runtime(out: Path, site: Path) -> str:
    import os

    return os.path.relpath(site / "_reveal", out).replace(os.sep, "/") + "/"


if __name__ == "__main__":
    main()
