"""The one Jinja environment the semester pages, the landing page and the redirect stubs
render with: autoescape on, undefined names an error, gettext (`jinja2.ext.i18n`) in the
page's language, and filters for the contexts that are not HTML (YAML front matter, markdown
text) and for dates.

Called by the page modules in `site/`. HTML is escaped by default; the only markup printed
as it is comes from `inline.py` (rendered schedule markdown) as `Markup`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from coursekit import dates
from coursekit.i18n import template_environment
from coursekit.site.escaping import html_text, markdown_text, yaml_scalar


def _markdown(value: object) -> Markup:
    """A value shown as typed inside markdown (and inside raw HTML there)."""
    return Markup(markdown_text(value))


def _yaml(value: object) -> Markup:
    """A value as one YAML scalar on a front matter line: `: `, `#` or quotes stay text."""
    return Markup(yaml_scalar(value))


def _in_locale(format_date: Callable[[dt.date, str], str]) -> Callable[..., str]:
    """A date filter in the locale the page renders in (`locale` in its context, else
    English)."""

    @jinja2.pass_context
    def filter_(context: jinja2.runtime.Context, value: dt.date) -> str:
        return format_date(value, context.get("locale") or dates.DEFAULT_LOCALE)

    return filter_


@cache
def environment(locale: str = dates.DEFAULT_LOCALE) -> jinja2.Environment:
    """The environment for pages in `locale`: its `{% trans %}` and `_()` read that
    language's catalog (new-style gettext, so placeholders are escaped like any value)."""
    env = template_environment("coursekit.site", locale)
    env.filters.update(
        markdown=_markdown,
        yaml=_yaml,
        html_text=html_text,
        day=_in_locale(dates.day),
        day_with_year=_in_locale(dates.day_with_year),
        month_day=_in_locale(dates.month_day),
        long_date=_in_locale(dates.long_date),
        week_range=_in_locale(dates.week_range),
    )
    return env


def render(template: str, **context: Any) -> str:
    """The template `template` (a file under `site/templates/`) filled with `context`, in
    the language `context["locale"]` names (English without one)."""
    locale = context.get("locale") or dates.DEFAULT_LOCALE
    return environment(locale).get_template(template).render(**context)
