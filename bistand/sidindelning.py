"""Lists that can grow are shown a page at a time (docs/prestanda.md: Sidindelning).

`sida_av` reads `?sida=N` from the request (anything else is page 1; a number past the end
is the last page) and returns Django's `Page`, whose `object_list` is what the view shows and
logs. The template `bistand/_sidor.html` draws the links, keeping the other query parameters.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_SIDA = 50
# No list holds this many rows: an offset beyond it is past the end.
BORTOM = 10**9


class OraknadSida:
    """A page of a list that is not counted: its rows, its number and whether one more page
    follows (read with one row more than the page holds). It answers what `sidkontext` and
    `bistand/_sidor.html` ask of Django's `Page`; its `paginator` is None, so the template
    names no total."""

    paginator = None

    def __init__(self, rader: list, nummer: int, fler: bool):
        self.object_list = rader
        self.number = nummer
        self._fler = fler

    def has_next(self) -> bool:
        return self._fler

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()


def oraknad_sida_av(request: HttpRequest, rader, *, per_sida: int = PER_SIDA):
    """One page of `rader` (a queryset or a lazy sequence with slices) without counting the
    list: the page's rows and one more, so a long list costs one query on every page
    (docs/prestanda.md: Sidindelning). For a list whose length nobody needs, such as a unit's
    5 000 Akter on the start page. A number past the end (or a list emptied meanwhile) is
    counted to show the last page, as `sida_av` does."""
    nummer = _nummer(request.GET.get("sida"))
    borjan = (nummer - 1) * per_sida
    # Past any list's end (and past what the database's OFFSET takes): counted, as below.
    lasta = list(rader[borjan : borjan + per_sida + 1]) if borjan < BORTOM else []
    if not lasta and nummer > 1:
        return Paginator(rader, per_sida).get_page(nummer)
    return OraknadSida(lasta[:per_sida], nummer, len(lasta) > per_sida)


def _nummer(nummer: str | None) -> int:
    """`?sida=` as a page number from 1: anything but a whole number from 1 is page 1."""
    try:
        return max(1, int(nummer or 1))
    except (TypeError, ValueError):
        return 1


def sida_av(request: HttpRequest, rader, *, per_sida: int = PER_SIDA) -> Page:
    """One page of `rader` (a queryset, a list or a lazy sequence with `count()` and slices).
    A queryset is counted in one query and read with LIMIT/OFFSET, so the page costs the same
    whatever the list's length.

    The first page — the one nearly every visit shows — is read one row long first: when the
    whole list fits on it (a handläggare's own worklist, an applicant's year of ansökningar)
    the rows read are the count and no COUNT query runs; when it does not, the COUNT follows
    as before and the rows already read are the page."""
    nummer = request.GET.get("sida")
    if isinstance(rader, list) or not _forsta_sidan(nummer):
        return Paginator(rader, per_sida).get_page(nummer)
    forsta = list(rader[: per_sida + 1])
    if len(forsta) <= per_sida:
        return Paginator(forsta, per_sida).get_page(1)
    return Page(forsta[:per_sida], 1, Paginator(rader, per_sida))


def _forsta_sidan(nummer: str | None) -> bool:
    """Whether `?sida=` asks for the first page as `Paginator.get_page` reads it: missing, not
    a whole number, or 1 (0 and below mean the last page there)."""
    if nummer is None:
        return True
    try:
        return int(nummer) == 1
    except (TypeError, ValueError):
        return True


def sidlank(request: HttpRequest, nummer: int) -> str:
    """The query string for page `nummer` with the request's other parameters kept."""
    parametrar = request.GET.copy()
    parametrar["sida"] = str(nummer)
    return "?" + parametrar.urlencode()


def sidkontext(request: HttpRequest, sida: Page) -> dict:
    """What `bistand/_sidor.html` needs: the page and the links to its neighbours."""
    return {
        "sida": sida,
        "lankar": {
            "foregaende": sidlank(request, sida.number - 1) if sida.has_previous() else "",
            "nasta": sidlank(request, sida.number + 1) if sida.has_next() else "",
        },
    }
