"""Lists that can grow are shown a page at a time (docs/prestanda.md: Sidindelning).

`sida_av` reads `?sida=N` from the request (anything else is page 1; a number past the end
is the last page) and returns Django's `Page`, whose `object_list` is what the view shows and
logs. The template `bistand/_sidor.html` draws the links, keeping the other query parameters.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_SIDA = 50


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
