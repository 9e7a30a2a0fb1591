"""Property test (hypothesis) over every URL of the system: no input gives a server error
(docs/regler.md: Behörighet och skyddade personuppgifter).

The world is the shared demo world of tests/adresser/, and its walk finds the pages: every
named URL pattern is read (GET) as every role that may read it by the matrix
(`bistand.behorighet.MATRIS`), each with the page's real objects. From each page the test takes
every `<form>` (action, method, the names of its fields and buttons) and the query parameters of
its links; POST-only URLs that no page links to are driven with the fields the matrix names. Then
hypothesis drives each of them with malformed values — NUL bytes, very long strings, non-numeric
ids, negative and huge numbers, impossible dates, mixed unicode, empty values, lists of values,
missing fields — as query strings and as POST bodies (with the page's CSRF token, so the view's
own code is reached), and every URL once more with its integer ids replaced by huge numbers. Every
request runs in a savepoint that is rolled back, as in the matrix walk.

Every answer must be below 500 and must not be a Python traceback or raw data. A new page, form
or field is fuzzed without changing this test. The examples are derandomized (the same every
run); a failure is collected, not shrunk, so one run names every request that failed.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bistand import behorighet
from bistand.models import User
from tests.adresser.varld import PERSONAL, _klient, url_namn
from tests.illasinnade import ILLASINNADE

pytestmark = pytest.mark.django_db

VARDE = st.one_of(
    st.sampled_from(ILLASINNADE),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
STORA_ID = [0, 2**31, 2**63, 10**30]
# A Python traceback or a repr of internal data never reaches a visitor.
RADATA = (
    "Traceback (most recent call last)",
    'File "/',
    "<QueryDict",
    "object at 0x",
    "ValidationError([",
    "{'__all__'",
    "django.db.utils",
)
# Django's English defaults never reach the user either.
ENGELSKA = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid")
EXEMPEL_PER_MAL = 3
SVAR: Counter[tuple[str, int]] = Counter()  # (method, status) of every request of the run


@dataclass
class Mal:
    """One thing to drive: a form (POST or GET) or a link's query parameters, as one persona."""

    etikett: str
    metod: str
    url: str
    falt: dict[str, list[str]] = field(default_factory=dict)  # name → the page's own values
    fasta: dict[str, str] = field(default_factory=dict)  # kept as the page has them (CSRF)


class _Sida(HTMLParser):
    """The forms of a page and the query parameters of its links."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.formular: list[tuple[str, str, dict[str, list[str]], dict[str, str]]] = []
        self.lankar: list[tuple[str, dict[str, list[str]]]] = []
        self._form: tuple[str, str, dict, dict] | None = None
        self._select: str | None = None

    def handle_starttag(self, tagg, attrs):
        a = {k: v or "" for k, v in attrs}
        if tagg == "form":
            metod = (a.get("method") or "get").upper()
            self._form = (metod, urljoin(self.url, a.get("action") or self.url), {}, {})
            self.formular.append(self._form)
        elif tagg == "a" and "?" in a.get("href", ""):
            href = urljoin(self.url, a["href"])
            if urlsplit(href).netloc in ("", "testserver"):
                param: dict[str, list[str]] = {}
                for k, v in parse_qsl(urlsplit(href).query, keep_blank_values=True):
                    param.setdefault(k, []).append(v)
                self.lankar.append((urlsplit(href).path, param))
        elif self._form is not None and tagg in ("input", "select", "textarea", "button"):
            namn = a.get("name")
            if not namn:
                return
            if namn == "csrfmiddlewaretoken":
                self._form[3][namn] = a.get("value", "")
                return
            varden = self._form[2].setdefault(namn, [])
            if tagg in ("input", "button") and a.get("value"):
                varden.append(a["value"])
            self._select = namn if tagg == "select" else None
        elif tagg == "option" and self._form is not None and self._select:
            self._form[2][self._select].append(a.get("value", ""))

    def handle_endtag(self, tagg):
        if tagg == "form":
            self._form = None
        elif tagg == "select":
            self._select = None


def _intern(url: str) -> str | None:
    """The path of a URL of this site that resolves to a named pattern, else None."""
    delar = urlsplit(url)
    if delar.netloc not in ("", "testserver"):
        return None
    try:
        match = resolve(delar.path)
    except Resolver404:
        return None
    return match.view_name


def _begar(klient, metod: str, url: str, data) -> tuple[object, str | None]:
    """One request in a savepoint that is rolled back; the answer and what is wrong with it."""
    client, kakor = klient
    client.cookies = copy.deepcopy(kakor)
    client.raise_request_exception = False
    with transaction.atomic():
        if metod == "POST":
            svar = client.post(url, data)
        else:
            svar = client.get(url, data)
        transaction.set_rollback(True)
    SVAR[(metod, svar.status_code)] += 1
    if svar.status_code >= 500:
        orsak = ""
        if getattr(svar, "exc_info", None):
            typ, fel, _ = svar.exc_info
            orsak = f": {typ.__name__}: {str(fel)[:200]}"
        return svar, f"{svar.status_code}{orsak}"
    if getattr(svar, "streaming", False):
        return svar, None
    typ = svar.get("Content-Type", "")
    if typ.startswith(("text/", "application/json")):
        text = svar.content.decode(errors="replace")
        for tecken in RADATA:
            if tecken in text:
                return svar, f"svaret visar rådata ({tecken!r})"
        if svar.status_code in (200, 400) and "text/html" in typ:
            for engelska in ENGELSKA:
                if engelska in text:
                    return svar, f"engelskt felmeddelande ({engelska!r})"
    return svar, None


def _personas(varld, anvandare) -> dict[str, tuple[str, tuple[str, object]]]:
    """Label → (matrix role, login): anonymous, the demo applicant and each staff role of the
    case's own Enhet (another Enhet is refused before any view code; the matrix walk shows it)."""
    return {
        "anonym": (behorighet.ANONYM, ("anonym", None)),
        "sökande": (behorighet.SOKANDE, ("sokande", varld.sokande)),
        **{egen: (roll, ("personal", anvandare[egen])) for roll, egen, _ in PERSONAL},
    }


def _upptack(varld, klienter, personas) -> tuple[list[Mal], list[str]]:
    """Read every URL as every role that may read it; the forms and link parameters found."""
    mal: dict[tuple, Mal] = {}
    fel: list[str] = []
    postade: set[str] = set()
    lasta: dict[str, tuple[str, str]] = {}  # URL name → (persona, path) of its first reader
    skrivbara: dict[str, Mal] = {}
    for namn, _ in url_namn():
        kwargs, data = varld.parametrar(namn)
        url = reverse(namn, kwargs=kwargs) if namn != "admin:index" else "/admin/"
        lasare = behorighet.roller_for(namn, "GET")
        skrivare = behorighet.roller_for(namn, "POST")
        for etikett, (roll, _) in personas.items():
            if roll not in lasare:
                continue
            svar, problem = _begar(klienter[etikett], "GET", url, {})
            if problem:
                fel.append(f"GET {url} som {etikett}: {problem}")
            if svar.status_code != 200 or "text/html" not in svar.get("Content-Type", ""):
                continue
            lasta.setdefault(namn, (etikett, url))
            sida = _Sida(url)
            sida.feed(svar.content.decode(errors="replace"))
            for metod, action, falt, fasta in sida.formular:
                malnamn = _intern(action)
                if malnamn is None or malnamn == "admin:index" or not falt:
                    continue
                if metod == "POST" and roll not in behorighet.roller_for(malnamn, "POST"):
                    continue
                if metod == "POST":
                    postade.add(malnamn)
                nyckel = (roll, metod, malnamn, frozenset(falt))
                mal.setdefault(nyckel, Mal(etikett, metod, action, falt, fasta))
            for sokvag, param in sida.lankar:
                malnamn = _intern(sokvag)
                if malnamn is None or malnamn.startswith("admin:"):
                    continue
                nyckel = (roll, "GET", malnamn, frozenset(param))
                mal.setdefault(nyckel, Mal(etikett, "GET", sokvag, param))
        if skrivare and namn != "admin:index":
            etikett = next(e for e, (r, _) in personas.items() if r in skrivare)
            skrivbara[namn] = Mal(etikett, "POST", url, {f: [str(v)] for f, v in data.items()})
    # A URL written to that no page's form reached (a button-only form): its matrix fields.
    for namn, m in skrivbara.items():
        if namn not in postade:
            mal.setdefault((None, "POST", namn), m)
    # Every page once more with every query parameter used anywhere: a view may read one that
    # no link of its own carries.
    alla = {p for m in mal.values() if m.metod == "GET" for p in m.falt}
    for etikett, url in lasta.values():
        mal.setdefault((None, "GET", url), Mal(etikett, "GET", url, {p: [] for p in alla}))
    return list(mal.values()), fel


def _faltvarde(egna: list[str]):
    """A field's value: missing, one malformed value, a list of them, or the page's own."""
    egen = st.sampled_from(egna) if egna else st.just("")
    return st.one_of(
        st.just(None),
        VARDE,
        VARDE,
        st.lists(st.one_of(VARDE, egen), min_size=2, max_size=3),
        egen,
    )


INSTALLNINGAR = settings(
    max_examples=EXEMPEL_PER_MAL,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _driv(mal: Mal, klient, fel: list[str]) -> None:
    @INSTALLNINGAR
    @given(data=st.data())
    def kor(data):
        varden = {}
        for namn, egna in mal.falt.items():
            varde = data.draw(_faltvarde(egna), label=namn)
            if varde is not None:
                varden[namn] = varde
        varden |= mal.fasta
        if mal.metod == "GET":
            url = mal.url.split("?")[0]
            _, problem = _begar(klient, "GET", url, varden)
        else:
            # A view may read the query string of a POST too (a return address, a tab).
            url = mal.url
            if "?" not in url and data.draw(st.booleans(), label="även i adressen"):
                url += "?" + urlencode(varden, doseq=True)
            _, problem = _begar(klient, "POST", url, varden)
        if problem:
            fel.append(f"{mal.metod} {mal.url} som {mal.etikett} med {_kort(varden)}: {problem}")

    kor()


def _kort(varden: dict) -> str:
    """The sent values, long ones cut, for the failure message."""

    def kapa(v):
        return [kapa(x) for x in v] if isinstance(v, list) else (v if len(v) < 40 else v[:20] + "…")

    return repr({k: kapa(v) for k, v in varden.items() if k != "csrfmiddlewaretoken"})


# A text path parameter (a step, a type, a code) that the URL pattern still matches.
SOKVAGSTEXT = st.sampled_from([v for v in ILLASINNADE if v.strip() and "/" not in v])


def _driv_sokvag(namn: str, kwargs: dict, etikett: str, metod: str, klient, fel) -> None:
    """The URL with its integer ids replaced by huge numbers and its text parameters by
    malformed text."""

    @INSTALLNINGAR
    @given(data=st.data())
    def kor(data):
        andrade = {
            k: data.draw(st.sampled_from(STORA_ID) if isinstance(v, int) else SOKVAGSTEXT, label=k)
            for k, v in kwargs.items()
        }
        try:
            url = reverse(namn, kwargs=andrade)
        except NoReverseMatch:
            return  # the pattern refuses the text itself (a slug): no view is reached
        _, problem = _begar(klient, metod, url, {})
        if problem:
            fel.append(f"{metod} {url} ({namn}) som {etikett}: {problem}")

    kor()


def test_every_form_and_query_parameter_takes_any_input_without_a_server_error(
    demovarld,
):
    anvandare = {u.username: u for u in User.objects.all()}
    personas = _personas(demovarld, anvandare)
    klienter = {etikett: _klient(inloggning) for etikett, (_, inloggning) in personas.items()}

    SVAR.clear()
    mal, fel = _upptack(demovarld, klienter, personas)
    assert len(mal) > 100, f"För få formulär och länkar hittades: {len(mal)}"
    for m in mal:
        _driv(m, klienter[m.etikett], fel)

    for namn, _ in url_namn():
        kwargs, _data = demovarld.parametrar(namn)
        if not kwargs:
            continue
        for metod in ("GET", "POST"):
            roller = behorighet.roller_for(namn, metod)
            etikett = next((e for e, (r, _) in personas.items() if r in roller), None)
            if etikett is not None:
                _driv_sokvag(namn, kwargs, etikett, metod, klienter[etikett], fel)

    assert not fel, f"{len(fel)} förfrågningar gav serverfel eller rådata:\n" + "\n".join(
        sorted(set(fel))
    )
    # The malformed forms reach the views (shown again with errors, or saved), not only refusals.
    natt = sum(n for (metod, kod), n in SVAR.items() if metod == "POST" and kod in (200, 302, 400))
    assert natt > sum(n for (metod, _), n in SVAR.items() if metod == "POST") / 2, SVAR
