"""Package boundaries: each package's `__init__.__all__` is its public API, what another
package imports from it is in that API, and nothing crosses a package line by a private
(`_`) name. Read from the source, so a new import is checked the day it is written."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import coursekit
from coursekit.cli import COMMANDS

SRC = Path(coursekit.__file__).parent
PACKAGES = ["schedule", "slides", "notebooks", "site", "authoring", "commands", "lite", "history"]


def _package_of(module: str) -> str:
    """`coursekit.site.build` → `site`; a top-level module (`coursekit.errors`) is its own."""
    return module.split(".")[1] if module.count(".") else ""


def _imports() -> list[tuple[str, int, str, str]]:
    """(file, line, module imported from, name) for every `from coursekit… import name`."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coursekit."):
                for alias in node.names:
                    found.append((str(path.relative_to(SRC)), node.lineno, node.module, alias.name))
    return found


def _importer_package(file: str) -> str:
    parts = Path(file).parts
    return parts[0] if len(parts) > 1 else Path(file).stem


def _submodules(package: str) -> set[str]:
    return {info.name for info in pkgutil.iter_modules([str(SRC / package)])}


def _crossing() -> list[tuple[str, int, str, str]]:
    """The imports of a name from one of PACKAGES by a module outside it."""
    return [
        (file, line, module, name)
        for file, line, module, name in _imports()
        if _package_of(module) in PACKAGES and _importer_package(file) != _package_of(module)
    ]


def test_nothing_private_crosses_a_package_line():
    private = [
        f"{file}:{line}: from {module} import {name}"
        for file, line, module, name in _crossing()
        if name.startswith("_") or any(part.startswith("_") for part in module.split("."))
    ]
    assert private == [], "use (or add) a public name in the package's __all__"


def test_what_other_packages_import_is_in_the_public_api():
    missing = []
    for file, line, module, name in _crossing():
        package = _package_of(module)
        api = importlib.import_module(f"coursekit.{package}").__all__
        if module == f"coursekit.{package}" and name in _submodules(package):
            continue  # `from coursekit.site import engine`: a public module
        if name not in api:
            missing.append(f"{file}:{line}: {name} (from {module})")
    assert missing == [], "add these to the __all__ of the package they come from"


@pytest.mark.parametrize("package", [p for p in PACKAGES if p != "commands"])
def test_each_public_name_resolves_and_is_typed_where_it_lives(package):
    """`__all__`, the runtime table (`API`) and the `TYPE_CHECKING` imports type checkers
    read name the same things, and no public name hides a module of the package."""
    init = SRC / package / "__init__.py"
    module = importlib.import_module(f"coursekit.{package}")
    typed = {}
    for node in ast.walk(ast.parse(init.read_text("utf-8"))):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imported in node.body:
                assert isinstance(imported, ast.ImportFrom), ast.dump(imported)
                typed |= {alias.name: imported.module for alias in imported.names}
    runtime = {
        name: f"coursekit.{package}.{home}" for home, names in module.API.items() for name in names
    }
    assert typed == runtime
    assert sorted(typed) == sorted(module.__all__)
    for name in module.__all__:
        value = getattr(module, name)
        assert value is getattr(importlib.import_module(runtime[name]), name), name
    assert set(module.__all__).isdisjoint(_submodules(package))
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        module.no_such_name  # noqa: B018


def test_commands_api_is_the_cli_command_table():
    modules = {target.split(":")[0].rsplit(".", 1)[1] for target in COMMANDS.values()}
    assert sorted(modules) == importlib.import_module("coursekit.commands").__all__
