"""Nested aliases in a deck's front matter: the input is made here, not kept in files/
(linters would trip over it).
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
    path = course / "lectures/01_intro/intro.md"
    text = path.read_text()
    path.write_text(text.replace("author: Ada Lovelace\n", "author: Ada Lovelace\n" + BOMB, 1))
