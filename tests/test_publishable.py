"""Nothing from outside the course is published: `publishable.refusal` itself, and each place
that copies a course file into a site, a standalone page or a deck folder.

The bad-input corpus (`tests/bad_inputs/confine-*`) covers what a user runs into through
`build` and `check`; here are the function's every kind of refusal, the standalone commands,
and the copy-time guards behind the checks (a file swapped for a symlink after the check).
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from coursekit.errors import BuildError, CourseError
from coursekit.publishable import FIX, read_publishable, refusal

SECRET = "s3cr3t-never-published"


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "course"
    (root / "lectures").mkdir(parents=True)
    (root / "lectures" / "a.svg").write_text("<svg/>")
    (tmp_path / "outside.txt").write_text(SECRET)
    return root


def _symlink(link: Path, target: str | Path) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def _private(folder: str):
    def make(root: Path) -> Path:
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "x.svg").write_text(SECRET)
        return root / folder / "x.svg"

    return make


def _socket(root: Path) -> Path:
    path = root / "lectures" / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


KINDS = {
    "symlink out": (
        lambda r: _symlink(r / "lectures/b.svg", r.parent / "outside.txt"),
        "is outside the course (through a symlink)",
    ),
    "../ out": (lambda r: r / "lectures/../../outside.txt", "is outside the course"),
    "symlinked folder out": (
        lambda r: _symlink(r / "lectures/shared", r.parent) / "outside.txt",
        "is outside the course (through a symlink)",
    ),
    "/proc/self/environ": (
        lambda r: _symlink(r / "lectures/diagram.svg", "/proc/self/environ"),
        "is a system file",
    ),
    "a device": (lambda r: _symlink(r / "lectures/zero.png", "/dev/zero"), "is a system file"),
    "a fifo": (
        lambda r: (os.mkfifo(r / "lectures/p.svg"), r / "lectures/p.svg")[1],
        "is not a regular file",
    ),
    "a socket": (_socket, "is not a regular file"),
    "a folder": (lambda r: r / "lectures", "is not a regular file"),
    ".git": (_private(".git"), "is inside .git/"),
    ".coursekit": (_private(".coursekit"), "is inside .coursekit/"),
    ".cache": (_private(".cache"), "is inside .cache/"),
    "node_modules": (_private("node_modules"), "is inside node_modules/"),
    "the output folder": (_private("site"), "is inside site/ (the output folder)"),
    "a staging folder": (_private(".site.staging-1"), "(the output folder)"),
    "symlink into .git": (
        lambda r: _symlink(r / "lectures/c.svg", _private(".git")(r)),
        "is inside .git/ (through a symlink)",
    ),
    "a dangling symlink": (
        lambda r: _symlink(r / "lectures/gone.svg", r / "nothing"),
        "is a symlink to nothing",
    ),
    "a symlink loop": (
        lambda r: _symlink(r / "lectures/loop.svg", r / "lectures/loop.svg"),
        "cannot be read",
    ),
}


@pytest.mark.parametrize("kind", KINDS)
def test_refusal_names_why_each_kind_of_file_is_not_published(course, kind):
    make, reason = KINDS[kind]
    assert reason in (refusal(make(course), course) or "")


def test_files_of_the_course_are_published(course, monkeypatch):
    assert refusal(course / "lectures" / "a.svg", course) is None
    assert refusal(_symlink(course / "lectures/b.svg", "a.svg"), course) is None
    # A relative root names the same course.
    monkeypatch.chdir(course.parent)
    assert refusal(Path("course/lectures/a.svg"), Path("course")) is None


def test_a_given_output_folder_is_never_a_source(course):
    (course / "public").mkdir()
    (course / "public" / "x.svg").write_text("<svg/>")
    assert refusal(course / "public/x.svg", course, out=course / "public") == (
        "is inside public/ (the output folder)"
    )


def test_without_a_course_only_regular_files_are_published(course):
    assert refusal(course.parent / "outside.txt", None) is None
    link = _symlink(course / "lectures/diagram.svg", "/proc/self/environ")
    assert "is a system file" in refusal(link, None)


def test_read_publishable_reads_a_course_file_and_refuses_at_the_naming_line(course):
    assert read_publishable(course / "lectures/a.svg", course) == b"<svg/>"
    link = _symlink(course / "lectures/b.svg", course.parent / "outside.txt")
    with pytest.raises(BuildError) as error:
        read_publishable(link, course, shown="b.svg", file="lectures/deck.md", line=7)
    assert str(error.value) == (
        f"lectures/deck.md:7: 'b.svg' is outside the course (through a symlink); it is not "
        f"published ({FIX})"
    )
    # Without a naming line, the file is named as the course names it, not its target.
    with pytest.raises(BuildError, match=r"^'lectures/b.svg' is outside") as error:
        read_publishable(link, course)
    assert SECRET not in str(error.value)


def test_copying_deck_assets_refuses_a_system_file_and_writes_nothing(tmp_path):
    from coursekit.slides.assets import copy_assets
    from coursekit.slides.model import Asset

    link = _symlink(tmp_path / "deck" / "diagram.svg", "/proc/self/environ")
    out = tmp_path / "out"
    with pytest.raises(BuildError, match="'diagram.svg' is a system file"):
        copy_assets([Asset("diagram.svg", link, "diagram.svg", 3)], out)
    assert not (out / "diagram.svg").exists()


def test_copying_deck_assets_refuses_a_file_outside_the_given_root(course):
    from coursekit.slides.assets import copy_assets
    from coursekit.slides.model import Asset

    link = _symlink(course / "lectures/b.svg", course.parent / "outside.txt")
    asset = Asset("b.svg", link, "b.svg", 3)
    with pytest.raises(BuildError, match="'b.svg' is outside the course"):
        copy_assets([asset], course.parent / "out", root=course)
    assert copy_assets([asset], course.parent / "out")  # no course: any regular file


def _git_repository(folder: Path) -> Path:
    (folder / ".git").mkdir(parents=True)
    return folder


def test_slides_command_refuses_a_symlink_out_of_the_repository(run, tmp_path):
    repo = _git_repository(tmp_path / "repo")
    deck = repo / "deck.md"
    deck.write_text("# Title\n\n![A diagram](diagram.svg)\n")
    _symlink(repo / "diagram.svg", tmp_path / "secret.svg")
    (tmp_path / "secret.svg").write_text(SECRET)
    out = tmp_path / "out"
    result = run("slides", deck, "--out", out)
    assert result.code == 1, result
    assert "deck.md:3: 'diagram.svg' is outside the course (through a symlink)" in result.err
    assert FIX in result.err and SECRET not in result.out + result.err
    assert not out.exists(), "nothing is written"


def test_notebook_command_refuses_to_embed_a_system_file(run, tmp_path):
    import nbformat

    repo = _git_repository(tmp_path / "repo")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Lab\n\n![A diagram](diagram.svg)")]
    nbformat.write(notebook, repo / "lab.ipynb")
    _symlink(repo / "diagram.svg", "/proc/self/environ")
    out = tmp_path / "out"
    result = run("notebook", repo / "lab.ipynb", "--out", out)
    assert result.code == 1, result
    assert "'diagram.svg' is a system file" in result.err and FIX in result.err
    assert "PATH=/" not in result.out + result.err
    assert not out.exists(), "nothing is written"


def test_embedding_notebook_images_refuses_a_symlink_out_of_the_root(course):
    from coursekit.notebooks.local_files import embed_images

    _symlink(course / "lectures/b.svg", course.parent / "outside.txt")
    html = '<img src="a.svg" alt="a"><img src="b.svg" alt="b">'
    assert "base64" in embed_images('<img src="a.svg" alt="a">', course / "lectures", course)
    with pytest.raises(BuildError, match="'b.svg' is outside the course"):
        embed_images(html, course / "lectures", course)


# The copy-time guards: the checks ran on a clean course, then a file became a symlink (the
# live preview rebuilds while files change). The copy must refuse it on its own.


@pytest.fixture
def swap():
    def swap(path: Path, target: str | Path) -> None:
        path.unlink()
        path.symlink_to(target)

    return swap


def _generate(course, oid: str, tmp_path: Path, materials=None):  # type: ignore[no-untyped-def]
    from coursekit.site.generate import generate_semester

    return generate_semester(
        course, oid, tmp_path / "work", tmp_path / "site" / oid, materials, site_url=None
    )


def test_a_course_page_swapped_for_a_symlink_is_refused_when_copied(make_course, swap, tmp_path):
    from coursekit.schedule.load import load_course

    root = make_course("minimal")
    course = load_course(root)
    swap(root / "docs" / "syllabus.md", "/proc/self/environ")
    with pytest.raises(BuildError, match="'docs/syllabus.md' is a system file"):
        _generate(course, "S2026", tmp_path)


def test_a_linked_file_swapped_for_a_symlink_is_refused_when_copied(make_course, swap, tmp_path):
    from coursekit.schedule.load import load_course

    root = make_course("minimal")
    text = (root / "schedule.yaml").read_text()
    (root / "handout.pdf").write_text("%PDF")
    link = "pdf: https://example.org/intro.pdf"
    (root / "schedule.yaml").write_text(text.replace(link, "pdf: handout.pdf"))
    course = load_course(root)
    swap(root / "handout.pdf", tmp_path / "elsewhere.pdf")
    (tmp_path / "elsewhere.pdf").write_text(SECRET)
    with pytest.raises(BuildError, match="'handout.pdf' is outside the course"):
        _generate(course, "S2026", tmp_path)
    written = [*(tmp_path / "work").rglob("*"), *(tmp_path / "site").rglob("*")]
    assert not any(SECRET in p.read_text() for p in written if p.is_file())


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The materials course with its deck parsed and notebook built, once."""
    from coursekit.schedule.load import load_course
    from coursekit.site.materials import prepare_materials

    root = tmp_path_factory.mktemp("prepared") / "materials"
    shutil.copytree(Path(__file__).parent / "courses" / "materials", root)
    course = load_course(root)
    return root, course, prepare_materials(course, ["S2026"])


@pytest.fixture
def materials_course(prepared, tmp_path):
    """A fresh copy of the prepared course whose materials point into the copy."""
    import dataclasses

    from coursekit.schedule.load import load_course
    from coursekit.site.materials import Materials
    from coursekit.slides import parse_deck

    root = tmp_path / "materials"
    shutil.copytree(prepared[0], root)
    course = load_course(root)
    page = next(iter(prepared[2].notebooks.values()))
    deck = parse_deck(root / "lectures/01_intro/intro.md", root=root)
    materials = Materials(
        decks={"lectures/01_intro/intro.md": deck},
        notebooks={
            "recitations/arrays.py": dataclasses.replace(
                page, source_path=root / "recitations/arrays.py"
            )
        },
    )
    return root, course, materials


def test_a_notebook_image_swapped_for_a_symlink_is_refused_when_copied(
    materials_course, swap, tmp_path
):
    root, course, materials = materials_course
    swap(root / "recitations/img/sum.svg", "/proc/self/environ")
    with pytest.raises(BuildError, match="'recitations/img/sum.svg' is a system file"):
        _generate(course, "S2026", tmp_path, materials)


def test_a_deck_image_swapped_for_a_symlink_is_refused_when_written(
    materials_course, swap, tmp_path
):
    from coursekit.site.materials import write_decks

    root, course, materials = materials_course
    (tmp_path / "elsewhere.svg").write_text(SECRET)
    swap(root / "lectures/01_intro/system.svg", tmp_path / "elsewhere.svg")
    site = tmp_path / "site"
    with pytest.raises(CourseError, match=r"intro.md:23: 'system.svg' is outside the course"):
        write_decks(materials, ["lectures/01_intro/intro.md"], site, root)
    assert not any(SECRET in p.read_text() for p in site.rglob("*.svg"))


def test_a_deck_swapped_for_a_symlink_is_refused_when_its_source_is_copied(
    materials_course, swap, tmp_path
):
    from coursekit.site.materials import write_decks

    root, course, materials = materials_course
    (tmp_path / "elsewhere.md").write_text(SECRET)
    swap(root / "lectures/01_intro/intro.md", tmp_path / "elsewhere.md")
    site = tmp_path / "site"
    with pytest.raises(BuildError, match="'lectures/01_intro/intro.md' is outside the course"):
        write_decks(materials, ["lectures/01_intro/intro.md"], site, root)
    assert not any(SECRET in p.read_text() for p in site.rglob("*.md"))


def test_preparing_materials_refuses_a_deck_image_from_outside_before_anything_runs(
    make_course, tmp_path
):
    from coursekit.schedule.load import load_course
    from coursekit.site.materials import prepare_materials

    root = make_course("materials")
    (tmp_path / "elsewhere.svg").write_text(SECRET)
    image = root / "lectures/01_intro/system.svg"
    image.unlink()
    image.symlink_to(tmp_path / "elsewhere.svg")
    course = load_course(root)
    with pytest.raises(BuildError) as error:
        prepare_materials(course, ["S2026"])
    assert "lectures/01_intro/intro.md:23: 'system.svg' is outside the course" in str(error.value)


def test_notebook_command_refuses_an_image_from_outside_the_repository(run, tmp_path):
    import nbformat

    repo = _git_repository(tmp_path / "repo")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Lab\n\n![A diagram](diagram.svg)")]
    nbformat.write(notebook, repo / "lab.ipynb")
    (tmp_path / "secret.svg").write_text(f"<svg>{SECRET}</svg>")
    _symlink(repo / "diagram.svg", tmp_path / "secret.svg")
    out = tmp_path / "out"
    result = run("notebook", repo / "lab.ipynb", "--out", out)
    assert result.code == 1, result
    assert "'diagram.svg' is outside the course (through a symlink)" in result.err
    assert not out.exists(), "nothing is written"


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no writable /dev/shm here")
def test_a_course_kept_in_dev_shm_is_still_a_course():
    import tempfile

    with tempfile.TemporaryDirectory(dir="/dev/shm") as folder:
        root = Path(folder)
        (root / "a.svg").write_text("<svg/>")
        assert refusal(root / "a.svg", root) is None
        link = _symlink(root / "b.svg", "/proc/self/environ")
        assert "is a system file" in refusal(link, root)


def test_a_description_swapped_for_a_symlink_is_refused_when_embedded(make_course, swap, tmp_path):
    from coursekit.schedule.load import load_course

    root = make_course("minimal")
    course = load_course(root)
    swap(root / "docs" / "description.md", "/proc/self/environ")
    with pytest.raises(BuildError, match="'docs/description.md' is a system file"):
        _generate(course, "S2026", tmp_path)


def test_writing_a_deck_judges_its_files_by_the_course_root_before_the_page(course, tmp_path):
    from coursekit.slides import parse_deck, write_deck

    deck_file = course / "lectures" / "deck.md"
    deck_file.write_text("# Title\n\n![A diagram](b.svg)\n")
    _symlink(course / "lectures/b.svg", course.parent / "outside.txt")
    deck = parse_deck(deck_file, root=course)
    out = tmp_path / "written"
    with pytest.raises(BuildError, match=r"lectures/deck.md:3: 'b.svg' is outside the course"):
        write_deck(deck, out, "_r/", root=course)
    assert not out.exists(), "no page and no file is written"


def _built_into_public(run, root: Path) -> Path:
    public = root / "public"
    result = run("build", "--root", root, "--out", public)
    assert result.code == 0, result
    return public


def test_a_deck_image_from_a_custom_output_folder_inside_the_course_is_refused(run, make_course):
    root = make_course("materials")
    public = _built_into_public(run, root)
    image = root / "lectures/01_intro/system.svg"
    published = public / "S2026/slides/01_intro/intro/system.svg"
    assert published.is_file()
    before = published.read_bytes()
    image.unlink()
    image.symlink_to(published)
    result = run("build", "--root", root, "--out", public)
    assert result.code == 1, result
    assert (
        "lectures/01_intro/intro.md:23: 'system.svg' is inside public/ "
        "(the output folder) (through a symlink); it is not published" in result.err
    )
    assert FIX in result.err and "Traceback" not in result.err
    assert published.read_bytes() == before, "the previous site is kept"


def test_a_schedule_link_into_a_custom_output_folder_inside_the_course_is_refused(run, make_course):
    root = make_course("minimal")
    public = _built_into_public(run, root)
    text = (root / "schedule.yaml").read_text()
    link = "pdf: https://example.org/intro.pdf"
    assert link in text
    (root / "schedule.yaml").write_text(text.replace(link, "pdf: public/S2026/index.html"))
    line = text[: text.index(link)].count("\n") + 1
    result = run("build", "--root", root, "--out", public)
    assert result.code == 1, result
    assert (
        f"schedule.yaml:{line}:" in result.err
        and "'public/S2026/index.html' is inside public/ (the output folder); it is not published"
        in result.err
    ), result.err
    assert FIX in result.err and "Traceback" not in result.err
