"""Table rows filled from a row template with `str.format` (docs/prestanda.md: Tabellrader).

Django's template engine spends about fifteen microseconds per row of a plain table on its
loop, variable look-ups and filters, and ten more per `{% url %}`: a list page of fifty rows
spent a fifth of its time there. A row template is still HTML in a template file — one row,
with `{namn}` where a value goes (`{{` and `}}` for a literal brace) — and `Radmall` fills it
for every row with one `str.format_map` each. Every value is written as `{{ namn }}` would
write it (`bistand.formrendering.visa`: localised, in local time, escaped unless marked safe).
What a template would decide with `{% if %}` is decided in Python: a value, or a fragment of
another row template, marked safe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from django.conf import settings
from django.middleware.csrf import get_token
from django.template import engines
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .formrendering import visa

_mallar: dict[str, str] = {}


def _text(namn: str) -> str:
    """The row template's text, found as Django finds a template (the project's templates/
    and each app's), read once per process unless DEBUG. Only the file's last line break is
    dropped: a fragment may begin or end with a space (" · signerad …")."""
    text = None if settings.DEBUG else _mallar.get(namn)
    if text is None:
        _mall, ursprung = engines["django"].engine.find_template(namn)
        text = _mallar[namn] = Path(ursprung.name).read_text(encoding="utf-8").removesuffix("\n")
    return text


def _skriv(varde) -> str:
    """`visa` (which escapes plain text directly), with a whole number written as digits (no
    thousands separator in this project's settings)."""
    if type(varde) is int:
        return str(varde)
    return visa(varde)


class Radmall:
    """A row template by its name under templates/, e.g. `Radmall("bistand/_akt_rad.html")`."""

    def __init__(self, namn: str):
        self.namn = namn

    def fyll(self, varden: Mapping) -> SafeString:
        """One row: every `{namn}` of the template from `varden`, written as `{{ namn }}`."""
        return mark_safe(self._fyll(_text(self.namn), varden))  # noqa: S308 - see _fyll()

    def _fyll(self, text: str, varden: Mapping) -> str:
        try:
            # Every value is escaped by visa().
            return text.format_map({k: _skriv(v) for k, v in varden.items()})
        except KeyError as fel:
            raise KeyError(f"{self.namn} needs the value {fel.args[0]!r}") from None

    def rader(self, rader: Iterable[Mapping]) -> SafeString:
        """The rows one after another (the template's text looked up once for all)."""
        text = _text(self.namn)
        return mark_safe("".join(self._fyll(text, r) for r in rader))  # noqa: S308 - see _fyll()


def lank(namn: str, *fasta: int) -> Callable[[int], str]:
    """`{% url namn *fasta pk %}` for many rows: the URL pattern reversed once with the ids
    that are the same in every row (`fasta`), each row's id put in the last place (call it
    once per request: the script prefix is the request's)."""
    platshallare = 987654321987
    fore, _, efter = reverse(namn, args=[*fasta, platshallare]).partition(str(platshallare))
    return lambda pk: f"{fore}{int(pk)}{efter}"


def csrf_falt(request) -> SafeString:
    """`{% csrf_token %}` for a row template's form: the hidden field as Django's tag writes
    it, made once per request and given to every row as a value."""
    return CsrfTokenNode().render({"csrf_token": get_token(request)})


# An <option> of a select in a row (`{pk}`, `{text}`, `{valt}`: "" or ALTERNATIV_VALT).
ALTERNATIV = Radmall("bistand/_alternativ.html")
ALTERNATIV_VALT = mark_safe(" selected")
