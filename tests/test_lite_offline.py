"""Offline, a first build with browser notebooks cannot fetch Pyodide: the error says so and
names both ways out (the network, or a build without browser notebooks)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from coursekit.errors import BuildError
from coursekit.lite.pyodide import pyodide_core


def test_offline_the_pyodide_fetch_names_the_setting_that_builds_without_it(tmp_path, monkeypatch):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(BuildError) as raised:
        pyodide_core(tmp_path)
    message = str(raised.value)
    assert "could not fetch Pyodide" in message
    assert "check the network" in message
    assert "browser: {enabled: false}" in message
    assert not any(tmp_path.iterdir())  # nothing half-fetched left in the cache
