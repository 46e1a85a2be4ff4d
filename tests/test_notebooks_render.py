"""Render fixture notebooks (saved outputs, no kernel) and look at what a reader sees."""

from __future__ import annotations

from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from material.plugins.search.plugin import Parser
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit.notebooks.build import build_notebooks
from coursekit.notebooks.outputs import Limits
from coursekit.notebooks.render import render_notebook

FIXTURES = Path(__file__).parent / "notebooks"


def page(notebooks: Path, name: str, **options):
    build = build_notebooks([notebooks / name], root=notebooks.parent, mode="off", **options)
    return build.pages[0]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_basic_notebook_shows_markdown_code_and_every_output_kind(notebooks):
    basic = page(notebooks, "basic.ipynb")
    assert basic.title == "Basic notebook"
    assert basic.status == "saved"
    html = soup(basic.html)
    assert html.select_one("h1#basic-notebook").get_text() == "Basic notebook¶"
    # Code carries pymdownx.highlight's markup, which Material styles and gives a copy button.
    code = html.select(".ck-code-cell .ck-input > div.highlight > pre > code")
    assert code[0].find_previous_sibling("span") is not None
    assert code[0].select_one("span.nb").get_text() == "print"
    assert html.select_one(".ck-stdout").get_text() == "hello from stdout"
    assert html.select_one(".ck-stderr").get_text() == "careful"
    table = html.select_one(".ck-html table.dataframe")
    assert [th.get_text() for th in table.select("thead th")][1:] == ["feature", "label"]
    images = [img["src"] for img in html.select(".ck-image img")]
    assert [src.split(";")[0] for src in images] == ["data:image/png", "data:image/svg+xml"]
    assert html.select(".ck-result")[-1].get_text() == "42"


def test_outputs_are_left_out_of_materials_search_index(notebooks):
    basic = page(notebooks, "basic.ipynb")
    parser = Parser()
    parser.feed(basic.html)
    parser.close()
    indexed = {"".join(s.title): "".join(s.text) for s in parser.data}
    assert "A plot" in indexed
    assert "plt.subplots" in indexed["A plot"]  # code is searchable
    everything = " ".join(indexed.values())
    assert "print" in everything
    for noise in ("hello from stdout", "careful", "data:image", "42"):
        assert noise not in everything, noise


def test_tags_remove_and_hide_parts_of_cells(notebooks):
    html = soup(page(notebooks, "tagged.ipynb").html)
    text = html.get_text()
    cells = {c["data-cell"]: c for c in html.select(".ck-code-cell")}
    assert 'print("input removed")' not in text
    assert cells["2"].select_one(".ck-stdout").get_text() == "input removed"
    assert cells["3"].select_one(".ck-outputs") is None
    assert 'print("output removed")' in cells["3"].get_text()
    assert "cell removed" not in text
    assert "Removed markdown" not in text
    hidden = cells["5"].select_one("details.ck-hidden-input")
    assert hidden.summary.get_text() == "Show code"
    assert 'print("input hidden")' in hidden.get_text()
    assert cells["5"].select_one(":scope > section .ck-stdout").get_text() == "input hidden"


def test_long_output_is_cut_with_a_visible_note(notebooks):
    html = soup(page(notebooks, "large_output.ipynb").html)
    shown = html.select_one(".ck-stdout pre").get_text().splitlines()
    assert len(shown) == 2000
    assert shown[-1] == "line 1999"
    note = html.select_one(".ck-truncated").get_text()
    assert note.startswith("Output truncated: showing the first 2,000 of 2,500 lines")
    assert "Download the notebook" in note


def test_byte_limit_and_oversized_html_fall_back_to_text():
    big_html = "<table>" + "<tr><td>x</td></tr>" * 100 + "</table>"
    nb = new_notebook(
        cells=[
            new_code_cell(
                "show()",
                outputs=[
                    new_output("stream", name="stdout", text="é" * 3000),
                    new_output(
                        "execute_result",
                        data={"text/html": big_html, "text/plain": "a small table"},
                        execution_count=1,
                    ),
                ],
            )
        ]
    )
    html = soup(render_notebook(nb, limits=Limits(lines=50, bytes=1000)).html)
    assert len(html.select_one(".ck-stdout pre").get_text()) == 500  # 2 bytes per é
    notes = [p.get_text() for p in html.select(".ck-truncated")]
    assert "(1 kB of 6 kB)" in notes[0]
    assert notes[1] == "HTML output of 2 kB not shown; its text form follows."
    assert html.select_one(".ck-result").get_text() == "a small table"
    assert html.select_one("table") is None


def test_errors_stream_redraws_and_ansi_colours():
    nb = new_notebook(
        cells=[
            new_code_cell(
                "work()",
                outputs=[
                    new_output("stream", name="stdout", text="10%\r50%\r"),
                    new_output("stream", name="stdout", text="100%\ndone\n"),
                    new_output(
                        "error",
                        ename="ValueError",
                        evalue="bad",
                        traceback=["\x1b[31mValueError\x1b[39m: bad <x>"],
                    ),
                ],
            )
        ]
    )
    html = soup(render_notebook(nb).html)
    assert html.select_one(".ck-stdout").get_text() == "100%\ndone"
    error = html.select_one(".ck-error code")
    assert error.get_text() == "ValueError: bad <x>"
    assert error.select_one("span.ansi-red-fg").get_text() == "ValueError"


def test_widgets_say_where_they_work_instead_of_their_repr():
    widget = {"model_id": "f00", "version_major": 2, "version_minor": 0}
    nb = new_notebook(
        cells=[
            new_code_cell(
                "IntSlider(3)",
                outputs=[
                    new_output(
                        "display_data",
                        data={
                            "application/vnd.jupyter.widget-view+json": widget,
                            "text/plain": "IntSlider(value=3)",
                        },
                    )
                ],
            )
        ]
    )
    outputs = soup(render_notebook(nb).html).select_one(".ck-outputs")
    assert outputs.get_text(strip=True) == (
        "Interactive widget: open the notebook (Colab, Binder) to use it."
    )


def test_heading_ids_are_unique_across_cells_and_listed():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Lab *one*\n\n## Setup"),
            new_code_cell("x = 1"),
            new_markdown_cell("## Setup\n\nAgain, with $a_i = b_i$ as math."),
            new_code_cell(
                "show()",
                outputs=[new_output("display_data", data={"text/markdown": "### From output"})],
            ),
        ]
    )
    rendered = render_notebook(nb)
    assert rendered.title == "Lab one"
    assert [(h.level, h.id) for h in rendered.headings] == [
        (1, "lab-one"),
        (2, "setup"),
        (2, "setup_1"),
    ]
    assert soup(rendered.html).select_one(".ck-markdown h3").get_text() == "From output¶"
    assert [h["id"] for h in soup(rendered.html).select("h1, h2")] == [
        "lab-one",
        "setup",
        "setup_1",
    ]
    assert soup(rendered.html).select_one("math annotation").get_text() == "a_i = b_i"


def test_tex_becomes_mathml_in_markdown_and_in_latex_outputs():
    nb = new_notebook(
        cells=[
            new_markdown_cell(
                "Precision is $\\frac{TP}{TP + FP}$, and $a < b$:\n\n"
                "$$\\hat r_{ui} = \\mu + b_u$$\n\nBroken: $\\frac{1}{$ stays."
            ),
            new_code_cell(
                "sympy.sqrt(x)",
                outputs=[
                    new_output(
                        "execute_result",
                        data={"text/latex": "$\\displaystyle \\sqrt{x}$", "text/plain": "sqrt(x)"},
                        execution_count=1,
                    )
                ],
            ),
        ]
    )
    page = soup(render_notebook(nb).html)
    formulas = page.select("math")
    assert [m["display"] for m in formulas] == ["inline", "inline", "block", "inline"]
    assert formulas[0].select_one("mfrac") is not None
    assert formulas[1].select_one("annotation").get_text() == "a < b"
    assert formulas[2].find_parent("div")["class"] == ["ck-math"]
    assert page.select_one(".ck-latex msqrt") is not None
    assert page.select_one("span.arithmatex").get_text() == "\\(\\frac{1}{\\)"  # kept as TeX


def test_title_falls_back_to_the_file_name(notebooks):
    (notebooks / "untitled.py").write_text("# %%\nx = 1\n", encoding="utf-8")
    assert page(notebooks, "untitled.py").title == "untitled"


def test_fragment_survives_being_embedded_in_a_site_markdown_page(notebooks):
    fragment = page(notebooks, "basic.ipynb").html
    extensions = ["attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.highlight"]
    converted = markdown.markdown(f"Intro text.\n\n{fragment}\n\nAfter.", extensions=extensions)
    inner = soup(converted)
    assert len(inner.select(".ck-code-cell")) == len(soup(fragment).select(".ck-code-cell"))
    assert inner.select_one("p").get_text() == "Intro text."
    assert inner.select("p")[-1].get_text() == "After."


def test_text_notebooks_render_with_their_hidden_input(notebooks):
    percent = page(notebooks, "percent.py")
    assert percent.title == "Percent notebook"
    assert percent.status == "unexecuted"
    html = soup(percent.html)
    hidden = html.select_one("details.ck-hidden-input")
    assert hidden.summary.get_text() == "Show code"
    assert hidden.select_one("code").get_text() == "sum(values)\n"
    myst = page(notebooks, "myst.md")
    assert myst.title == "MyST notebook"
    assert "squares" in soup(myst.html).select_one(".highlight").get_text()
    assert b'"cells"' in myst.executed_ipynb and b"jupytext" not in myst.executed_ipynb
