"""Files a notebook links beside itself: found, moved with its page, embedded when standalone."""

from __future__ import annotations

import base64

from bs4 import BeautifulSoup

from coursekit.notebooks.local_files import embed_images, relative_urls, rewrite_relative

FRAGMENT = """<div class="ck-notebook">
<p><img alt="Pipeline" src="img/pipeline%20v2.svg"> <a href="data.csv?raw=1#top">data</a></p>
<p><a href="https://scikit-learn.org/">sklearn</a> <a href="#setup">setup</a>
<img src="data:image/png;base64,AAAA" alt=""> <a href="/abs">abs</a></p>
<pre><code>&lt;img src="escaped.png"&gt;</code></pre>
<img src='img/pipeline%20v2.svg' alt="again">
</div>"""


def test_relative_links_are_found_once_and_web_addresses_are_not():
    assert relative_urls(FRAGMENT) == ["img/pipeline%20v2.svg", "data.csv?raw=1#top"]


def test_rewriting_moves_only_relative_links():
    moved = rewrite_relative(FRAGMENT, lambda tag, url: "../" + url)
    soup = BeautifulSoup(moved, "html.parser")
    assert [i["src"] for i in soup.select("img")] == [
        "../img/pipeline%20v2.svg",
        "data:image/png;base64,AAAA",
        "../img/pipeline%20v2.svg",
    ]
    assert [a["href"] for a in soup.select("a")] == [
        "../data.csv?raw=1#top",
        "https://scikit-learn.org/",
        "#setup",
        "/abs",
    ]
    assert '&lt;img src="escaped.png"&gt;' in moved  # code stays as written


def test_standalone_pages_embed_images_and_leave_other_links(tmp_path):
    (tmp_path / "img").mkdir()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    (tmp_path / "img" / "pipeline v2.svg").write_bytes(svg)
    soup = BeautifulSoup(embed_images(FRAGMENT, tmp_path), "html.parser")
    embedded = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    assert soup.select_one("img[alt=Pipeline]")["src"] == embedded
    assert soup.select_one("a")["href"] == "data.csv?raw=1#top"  # a link, not an image
