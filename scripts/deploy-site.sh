#!/usr/bin/env bash
# The work of the deploy action (action.yml): each of its steps runs one phase of this script,
# so everything but GitHub's own actions (caches, configure-pages, upload-pages-artifact) is
# tested here (tests/test_deploy_action.py) and can be run by hand before a push:
#
#   scripts/deploy-site.sh prepare|install|chromium|build   (no phase: prepare, chromium, build)
#
# Inputs arrive as environment variables, never pasted into the script:
#   COURSE_DIR             the course folder (default .)
#   COURSEKIT_REQUIREMENT  pip requirement of coursekit (default: the action's own source)
#   PDF, STRICT            true or false (default true)
#   SITE_URL               where the site is served (default: none, mkdocs.yml's site_url)
#   REPOSITORY             repository URL for source links (default: the one the run is in)
# Results go where GitHub reads them: GITHUB_OUTPUT (step outputs), GITHUB_ENV (later steps).
set -euo pipefail

COURSE_DIR="${COURSE_DIR:-.}"
PDF="${PDF:-true}"
STRICT="${STRICT:-true}"
SITE_URL="${SITE_URL:-}"
GITHUB_OUTPUT="${GITHUB_OUTPUT:-/dev/null}"
GITHUB_ENV="${GITHUB_ENV:-/dev/null}"
if [ -z "${REPOSITORY:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
  REPOSITORY="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY"
fi

# An error GitHub shows on the run's summary page as well as in the log.
fail() {
  # Escaped as GitHub asks, so a value in the message cannot start a workflow command.
  local text="${1//'%'/%25}"
  text="${text//$'\r'/%0D}"
  echo "::error title=coursekit deploy::${text//$'\n'/%0A}"
  echo "Error: ${1//$'\n'/ }" >&2
  exit "${2:-1}"
}

flag() {  # flag NAME VALUE: true or false, or a clear error naming the input
  case "$2" in
    true | false) ;;
    *) fail "$1: '$2' is not true or false (set the input to true or false)" ;;
  esac
}

output() { echo "$1=$2" >>"$GITHUB_OUTPUT"; }

COURSE=""  # the course folder as an absolute path, once find_course has run
find_course() {
  [ -f "$COURSE_DIR/schedule.yaml" ] ||
    fail "working-directory: '$COURSE_DIR' holds no schedule.yaml (name the course folder)"
  COURSE="$(cd "$COURSE_DIR" && pwd)"
}

# Cache keys. `.cache/` holds parsed decks, executed notebooks, printed PDFs and the notebooks'
# environment, each entry addressed by what it was made from; a new key (sources changed)
# restores the newest older cache, so only what changed is redone.
phase_prepare() {
  find_course
  flag pdf "$PDF"
  flag strict "$STRICT"
  python - "$COURSE" "${COURSEKIT_REQUIREMENT:-${GITHUB_ACTION_PATH:-}}" >>"$GITHUB_OUTPUT" <<'EOF'
import hashlib, os, sys
from pathlib import Path

course, requirement = Path(sys.argv[1]), sys.argv[2]
# Not sources: what builds write, and git's own files.
SKIP = {".git", ".cache", ".coursekit", "site", "node_modules", "__pycache__"}
python = "py%d.%d" % sys.version_info[:2]
runner = os.environ.get("RUNNER_OS", "local")


def digest(files, root):
    sha = hashlib.sha256()
    for path in files:
        sha.update(path.relative_to(root).as_posix().encode() + b"\0")
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()[:20]


def sources(root):
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP)
        for name in sorted(names):
            yield Path(folder, name)


prefix = f"coursekit-cache-{runner}-{python}-"
print(f"cache-key={prefix}{digest(sources(course), course)}")
print(f"cache-restore-key={prefix}")
print(f"cache-path={course / '.cache'}")
# pip's cache: keyed on what is installed (a source folder by its pyproject.toml).
pin = hashlib.sha256(requirement.encode())
project = Path(requirement, "pyproject.toml") if requirement else None
if project and project.is_file():
    pin.update(project.read_bytes())
print(f"pip-key=coursekit-pip-{runner}-{python}-{pin.hexdigest()[:20]}")
print(f"pip-restore-key=coursekit-pip-{runner}-{python}-")
EOF
  output pip-cache-dir "$(python -m pip cache dir 2>/dev/null || echo "$HOME/.cache/pip")"
}

# coursekit itself, into the Python the action set up (never the course's notebook environment).
phase_install() {
  local requirement="${COURSEKIT_REQUIREMENT:-${GITHUB_ACTION_PATH:-}}"
  [ -n "$requirement" ] ||
    fail "coursekit: no requirement given (e.g. coursekit==0.2.0 or git+https://github.com/OWNER/REPO@TAG)"
  flag pdf "$PDF"
  python -m pip install --disable-pip-version-check "$requirement"
  if [ "$PDF" = true ]; then
    # The installed coursekit satisfies the name, so pip adds only what its [pdf] extra needs.
    python -m pip install --disable-pip-version-check "coursekit[pdf]"
  fi
  coursekit --version
}

# A Chromium for --pdf: the one COURSEKIT_CHROMIUM names, one on PATH (GitHub's Ubuntu runners
# ship Google Chrome), or Playwright's own build, downloaded with its system libraries.
phase_chromium() {
  flag pdf "$PDF"
  [ "$PDF" = true ] || return 0
  local browser="${COURSEKIT_CHROMIUM:-}" name
  if [ -z "$browser" ]; then
    for name in chromium google-chrome google-chrome-stable; do
      browser="$(type -P "$name" || true)"
      [ -n "$browser" ] && break
    done
  fi
  if [ -z "$browser" ]; then
    python -m playwright install --with-deps chromium
    browser="$(python -c 'from playwright.sync_api import sync_playwright
with sync_playwright() as p: print(p.chromium.executable_path)')"
  fi
  [ -x "$browser" ] || fail "pdf: no Chromium at '$browser' (set COURSEKIT_CHROMIUM or pdf: false)"
  echo "Slide PDFs are printed with $browser"
  echo "COURSEKIT_CHROMIUM=$browser" >>"$GITHUB_ENV"
  export COURSEKIT_CHROMIUM="$browser"
}

# The gate: nothing is published unless the strict build and the check of the built site pass.
phase_build() {
  local code=0
  find_course
  flag pdf "$PDF"
  flag strict "$STRICT"
  local args=(build)
  [ "$STRICT" = true ] && args+=(--strict)
  [ "$PDF" = true ] && args+=(--pdf)
  [ -n "$SITE_URL" ] && args+=(--site-url "${SITE_URL%/}/")
  [ -n "${REPOSITORY:-}" ] && args+=(--repository "$REPOSITORY")
  cd "$COURSE"
  echo "coursekit ${args[*]}"
  coursekit "${args[@]}" || code=$?
  [ "$code" = 0 ] || fail "coursekit build failed (exit $code): nothing is published" "$code"
  coursekit check --site site || code=$?
  [ "$code" = 0 ] || fail "the built site has broken links or images: nothing is published" "$code"
  output site-path "$COURSE/site"
}

case "${1:-all}" in
  prepare | install | chromium | build) "phase_$1" ;;
  all) phase_prepare && phase_chromium && phase_build ;;
  *) fail "unknown phase '$1' (use prepare, install, chromium or build)" 2 ;;
esac
