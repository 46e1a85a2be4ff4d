"""Check a built site before it goes live: every internal link, anchor and image resolves to a
file in the site folder, and (on request) every external link answers. Also finds images
without alt text and lecture images no page uses. Called by `coursekit check --site` and by
the build on its staging folder; each page is parsed once, with the stdlib's html.parser.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursekit import __version__
from coursekit.errors import Problem
from coursekit.site.caches import SessionCache
from coursekit.site.external_links import external_problems
from coursekit.site.pagelinks import IMAGE_SUFFIXES, Tag, _Page, _parse

# The page parser's parts, here too where tests look for them (the file split at 490 lines).
from coursekit.site.pagelinks import LINK_ATTRIBUTES as LINK_ATTRIBUTES
from coursekit.site.pagelinks import _StartTags as _StartTags
from coursekit.site.pagelinks import srcset_urls as srcset_urls

_PARSER_KEY = f"coursekit {__version__} pagelinks".encode()


@dataclass
class SiteScan:
    """Every page of a built site, parsed once, and every file in it."""

    folder: Path
    pages: dict[str, _Page]  # path relative to the folder (posix) → page
    files: set[str]
    dirs: set[str]
    # Where the site says it is served (from its pages' canonical links), e.g.
    # https://o.github.io/repo/; links under it are this site's own files, not external.
    base_url: str | None
    # url → (kind, path, fragment) and site path → (kind, target): links repeat on every
    # page, so each is taken apart and looked up once.
    _urls: dict[str, tuple[str, str, str]] = field(default_factory=dict, init=False, repr=False)
    _paths: dict[str, tuple[str, str]] = field(default_factory=dict, init=False, repr=False)

    def broken_links(self, *, external: bool = False, timeout: float = 5.0) -> list[Problem]:
        """Every link, anchor and image on every page that does not resolve; with `external`,
        also every http(s) link to another site that does not answer with a success. One
        problem per page and target, ordered by page."""
        problems: list[Problem] = []
        outside: dict[str, list[str]] = {}  # external URL → pages linking to it, in order
        for rel in sorted(self.pages):
            page = self.pages[rel]
            folder = posixpath.dirname(rel)
            for url in dict.fromkeys(page.links):
                kind, target, fragment = self._resolve(folder, rel, url)
                if kind == "external":
                    outside.setdefault(url, []).append(rel)
                elif kind in ("missing", "outside"):
                    problems.append(self._broken(rel, url, kind, target))
                elif kind == "file":
                    if url == page.refresh and target == rel:
                        problems.append(
                            Problem(
                                f"redirects to itself ('{url}')",
                                file=rel,
                                fix="that address is this very page of the site; "
                                "forward to where the offering really lives",
                            )
                        )
                    if fragment and not self._has_anchor(target, fragment):
                        problems.append(self._broken_anchor(rel, url, target, fragment))
        if external and outside:
            problems += external_problems(outside, timeout)
            problems.sort(key=lambda problem: problem.file or "")  # stable: page order kept
        return problems

    def images_without_alt(self) -> list[Problem]:
        """Every <img> without an alt attribute (alt="" is fine: a decorative image)."""
        problems = []
        for rel in sorted(self.pages):
            seen: set[str] = set()
            for src, has_alt in self.pages[rel].images:
                if not has_alt and src not in seen:
                    seen.add(src)
                    problems.append(
                        Problem(
                            f"image '{src}' has no alt text",
                            file=rel,
                            fix='describe it: ![what it shows](…) or alt="…"; '
                            'use alt="" only if it is decorative',
                        )
                    )
        return problems

    def unused_images(self, lectures_dir: Path, also_used: Collection[Path] = ()) -> list[Problem]:
        """Images under `lectures_dir` that no page of the site shows or links to, and that
        are not in `also_used` (files of decks held back until their release day).

        Builders may copy and rename images, so an image counts as used when a file that some
        page references has the same bytes. (An image inlined into a page counts as unused.)
        """
        held = {path.resolve() for path in also_used}
        if not lectures_dir.is_dir():
            return []
        used: set[str] = set()
        for rel, page in self.pages.items():
            for url in dict.fromkeys(page.links):
                # Only a URL naming an image file can lead to one: the others (every page's
                # navigation) are not resolved at all.
                if _suffix(url.partition("#")[0].partition("?")[0]) not in IMAGE_SUFFIXES:
                    continue
                kind, target, _ = self.resolve(rel, url)
                if kind == "file" and _suffix(target) in IMAGE_SUFFIXES:
                    used.add(target)
        used_hashes = {_digest(self.folder / target) for target in used}
        problems = []
        for image in sorted(lectures_dir.rglob("*")):
            if (
                image.suffix.lower() in IMAGE_SUFFIXES
                and image.is_file()
                and image.resolve() not in held
                and _digest(image) not in used_hashes
            ):
                problems.append(
                    Problem(
                        "image is not used by any built page",
                        file=image.relative_to(lectures_dir.parent).as_posix(),
                        fix="link it from a deck or page, or delete it",
                    )
                )
        return problems

    def resolve(self, page: str, url: str) -> tuple[str, str, str]:
        """Where `url` on `page` leads: (kind, target, fragment). kind is "file" (target is a
        file of the site), "missing" (target is the file that should exist), "outside"
        (target leaves the site), "external" (another site) or "skip" (mailto:, tel:,
        javascript:, data: and other schemes; `/x` when the site's address is unknown)."""
        return self._resolve(posixpath.dirname(page), page, url)

    def _resolve(self, folder: str, page: str, url: str) -> tuple[str, str, str]:
        split = self._urls.get(url)
        if split is None:
            split = self._urls[url] = self._split(url)
        kind, path, fragment = split
        if kind == "relative":
            joined = f"{folder}/{path}" if folder else path
            path = posixpath.normpath(joined) + ("/" if joined.endswith("/") else "")
        elif kind == "self":
            return "file", page, fragment
        elif kind != "site":
            return split
        found = self._paths.get(path)
        if found is None:
            found = self._paths[path] = self._locate(path)
        return found[0], found[1], fragment

    def _split(self, url: str) -> tuple[str, str, str]:
        """(kind, path, fragment): kind "relative" (path is relative to the page), "site"
        (path is relative to the site folder), "self" (`#anchor`), or a final kind."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        fragment = unquote(parts.fragment)
        path = unquote(parts.path)
        if scheme or parts.netloc:
            if scheme not in ("http", "https", ""):
                return "skip", "", ""
            own = self._own_path(parts.netloc.lower(), path)
            return ("external", url, fragment) if own is None else ("site", own, fragment)
        if path.startswith("/"):
            if not self.base_url:
                # Where `/x` leads depends on where the site is served, which only its
                # site_url says (MkDocs' 404 pages link like this when it is unset).
                return "skip", "", ""
            own = self._own_path(None, path)
            return ("outside", path, fragment) if own is None else ("site", own, fragment)
        return ("relative", path, fragment) if path else ("self", "", fragment)

    def _locate(self, path: str) -> tuple[str, str]:
        """The file a site path names: a folder means its index.html."""
        wants_dir = path.endswith("/") or path == ""
        target = posixpath.normpath(path) if path else "."
        if target == ".." or target.startswith("../"):
            return "outside", target
        if target in self.dirs or target == ".":
            index = "index.html" if target == "." else f"{target}/index.html"
            return ("file" if index in self.files else "missing"), index
        if target in self.files and not wants_dir:
            return "file", target
        return "missing", f"{target}/index.html" if wants_dir else target

    def _own_path(self, host: str | None, path: str) -> str | None:
        """The site-relative path of an absolute URL or path into this site, else None."""
        base = urlsplit(self.base_url or "/")
        if host is not None and (not self.base_url or host != base.netloc.lower()):
            return None
        prefix = base.path if base.path.endswith("/") else base.path + "/"
        if path + "/" == prefix:
            return ""
        if not path.startswith(prefix):
            return None
        return path[len(prefix) :]

    def _broken(self, page: str, url: str, kind: str, target: str) -> Problem:
        if kind == "missing":
            fix = f"the site has no {target}"
            if urlsplit(url).scheme:
                # An absolute link to the site's own address: the deployed site replaces
                # whatever is served there now.
                fix = f"{self.base_url} is this site's own address, and {fix}"
            return Problem(f"broken link to '{url}' (no such file)", file=page, fix=fix)
        if url.startswith("/"):
            served = urlsplit(self.base_url or "/").path or "/"
            fix = f"the site is served from {served}; use a relative link"
        else:
            fix = f"it climbs out of {self.folder.name}/; link to a file inside the site"
        return Problem(f"broken link to '{url}' (outside the site)", file=page, fix=fix)

    def _has_anchor(self, target: str, fragment: str) -> bool:
        page = self.pages.get(target)
        # Only HTML pages have anchors; `#page=3` on a PDF is the viewer's business. `#/3/1`
        # (reveal.js) and `#!/x` are routes a page's script follows, not element ids.
        return (
            page is None
            or fragment in page.ids
            or fragment.lower() == "top"
            or fragment.startswith(("/", "!"))
        )

    def _broken_anchor(self, page: str, url: str, target: str, fragment: str) -> Problem:
        ids = self.pages[target].ids
        close = difflib.get_close_matches(fragment, sorted(ids), n=1)
        fix = (
            f"did you mean '#{close[0]}'?"
            if close
            else "link to a heading that exists, or give the element that id"
        )
        where = "this page" if target == page else target
        return Problem(
            f"broken link to '{url}' (no id '{fragment}' on {where})", file=page, fix=fix
        )


def scan_site(folder: Path, parsed: SessionCache[bytes, _Page] | None = None) -> SiteScan:
    """List every file under `folder` and parse every HTML page once.

    `parsed` (a build session's `Caches.page_links`) keeps what each page held by a digest
    of its bytes: a page unchanged since an earlier scan is not parsed again. Only the
    parse is reused; its links are resolved against this site every time, so a link into
    a page removed since then still fails.
    """
    folder = Path(folder)
    files: set[str] = set()
    dirs: set[str] = set()
    for current, subdirs, names in os.walk(folder):
        rel = Path(current).relative_to(folder).as_posix()
        prefix = "" if rel == "." else rel + "/"
        dirs.update(prefix + d for d in subdirs)
        files.update(prefix + n for n in names)
    memo: dict[str, tuple[Tag, ...]] = {}
    pages = {}
    for rel in sorted(files):
        if rel.endswith((".html", ".htm")) and not _in_app(rel):
            data = (folder / rel).read_bytes()
            pages[rel] = _parsed(data, memo, parsed)
    return SiteScan(folder, pages, files, dirs, _base_url(pages))


def _parsed(
    data: bytes, memo: dict[str, tuple[Tag, ...]], parsed: SessionCache[bytes, _Page] | None
) -> _Page:
    """What the page of bytes `data` holds, from `parsed` when a scan saw the same bytes."""
    if parsed is None:
        return _parse(data.decode("utf-8", errors="replace"), memo)
    # The parser's code is part of what a page gives: the key names coursekit's version.
    key = hashlib.blake2b(data, digest_size=20, key=_PARSER_KEY).digest()
    if key not in parsed:
        parsed[key] = _parse(data.decode("utf-8", errors="replace"), memo)
    return parsed[key]


def _in_app(rel: str) -> bool:
    """A page of the JupyterLite app (`<ID>/lite/…`): its links are the app's, built by
    JupyterLite; links into it are still checked."""
    return "lite" in rel.split("/")[:2]


def _base_url(pages: dict[str, _Page]) -> str | None:
    """The site's own URL, as most pages' canonical links give it (MkDocs writes
    `<link rel="canonical" href="{site_url}{page}">` when site_url is set)."""
    votes: Counter[str] = Counter()
    for rel, page in pages.items():
        if not page.canonical:
            continue
        own = posixpath.dirname(rel) + "/" if rel.endswith("index.html") else rel
        own = own.lstrip("/")
        if page.canonical.endswith(own):
            votes[page.canonical[: len(page.canonical) - len(own)]] += 1
    if not votes:
        return None
    base = votes.most_common(1)[0][0]
    return base if base.startswith(("http://", "https://")) else None


def check_site(folder: Path, *, external: bool = False) -> list[Problem]:
    """Every broken internal link, anchor and image of the built site in `folder` (and, with
    `external`, every external link that does not answer), one problem per page and target."""
    return scan_site(folder).broken_links(external=external)


def images_without_alt(folder: Path) -> list[Problem]:
    """Every <img> in the site without an alt attribute (alt="" is allowed: decorative)."""
    return scan_site(folder).images_without_alt()


def unused_images(lectures_dir: Path, site_folder: Path) -> list[Problem]:
    """Images under `lectures_dir` that no page of the site in `site_folder` references."""
    return scan_site(site_folder).unused_images(lectures_dir)


def _suffix(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
