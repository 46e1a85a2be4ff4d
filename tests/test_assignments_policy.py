"""The assignments page says what the course says about deadlines (`course.assignments.
policy`), and nothing when the course says nothing: no institution's policy is built in."""

from __future__ import annotations

from bs4 import BeautifulSoup


def _lead(site) -> BeautifulSoup:
    page = (site / "S2026" / "assignments" / "index.html").read_text("utf-8")
    return BeautifulSoup(page, "html.parser").select_one(".ck-lead")


def test_without_a_policy_the_page_states_only_the_schedule(make_course, run, tmp_path):
    course = make_course("minimal")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    lead = _lead(tmp_path / "site")
    assert lead.get_text() == (
        "2 deadlines in Spring 2026, upcoming ones first. Due dates are the schedule's."
    )


def test_the_course_policy_is_shown_as_inline_markdown(make_course, run, tmp_path):
    course = make_course("minimal")
    schedule = course / "schedule.yaml"
    policy = (
        '  assignments: {policy: "Three **late days**, see the '
        '[policy](https://example.org/late) <b>now</b>."}\n'
    )
    text = schedule.read_text("utf-8").replace("  units: 6\n", "  units: 6\n" + policy)
    schedule.write_text(text, "utf-8")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    lead = _lead(tmp_path / "site")
    assert lead.get_text().endswith(
        "Due dates are the schedule's. Three late days, see the policy <b>now</b>."
    )
    assert lead.select_one("strong").get_text() == "late days"
    assert lead.select_one("a")["href"] == "https://example.org/late"
    assert lead.select_one("b") is None  # typed HTML stays text


def test_this_repository_sets_its_late_day_policy():
    from pathlib import Path

    import yaml

    schedule = Path(__file__).parent.parent / "schedule.yaml"
    course = yaml.safe_load(schedule.read_text("utf-8"))["course"]
    assert course["assignments"]["policy"] == "Late days use tokens (see the syllabus)."
