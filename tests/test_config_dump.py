"""The generated mkdocs.yml (`site/config.py` `dump`) reads back as exactly the settings
coursekit wrote, whatever a course's titles hold: libyaml's emitter writes it when present."""

from __future__ import annotations

import yaml

from coursekit.site.config import dump

AWKWARD = [
    "Machine Learning in Production",
    "no",
    "on",
    "1:30",
    "017",
    "",
    " leading and trailing ",
    "colon: inside",
    "# not a comment",
    "- not a list",
    "!tag",
    "&anchor *alias",
    "%directive",
    "'single' and \"double\" quotes",
    "two\nlines\n",
    "tab\there",
    "Übung für Fortgeschrittene — 機械学習 😀",
    "x" * 300,
    "null",
    "~",
    "2027-01-20",
    "{braces}",
    "[brackets]",
]


def test_the_generated_config_reads_back_as_written():
    config = {
        "site_name": AWKWARD[0],
        "copyright": "Course material licensed under <a href='x'>CC BY 4.0</a>",
        "nav": [{title: f"page-{i}.md"} for i, title in enumerate(AWKWARD)],
        "extra": {"values": AWKWARD, "flags": [True, False, None, 3, 2.5]},
        "theme": {"name": "material", "features": ["navigation.tabs", "search.suggest"]},
    }
    text = dump(config)
    assert yaml.safe_load(text) == config
    assert list(yaml.safe_load(text)) == list(config), "keys keep their order"
