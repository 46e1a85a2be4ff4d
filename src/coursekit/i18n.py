"""The words coursekit writes, in the course's language: gettext catalogs compiled from the
`.po` sources under `coursekit/locale/<lang>/LC_MESSAGES/coursekit.po`.

Called by the page modules in `site/`, the handout, the notebook buttons and the calendar;
`language_of` reads `theme.language` from the course's mkdocs.yml (the language Material shows
its own interface in). A language without a catalog gets English words and its own dates.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from io import BytesIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

from coursekit.errors import BuildError, Problem

DOMAIN = "coursekit"
DEFAULT_LANGUAGE = "en"


def N_(message: str) -> str:
    """Marks a table's string for `pybabel extract`; it is translated where it is shown."""
    return message


def locale_name(language: str) -> str:
    """Material's `theme.language` (`de`, `pt-BR`, `zh-Hant`) → Babel's locale (`pt_BR`)."""
    # Material's `sh` (Serbo-Croatian) is CLDR's Serbian in Latin script.
    language = {"sh": "sr_Latn"}.get(language, language)
    # Babel is imported where it is used: the schedule model imports `N_` on every command.
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise BuildError(
            Problem(
                f"unknown language '{language}'",
                file="mkdocs.yml",
                path="theme.language",
                fix="use a language code Material knows, e.g. en, de, fr, pt-BR",
            )
        ) from None


def language_of(config: dict[str, Any]) -> str:
    """The locale a course's pages are written in: its mkdocs.yml's `theme.language`."""
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return locale_name(str(language)) if language else DEFAULT_LANGUAGE


@lru_cache(maxsize=8)
def translations(locale: str) -> gettext.NullTranslations:
    """The catalog for `locale` (`de_AT` falls back to `de`), compiled from its `.po` on first
    use: the `.po` is the only file kept, so a checkout, an editable install and a wheel all
    read the same source, and compiling it takes milliseconds once per process."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    folder = resources.files("coursekit") / "locale"
    for name in (locale, locale.split("_")[0]):
        po = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            with po.open("rb") as source:
                catalog = read_po(source, locale=name, domain=DOMAIN)
            compiled = BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            return Translations(compiled, domain=DOMAIN)
    return gettext.NullTranslations()


def gettext_for(locale: str) -> Callable[[str], str]:
    """`_` for one locale: `_("Schedule")`."""
    return translations(locale).gettext


def ngettext_for(locale: str) -> Callable[[str, str, int], str]:
    """`ngettext` for one locale: `ngettext("%(num)s unit", "%(num)s units", n)`."""
    return translations(locale).ngettext


def template_environment(package: str, locale: str) -> jinja2.Environment:
    """A Jinja environment for the templates of `package` (its `templates/` folder) in
    `locale`: autoescaped, strict about undefined names, and its `_()` reading that
    language's catalog (new-style gettext, so placeholders are escaped like any value)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    return env
