"""Deck corpora for the slides benches: this repository's lecture decks, copied N times.

`bench_slides_vs_revealmd.py` and `bench_pdf.py` call `repo_decks()`; each copy is a folder
of its own holding the decks with their images and the course's reveal-md.json and CSS.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from functools import cache
from pathlib import Path

LECTURES = Path(__file__).resolve().parent.parent / "lectures"


THEME_FILES = ("reveal-md.json", "reveal.json", "course.css")


def repo_decks(dest: Path, copies: int, *, doubled: bool = False, photos: int = 0) -> list[Path]:
    """Copy `lectures/` `copies` times into `dest/copyNN/`, its theme files (reveal-md.json,
    CSS) once into `dest/`, where reveal-md run in `dest` reads them; return every deck. `doubled`
    repeats each deck's slides once more (the repository's decks have ~45 slides, the real
    course's ~90); `photos` adds that many slides with a 1280×720 photo-like PNG to each
    deck (real decks are heavy with screenshots and photos)."""
    decks = []
    dest.mkdir(parents=True, exist_ok=True)
    for name in THEME_FILES:
        if (LECTURES / name).is_file():
            shutil.copyfile(LECTURES / name, dest / name)
    for n in range(copies):
        folder = dest / f"copy{n:02d}"
        shutil.copytree(LECTURES, folder, ignore=shutil.ignore_patterns(".cache", *THEME_FILES))
        for deck in sorted(folder.rglob("*.md")):
            if doubled or photos:
                _grow(deck, doubled, photos, n)
            decks.append(deck)
    return decks


def _grow(deck: Path, doubled: bool, photos: int, copy: int) -> None:
    text = deck.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    # Each copy differs (a last slide naming it), so no deck is a cache hit for another.
    parts = [body, "\n---\n" + body] if doubled else [body]
    parts.append(f"\n---\n## Copy {copy}\n")
    for i in range(photos):
        name = f"photo{i}.png"
        shutil.copyfile(_photo(i), deck.parent / name)
        parts.append(f"\n---\n## Photo {i}\n\n![A photo of the system]({name})\n")
    deck.write_text(f"---\n{front}---\n" + "".join(parts), encoding="utf-8")


@cache
def _photo(seed: int) -> Path:
    """A PNG that compresses like a photo (noise over a gradient), ~1 MB; made once."""
    from PIL import Image

    path = Path(tempfile.mkdtemp()) / f"photo{seed}.png"
    rng = random.Random(seed)
    image = Image.effect_noise((640, 360), 40).convert("RGB").resize((1280, 720))
    overlay = Image.linear_gradient("L").resize((1280, 720)).convert("RGB")
    tint = Image.new("RGB", (1280, 720), tuple(rng.randrange(256) for _ in range(3)))
    Image.blend(Image.blend(image, overlay, 0.4), tint, 0.3).save(path)
    return path
