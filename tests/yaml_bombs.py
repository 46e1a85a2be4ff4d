"""Inputs the bad-input corpus makes at run time rather than keeping in files/ (linters and
editors would trip over them): a "billion laughs" of nested YAML aliases."""

# Each line repeats the one above nine times: 9**9 values once expanded.
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
