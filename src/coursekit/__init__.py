"""coursekit: a course repository in, a per-semester course website out."""

from coursekit.lazy_imports import defer_iri_syntax

__version__ = "0.1.0"

# nbformat's jsonschema would otherwise spend ~2 s of CPU at import on a check it never runs.
defer_iri_syntax()
