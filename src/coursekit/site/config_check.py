"""The course's own `mkdocs.yml` checked before anything is generated: YAML that reads, no
`!!python` tags, and MkDocs' own findings placed at the line of the course's file.

The site engine (`engine.py`) supplies MkDocs' validation as a callback, so this module
never imports MkDocs; `MkDocsEngine.check_config` (build and `coursekit check`) calls it.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Callable, Collection
from pathlib import Path

from coursekit.errors import Problem

CONFIG_FILE = "mkdocs.yml"
CONFIG_DOCS = "https://www.mkdocs.org/user-guide/configuration/"
# Top-level key → the fix MkDocs' message lacks.
CONFIG_FIXES = {
    "theme": "use an installed theme, e.g. `name: material`",
    "plugins": "install the plugin (pip install …) or remove it from the list",
    "markdown_extensions": "install the extension's package, or fix its name or option",
}
# MkDocs' validation of a config file: (logging level, message) for each finding.
Validate = Callable[[Path], list[tuple[int, str]]]


def check_config(
    root: Path, validate: Validate, known_keys: Callable[[], Collection[str]]
) -> tuple[list[Problem], list[Problem]]:
    """The course's own `mkdocs.yml` as MkDocs validates it: (errors, warnings), each at
    `mkdocs.yml:LINE` of the course's file (not a generated one) and without MkDocs' raw
    log lines. `coursekit check` and the build call it before generating anything.
    `known_keys()` names MkDocs' settings (asked only to suggest one for a misspelt key)."""
    import yaml

    from coursekit.schedule.yamlguards import alias_problem, oversized, syntax_problem

    path = root / CONFIG_FILE
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [Problem("is not UTF-8", CONFIG_FILE, line, fix="save the file as UTF-8")], []
    try:
        # Composing resolves no tags: MkDocs' own (!ENV, !relative) are kept as they are.
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        fix = "check brackets, quotes, colons and indentation here"
        return [syntax_problem(error, text, CONFIG_FILE, 0, fix)], []
    if node is None:
        return [], []
    too_big = oversized(node)
    if too_big is not None:
        return [alias_problem(too_big, CONFIG_FILE, 0)], []
    if not isinstance(node, yaml.MappingNode):
        return [Problem("expected `key: value` settings", CONFIG_FILE, 1, fix=CONFIG_DOCS)], []
    tagged = _python_tag(node)
    if tagged is not None:
        # MkDocs would run it; the generated projects are read as plain YAML (generate.py).
        return [
            Problem(
                f"{tagged.tag.replace('tag:yaml.org,2002:', '!!')} runs Python code",
                CONFIG_FILE,
                tagged.start_mark.line + 1,
                tagged.start_mark.column + 1,
                fix="plain YAML only: coursekit does not run !!python tags",
            )
        ], []
    records = validate(path)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for level, message in records:
        problem = _placed(message.replace(f"{path.parent}{os.sep}", ""), node, known_keys)
        (errors if level >= logging.ERROR else warnings).append(problem)
    return errors, warnings


_CONFIG_VALUE = re.compile(r"^Config value '([^']+)': (.*)", re.S)


def _placed(message: str, root, known_keys: Callable[[], Collection[str]]) -> Problem:  # type: ignore[no-untyped-def]
    """MkDocs' "Config value 'KEY': …" as a problem at the most specific line of KEY's value
    that the message names ('abr', 'permalnk'), with one line of text and a fix."""
    import yaml

    match = _CONFIG_VALUE.match(message)
    key, text = (match.group(1), match.group(2)) if match else (None, message)
    lines = [line for line in text.splitlines() if line.strip()]
    # A failed extension carries a traceback: its first and last lines say what happened.
    text = lines[0] if lines else text
    if len(lines) > 1 and not lines[-1].startswith(" "):
        text += " " + lines[-1].strip()
    text = re.sub(r"<class '(\w+)'>", r"\1", text)
    keys = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    line = column = None
    fix = CONFIG_FIXES.get(key or "", CONFIG_DOCS)
    if key in keys:
        key_node, value_node = keys[key]
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        for name in reversed(re.findall(r"['\"]([^'\"]+)['\"]", text)):
            found = _scalar_named(value_node, name)
            if found is not None:
                line, column = found.start_mark.line + 1, found.start_mark.column + 1
                break
    expected = re.search(r"Expected type: (\w+)", text)
    if expected:
        fix = {
            "list": "write a list: one `- item` per line, or [a, b]",
            "bool": "write true or false",
            "dict": "write `key: value` lines indented under it",
        }.get(expected.group(1), fix)
    if "isn't an existing" in text:
        fix = "create it, or fix the path (relative to mkdocs.yml)"
    if key and "Unrecognised configuration name" in text:
        guess = difflib.get_close_matches(key, list(known_keys()), n=1, cutoff=0.6)
        fix = f"did you mean '{guess[0]}'?" if guess else "remove it, or move it under `extra:`"
    return Problem(text, CONFIG_FILE, line or 1, column, path=key, fix=fix)


def _python_tag(node):  # type: ignore[no-untyped-def]
    """The first node tagged `!!python/…`, if any."""
    import yaml

    if node.tag.startswith("tag:yaml.org,2002:python/"):
        return node
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    return next((found for c in children if (found := _python_tag(c)) is not None), None)


def _scalar_named(node, name: str):  # type: ignore[no-untyped-def]
    """The first scalar (key or value) under `node` whose text is `name`."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node if node.value == name else None
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        found = _scalar_named(child, name)
        if found is not None:
            return found
    return None
