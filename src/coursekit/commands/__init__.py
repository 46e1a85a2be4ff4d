"""`coursekit`'s subcommands, one module each, which `cli.py` loads by name when its
command runs. Each module's command function has the module's name (with `-` for `_` on the
command line); shared options live in `_options.py`.
"""

__all__ = [
    "build",
    "check",
    "export_notebooks",
    "import_schedule",
    "init",
    "new_semester",
    "notebook",
    "schema",
    "serve",
    "slides",
]
