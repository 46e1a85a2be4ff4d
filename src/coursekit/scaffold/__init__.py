"""A new course for `coursekit init`: its calendar (`term.py`), its files rendered from
`templates/` (`render.py`). Nothing here writes to disk; commands/init.py does.
"""
