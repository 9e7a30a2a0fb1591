"""Every role sees only what it may do: no page offers a form the server would refuse.

The same demo world as the matrix walk (tests/adresser/). Every page is rendered as
every role that may read it — the demo applicant, and each staff role of the case's own Enhet
(Kvalitet and the avdelningschef: of the nämnd) — and every `<form method="post">` on it (an
empty action is the page itself) is resolved to its URL name and checked against the matrix
(bistand/behorighet.py): the role may POST there, and the object it posts to is in the role's
reach, judged the way the walk judges it (docs/regler.md: Behörighet och skyddade
personuppgifter). A link on the page to a page the matrix does not let the role read fails
when the server refuses it too (a right of one person to one object is not in the matrix).
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.urls import Resolver404, resolve, reverse

from bistand import behorighet
from bistand.behorighet import MATRIS
from tests.adresser.varld import PERSONAL, _begar, _klient, _nekad, url_namn

pytestmark = pytest.mark.django_db

# Pages whose forms are not the system's own: the admin site checks its own permissions.
UTANFOR = ("/admin/", "/static/", "/media/")
# The site's name in the header leads everyone home: staff to their start page, anyone else
# on to the login (the e-tjänst has its own start in its navigation).
VARUMARKE = {"start"}


class Sidans:
    """The POST forms' actions and the links of one page."""

    def __init__(self, html: str) -> None:
        self.formular: list[str] = []
        self.lankar: list[str] = []
        parser = HTMLParser()
        parser.handle_starttag = self._tagg
        parser.feed(html)

    def _tagg(self, tagg: str, attribut: list[tuple[str, str | None]]) -> None:
        a = {namn: varde or "" for namn, varde in attribut}
        if tagg == "form" and a.get("method", "get").lower() == "post":
            self.formular.append(a.get("action", ""))
        elif tagg == "button" and "formaction" in a:
            self.formular.append(a["formaction"])
        elif tagg == "a" and a.get("href", "").startswith("/"):
            self.lankar.append(a["href"])


def _url_namn(sokvag: str) -> tuple[str, dict] | None:
    """The URL name and path parameters of a path of the system (None: not one of its pages)."""
    if sokvag.startswith(UTANFOR):
        return None
    try:
        traff = resolve(sokvag)
    except Resolver404:
        return None
    return traff.view_name, traff.kwargs


def _inom_rackhall(namn: str, kwargs: dict, roll: str, vem) -> bool:
    """Is every object of the URL in the reach of this persona, as the matrix walk judges it?
    Case objects: in the user's own Enhet (Kvalitet and the avdelningschef read the whole
    nämnd); an applicant's object: her own."""
    regel = MATRIS[namn]
    if not regel.arendebunden or roll in behorighet.NAMNDLASARE:
        return True
    if roll != behorighet.SOKANDE and vem.enhet_id is None:
        # A role of no Enhet (ekonomi, administratör) has no other-Enhet persona in the walk.
        return True
    for param, spec in regel.objekt.items():
        if param not in kwargs or not spec.modell:
            continue
        rader = apps.get_model(spec.modell).objects.filter(pk=kwargs[param])
        if spec.sokande is not None and roll == behorighet.SOKANDE:
            if not rader.filter(**{spec.sokande: vem}).exists():
                return False
        elif roll != behorighet.SOKANDE and (spec.akt is not None or spec.enhet is not None):
            enhet = (
                spec.enhet
                if spec.enhet is not None
                else "__".join(d for d in (spec.akt, "enhet") if d)
            )
            if not rader.filter(**{enhet: vem.enhet_id}).exists():
                return False
    return True


def _inloggning(roll: str, vem) -> tuple[str, object]:
    return ("sokande" if roll == behorighet.SOKANDE else "personal", vem)


def _personas(demovarld) -> list[tuple[str, str, object]]:
    """(label, matrix role, the logged-in user or applicant) for the case's own scope."""
    from bistand.models import User

    anvandare = {u.username: u for u in User.objects.all()}
    return [
        ("sökande", behorighet.SOKANDE, demovarld.sokande),
        *[(egen, roll, anvandare[egen]) for roll, egen, _ in PERSONAL],
    ]


def test_no_page_offers_a_form_or_link_the_role_may_not_use(demovarld):
    personas = _personas(demovarld)
    klienter = {etikett: _klient(_inloggning(roll, vem)) for etikett, roll, vem in personas}
    formularfel: list[str] = []
    lankfel: set[str] = set()
    for namn, _ in url_namn():
        if namn == "admin:index":
            continue
        kwargs, _data = demovarld.parametrar(namn)
        url = reverse(namn, kwargs=kwargs)
        for etikett, roll, vem in personas:
            if roll not in behorighet.roller_for(namn, "GET"):
                continue
            svar = _begar(klienter[etikett], "GET", url, {})
            if svar.status_code != 200 or "html" not in svar.get("Content-Type", ""):
                continue
            sidan = Sidans(svar.content.decode())
            for action in sidan.formular:
                mal = _url_namn(urlsplit(action).path or url)
                if mal is None:
                    continue
                malnamn, malkwargs = mal
                if roll not in behorighet.roller_for(malnamn, "POST") or not _inom_rackhall(
                    malnamn, malkwargs, roll, vem
                ):
                    formularfel.append(f"{url} ({namn}) som {etikett}: formulär till {action}")
            for href in sidan.lankar:
                mal = _url_namn(urlsplit(href).path)
                if mal is None or mal[0] in VARUMARKE:
                    continue
                malnamn, malkwargs = mal
                if (
                    roll not in behorighet.roller_for(malnamn, "GET")
                    or not _inom_rackhall(malnamn, malkwargs, roll, vem)
                ) and _nekad(
                    _begar(klienter[etikett], "GET", href, {}), malnamn, _inloggning(roll, vem)
                ):
                    # Refused by the matrix and by the server. (A right of one person to one
                    # object — the reporter's own receipt, the reviewed handläggare's
                    # feedback — is not in the matrix; the server's answer decides those.)
                    lankfel.add(f"{namn} som {etikett}: länk till {href} ({malnamn})")
    assert not formularfel, (
        "Sidor erbjuder formulär som servern nekar rollen (bistand/behorighet.py):\n"
        + "\n".join(formularfel)
    )
    assert not lankfel, "Sidor länkar till sidor som rollen inte får läsa:\n" + "\n".join(
        sorted(lankfel)
    )
