"""Which decks the differential tests compare: the repository's, the fixtures here, and the
generated ones (`generate.py`), each with the label reports and known_differences.yaml use.

Called by `tests/test_decks_match_revealjs.py` and `compare.py`.
"""

from __future__ import annotations

from pathlib import Path

from oracle.generate import generate_decks

ORACLE = Path(__file__).parent
REPO = ORACLE.parent.parent
GENERATED_DECKS = 60  # x 20 slides: the ≥ 1,000 generated slides the issue asks for
SEED = 11


def decks_in(folder: Path) -> list[Path]:
    """Every deck under `folder` (READMEs are not decks)."""
    return sorted(
        p
        for p in Path(folder).rglob("*.md")
        if p.name.lower() != "readme.md" and "node_modules" not in p.parts
    )


def repository_decks() -> list[Path]:
    return decks_in(REPO / "lectures") + decks_in(REPO / "tests" / "decks")


def fixture_decks() -> list[Path]:
    return decks_in(ORACLE / "fixtures")


def write_generated(folder: Path, decks: int = GENERATED_DECKS, seed: int = SEED) -> list[Path]:
    """Write the generated corpus into `folder`; labels are `generated/<name>`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate_decks(decks, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def generated_label(path: Path) -> str:
    return f"generated/{path.name}"
