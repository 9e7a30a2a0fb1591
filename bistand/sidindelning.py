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
    """One page of `rader` (a queryset or a list). A queryset is counted in one query and
    read with LIMIT/OFFSET, so the page costs the same whatever the list's length."""
    sidor = Paginator(rader, per_sida)
    return sidor.get_page(request.GET.get("sida"))


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
