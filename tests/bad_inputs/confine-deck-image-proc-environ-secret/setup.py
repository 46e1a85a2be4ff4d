"""A deck image symlinked to a process environment holding a secret, built with --strict:
made here, as git cannot hold it."""

from pathlib import Path


def setup(course: Path) -> None:
    import os
    import subprocess

    # A process whose environment holds the token; the shell exits at once, so the sleeper
    # is nobody's child to wait for.
    env = {**os.environ, "CONFINE_CASE_TOKEN": "s3cr3t-environ-never-published"}
    started = subprocess.run(
        ["sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!"], env=env, capture_output=True
    )
    pid = started.stdout.decode().strip()
    (course / "lectures/01_intro/diagram.svg").symlink_to(f"/proc/{pid}/environ")
