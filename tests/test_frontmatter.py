"""Front matter of decks, pages and assignments is read like schedule.yaml: YAML 1.2 values
(`no`, `1:30` and `017` mean what they say) and a key given twice is an error at its line."""

from __future__ import annotations

import pytest

from coursekit.schedule.load import load_course
from coursekit.schedule.yamlsource import front_matter_end, read_front_matter
from coursekit.slides.split import front_matter


@pytest.mark.parametrize(
    ("yaml_text", "value"),
    [
        ("no", "no"),
        ("off", "off"),
        ("1:30", "1:30"),  # YAML 1.1: 90
        ("10:30:00", "10:30:00"),  # YAML 1.1: 37800
        ("017", 17),  # YAML 1.1: octal 15
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("-3", -3),
        ("1e3", 1000.0),  # YAML 1.1: text
        ("2.5", 2.5),
        ("true", True),
    ],
)
def test_values_read_as_yaml_1_2(yaml_text, value):
    meta, problems = read_front_matter(f"title: {yaml_text}", "deck.md")
    assert problems == []
    assert meta == {"title": value}
    assert type(meta["title"]) is type(value)


def test_a_duplicate_key_is_an_error_at_the_files_line():
    lines = ["---", "title: Intro", "author: Ada", "title: Again", "---", "# Intro"]
    meta, start, problems = front_matter(lines, "lectures/intro.md")
    assert [str(p) for p in problems] == [
        "lectures/intro.md:4:1: duplicate key 'title' (first given on line 2) "
        "(keep one of them; YAML would silently use the last)"
    ]
    assert start == 5


@pytest.mark.parametrize(
    ("lines", "end"),
    [
        (["---", "a: 1", "---", "x"], 2),
        (["---  ", "a: 1", "...", "x"], 2),
        (["# Title", "---"], None),
        (["---", "a: 1"], None),
    ],
)
def test_front_matter_end(lines, end):
    assert front_matter_end(lines) == end


def test_a_clock_time_in_the_schedule_is_text(make_course):
    course = make_course()
    path = course / "schedule.yaml"
    text = path.read_text("utf-8").replace("notes: in Room 2", "notes: 1:30")
    path.write_text(text, "utf-8")
    sessions = load_course(course).schedule.built()["S2026"].sessions
    assert sessions[-1].notes == "1:30"
