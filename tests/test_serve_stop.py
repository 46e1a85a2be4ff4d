"""`coursekit serve` as a user starts and stops it: a port it cannot have is one line before
anything is built, and every way of stopping it (Ctrl+C, `kill`, a closed terminal) removes
its temporary site and exits 0."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

_text = {"capture_output": True, "text": True, "check": True}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(root: Path, port: int, temp: Path, log: Path) -> subprocess.Popen:
    temp.mkdir(exist_ok=True)
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "coursekit.cli", "serve", "--root", str(root)]
            + ["--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(temp)},
        )


def _wait_for_serving(server: subprocess.Popen, log: Path) -> None:
    deadline = time.time() + 120
    while "Serving on" not in log.read_text():
        assert server.poll() is None, log.read_text()
        assert time.time() < deadline, log.read_text()
        time.sleep(0.2)


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_each_stop_signal_removes_the_temporary_site_and_exits_0(make_course, tmp_path, stop):
    course = make_course("minimal")
    temp = tmp_path / "tmp"
    # A preview killed outright (SIGKILL) left its folder: the next one removes it.
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], **_text)
    left = temp / f"coursekit-serve-{gone.stdout.strip()}-abcd1234"
    (left / "site").mkdir(parents=True)
    log = tmp_path / "serve.log"
    server = _start(course, _free_port(), temp, log)
    try:
        _wait_for_serving(server, log)
        mine = list(temp.glob(f"coursekit-serve-{server.pid}-*"))
        assert len(mine) == 1 and (mine[0] / "site" / "S2026" / "index.html").is_file()
        assert not left.exists()
        server.send_signal(getattr(signal, stop))
        # A second signal while it cleans up (Ctrl+C pressed twice) does not cut that short.
        time.sleep(0.05)
        if server.poll() is None:
            server.send_signal(getattr(signal, stop))
        code = server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    output = log.read_text()
    assert code == 0, output
    assert output.rstrip().endswith("Stopped."), output
    assert "Traceback" not in output
    assert list(temp.iterdir()) == [], "the preview's temporary site outlived it"
    assert list((course / ".coursekit" / "build").iterdir()) == []


def test_a_stop_during_the_first_build_is_clean_too(make_course, tmp_path):
    course = make_course("minimal")
    temp, log = tmp_path / "tmp", tmp_path / "serve.log"
    server = _start(course, _free_port(), temp, log)
    try:
        deadline = time.time() + 60
        while not list(temp.glob(f"coursekit-serve-{server.pid}-*")):
            assert server.poll() is None and time.time() < deadline, log.read_text()
            time.sleep(0.02)
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    output = log.read_text()
    assert code == 0 and "Serving on" not in output and "Stopped." in output, output
    assert list(temp.iterdir()) == []


_HOLD = """
import socket, sys, time
family = socket.AF_INET6 if sys.argv[1] == "::1" else socket.AF_INET
holder = socket.socket(family)
holder.bind((sys.argv[1], 0))
holder.listen()
print(holder.getsockname()[1], flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_a_port_another_program_holds_is_one_line_naming_it(make_course, host):
    """A program on [::1] (Node's dev servers listen on `localhost` there) would answer a
    browser opening localhost:PORT instead of the preview: that port is taken too."""
    if host == "::1" and not socket.has_ipv6:
        pytest.skip("this machine has no IPv6")
    course = make_course("minimal")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, host], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(holder.stdout.readline())
        # A process of its own, with a time limit: a preview that wrongly starts never ends.
        result = subprocess.run(
            [sys.executable, "-m", "coursekit.cli", "serve", "--root", str(course)]
            + ["--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Serving on" not in result.stdout, result
    where = f"127.0.0.1:{port}" if host == "127.0.0.1" else f"localhost:{port} (IPv6"
    assert lines[0].startswith(f"Error: {where}"), result
    assert "is in use by python -c" in lines[0] and f"(pid {holder.pid})" in lines[0], result
    assert "pass a free port: --port " in lines[0], result
    assert not (course / "site").exists()


def test_a_port_out_of_range_is_a_usage_error(make_course, run):
    result = run("serve", "--root", make_course("minimal"), "--port", "70000")
    assert result.code == 2, result
    assert "'--port': 70000 is not in the range 0<=x<=65535" in result.err, result
    assert "Traceback" not in result.err
