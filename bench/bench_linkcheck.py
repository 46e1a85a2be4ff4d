"""How long the site checks take on a large site: `check_site` and `images_without_alt` on a
synthetic course of `--pages` Material pages (default 300, over 4 semesters).

The site is built with MkDocs and Material from this repository's mkdocs.yml, so its pages
have the real header, navigation and footer; each page has its own prose, headings, links
(with anchors) to other pages, and images. Building takes a while; `--keep DIR` keeps the
site there and reuses it next time. `--site DIR` times an existing site instead. Usage:

    python bench/bench_linkcheck.py [--pages 300] [--semesters 4] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml
from measure import timed

from coursekit.site.engine import MkDocsEngine
from coursekit.site.generate import base_config, theme_dir
from coursekit.site.linkcheck import check_site, scan_site

REPO = Path(__file__).parent.parent
SECTIONS = ("lectures", "assignments", "recitations", "readings")
# Words for the synthetic prose; any would do, these read like the course.
VOCABULARY = """
model data quality production system deploy monitor feature pipeline label drift fairness
safety security requirement goal architecture test inference latency scale accuracy metric
team process explain transparency provenance version experiment user feedback risk mistake
harm audit document contract interface service batch stream train evaluate baseline slice
"""
WORDS = VOCABULARY.split()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8"/></svg>'


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def page_markdown(rng: random.Random, index: int, slugs: list[str], headings: int) -> str:
    lines = [f"# {sentence(rng, 4)[:-1]} {index}", "", sentence(rng, 30), ""]
    for h in range(headings):
        other = rng.choice(slugs)
        lines += [
            f"## Part {h}: {rng.choice(WORDS)} {{ #part-{h} }}",
            "",
            f"{sentence(rng, 25)} See [{rng.choice(WORDS)}](../{other}.md#part-{h % 3}) "
            f"and [the reading](https://example.org/{index}/{h}). "
            f"{sentence(rng, 20)}",
            "",
            f"![{rng.choice(WORDS)} diagram](img{h % 4}.svg)",
            "",
            "| step | what | why |",
            "| --- | --- | --- |",
            *(f"| {r} | {sentence(rng, 4)} | {sentence(rng, 6)} |" for r in range(4)),
            "",
            "```python",
            *(f"{rng.choice(WORDS)}_{r} = {rng.choice(WORDS)}({r})" for r in range(5)),
            "```",
            "",
            f"- {sentence(rng, 8)}\n- {sentence(rng, 8)}\n- [next](#part-{(h + 1) % headings})",
            "",
        ]
    return "\n".join(lines)


def build_site(out: Path, pages: int, semesters: int) -> None:
    """Write and build `semesters` MkDocs projects with `pages` pages in all into out/site."""
    rng = random.Random(17445)
    per = max(1, pages // semesters)
    base = base_config(REPO)
    for s in range(semesters):
        oid = f"S{2030 + s}"
        docs = out / "work" / oid / "docs"
        slugs = [f"{SECTIONS[i % len(SECTIONS)]}/p{i:03d}" for i in range(per - 1)]
        nav: dict[str, list[dict[str, str]]] = {name.title(): [] for name in SECTIONS}
        for i, slug in enumerate(slugs):
            path = docs / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_markdown(rng, i, slugs, headings=3), "utf-8")
            nav[slug.split("/")[0].title()].append(
                {f"{rng.choice(WORDS).title()} {i}": slug + ".md"}
            )
        for section in SECTIONS:
            for k in range(4):
                (docs / section / f"img{k}.svg").write_text(SVG, "utf-8")
        (docs / "index.md").write_text(f"# {oid}\n\n{sentence(rng, 40)}\n", "utf-8")
        theme = dict(base.get("theme") or {"name": "material"})
        theme["custom_dir"] = str(theme_dir() / "overrides")
        config = dict(
            base,
            site_name=f"Synthetic course · {oid}",
            site_url=f"https://example.github.io/course/{oid}/",
            docs_dir=str(docs),
            site_dir=str(out / "site" / oid),
            nav=[{"Home": "index.md"}, *({k: v} for k, v in nav.items())],
            theme=theme,
            # What coursekit's theme overrides read (site/config.py writes it for a course).
            extra={
                "version": {"provider": "mike", "default": oid},
                "coursekit": {
                    "offering": oid,
                    "title": oid,
                    "archived": "You are viewing an archived offering of this course.",
                    "go_current": "Go to the current offering.",
                    "short_title": None,
                },
            },
        )
        config_file = out / "work" / oid / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
        MkDocsEngine().build(config_file)
    (out / "site" / "index.html").write_text(
        "<!doctype html><html lang='en'><title>Course</title>"
        + "".join(f"<a href='S{2030 + s}/'>S{2030 + s}</a>" for s in range(semesters))
        + "</html>",
        "utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--semesters", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the site here and reuse it")
    parser.add_argument("--site", type=Path, help="time this built site instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            out = args.keep or Path(scratch)
            site = out / "site"
            if not (site / "index.html").exists():
                started = time.perf_counter()
                build_site(out, args.pages, args.semesters)
                print(f"built the synthetic site in {time.perf_counter() - started:.1f} s")
        htmls = list(site.rglob("*.html"))
        megabytes = sum(p.stat().st_size for p in htmls) / 1e6
        scan = scan_site(site)
        problems = scan.broken_links()
        print(f"site: {site} — {len(htmls)} HTML pages, {megabytes:.1f} MB of HTML")
        print(f"  problems found: {len(problems)} broken links")
        check = timed(lambda: check_site(site), args.runs)
        scanning = timed(lambda: scan_site(site), args.runs)
        alt = timed(scan.images_without_alt, args.runs)
    print("  median of", args.runs, "runs:        wall      CPU")
    for name, (wall, cpu) in (
        ("check_site (parse + resolve)", check),
        ("  of which parsing (scan)   ", scanning),
        ("images_without_alt (parsed) ", alt),
    ):
        print(f"  {name} {wall * 1000:7.0f} ms {cpu * 1000:7.0f} ms")
    print(f"  per page                     {check[0] / len(htmls) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
