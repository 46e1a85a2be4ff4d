"""Notebooks that run in the student's browser: a JupyterLite site per offering.

`pyodide.py` fetches the Pyodide release the pinned kernel expects (and, for a local copy,
the pure-Python wheels it loads) from npm and PyPI; `imports.py` tells which notebooks
Pyodide can run; `site.py` builds the JupyterLite site, cached by its inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "pyodide": ["pyodide_core"],
    "site": [
        "LITE_DIR",
        "browser_notebook",
        "cached_lite_site",
        "lite_site",
        "missing_in_browser",
        "user_cache",
    ],
}
__all__ = [
    "LITE_DIR",
    "browser_notebook",
    "cached_lite_site",
    "lite_site",
    "missing_in_browser",
    "pyodide_core",
    "user_cache",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.lite.pyodide import pyodide_core
    from coursekit.lite.site import (
        LITE_DIR,
        browser_notebook,
        cached_lite_site,
        lite_site,
        missing_in_browser,
        user_cache,
    )
