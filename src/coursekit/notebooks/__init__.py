"""The notebook engine: recitation notebooks → executed, cached, rendered pages.

`build.build_notebooks` is the entry point the course build and `coursekit notebook` call; it
reads (`read.py`), executes (`execute.py`) with a cache (`cache.py`) and renders (`render.py`).
Nothing here knows MkDocs: pages come back as plain data and HTML fragments.
"""
