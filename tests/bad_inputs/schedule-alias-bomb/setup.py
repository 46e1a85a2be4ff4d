"""340 bytes of nested aliases appended to schedule.yaml (a billion laughs): the input is
made here, not kept in files/ (linters would trip over it).
"""

from pathlib import Path

# A "billion laughs": each line repeats the one above nine times.
BOMB = """\
x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
x2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
x3: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
x4: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
x5: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
x6: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
x7: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
x8: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
x9: [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def setup(course: Path) -> None:
    path = course / "schedule.yaml"
    nested = "".join(f"    {line}\n" for line in BOMB.splitlines())
    path.write_text(path.read_text() + "  lol:\n" + nested)
