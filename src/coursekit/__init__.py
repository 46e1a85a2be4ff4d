"""coursekit: a course repository in, a per-semester course website out."""

__version__ = "0.1.0"
