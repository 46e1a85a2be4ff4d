"""Deferred third-party imports (lazy_imports.py): a notebook build no longer pays for
jsonschema's `iri` grammars at import, and an `iri` check still gives jsonschema's answers."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("rfc3987_syntax")


def python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_nbformat_in_coursekit_compiles_no_iri_grammar():
    loaded = python(
        "import sys, coursekit, nbformat, jsonschema; "
        "print('rfc3987_syntax.syntax_helpers' in sys.modules)"
    )
    assert loaded == "False"


def test_iri_checks_answer_as_without_coursekit():
    check = (
        "c = jsonschema.Draft202012Validator.FORMAT_CHECKER; "
        "print([c.conforms(v, f) for v, f in [('http://ex.org/ä', 'iri'), ('no iri', 'iri'), "
        "('a b', 'iri-reference'), ('../x#y', 'iri-reference')]])"
    )
    plain = python("import jsonschema; " + check)
    assert plain == "[True, False, False, True]"
    assert python("import coursekit, jsonschema; " + check) == plain


def test_the_module_itself_still_loads_whole():
    code = (
        "import coursekit, rfc3987_syntax as r, sys; "
        "print(r.is_valid_syntax_iri('http://x'), r.is_valid_syntax('iri', 'no iri'), "
        "getattr(sys.modules['rfc3987_syntax'], '__file__', None) is not None)"
    )
    # Through the stand-in, and the real module in its place afterwards.
    assert python(code) == "True False True"
