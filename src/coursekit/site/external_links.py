"""External links of a built site: each URL asked once, in parallel, whether it answers.

Called by `linkcheck.py` for `coursekit check --site --external`.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

from coursekit.errors import Problem

# Some sites answer 403 to clients that do not look like a browser at all.
USER_AGENT = "Mozilla/5.0 (compatible; coursekit-linkcheck)"


def external_problems(
    links: dict[str, list[str]], timeout: float, workers: int = 16
) -> list[Problem]:
    """Ask each external URL once, in parallel; report it on every page that links to it."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = dict(zip(links, pool.map(lambda u: _ask(u, timeout), links), strict=True))
    problems = []
    for url, pages in links.items():
        if answers[url] is None:
            continue
        for page in pages:
            problems.append(
                Problem(
                    f"broken link to '{url}' ({answers[url]})",
                    file=page,
                    fix="update or remove the link",
                )
            )
    return sorted(problems, key=lambda p: (p.file or "", p.message))


def _ask(url: str, timeout: float) -> str | None:
    """None if `url` answers with a success; else what went wrong ("HTTP 404", …).

    HEAD first (cheap); some servers refuse or mishandle HEAD, so any failure is retried
    with GET, whose answer counts."""
    address = quote(url.split("#", 1)[0], safe=":/?&=%@+,;~!$'()*[]")
    reason = "no answer"
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(address, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            error.close()
            reason = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            cause = getattr(error, "reason", error)
            reason = f"no answer: {cause}"
    return reason
