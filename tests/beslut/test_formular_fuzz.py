"""Property test (hypothesis): the main forms — the e-tjänst's steps, the utredning page with its
beräkning, the decision form and the household form — take any value in any field, malformed,
huge, with NUL bytes or in the wrong type, and answer without a 5xx, with the error in Swedish
next to the field (docs/regler.md: Behörighet och skyddade personuppgifter). The forms and
their fields are found by reading each page as its user sees it, so a new field is fuzzed
without changing this test. tests/adresser/ walks every URL with a few examples per
form; this test goes deeper into the forms with the most rules (many examples, a draft's steps)
and checks that a refused form shows its error."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansokan import services
from ansokan.steg import STEG
from tests.beslut.conftest import logga_in_sokande
from tests.illasinnade import ILLASINNADE

pytestmark = pytest.mark.django_db

VARDE = st.one_of(st.sampled_from(ILLASINNADE), st.text(max_size=40))
# Django's English defaults must never reach the user.
ENGELSKA = ("This field is required", "Enter a valid", "Ensure this value", "Select a valid")


class _Formular(HTMLParser):
    """The POST forms of a page: (action, field names), the CSRF token left out."""

    def __init__(self, sida: str) -> None:
        super().__init__()
        self.sida, self.formular, self._aktuell = sida, [], None

    def handle_starttag(self, tagg, attrs):
        a = dict(attrs)
        if tagg == "form" and (a.get("method") or "").lower() == "post":
            self._aktuell = (a.get("action") or self.sida, [])
            self.formular.append(self._aktuell)
        elif tagg in ("input", "select", "textarea") and self._aktuell and a.get("name"):
            if a["name"] != "csrfmiddlewaretoken" and a.get("type") != "file":
                self._aktuell[1].append(a["name"])

    def handle_endtag(self, tagg):
        if tagg == "form":
            self._aktuell = None


def _las_formular(client, sidor: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    funna = []
    for sida in sidor:
        svar = client.get(sida)
        assert svar.status_code == 200, sida
        p = _Formular(sida)
        p.feed(svar.content.decode())
        funna += [(action, tuple(dict.fromkeys(falt))) for action, falt in p.formular if falt]
    assert funna, sidor
    return funna


def _posta(client, data, formular) -> None:
    action, falt = data.draw(st.sampled_from(formular), label="formulär")
    varden = {f: data.draw(VARDE, label=f) for f in falt}
    svar = client.post(action, varden)
    assert svar.status_code < 500, (action, varden)
    if svar.status_code in (200, 400) and "text/html" in svar.get("Content-Type", ""):
        text = svar.content.decode()
        assert not any(e in text for e in ENGELSKA), (action, varden)
        if svar.status_code == 400:
            assert any(m in text for m in ('class="faltfel"', 'class="felruta"', 'role="alert"'))


INSTALLNINGAR = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def personalens_formular(client, utredd, handlaggare):
    client.force_login(handlaggare)
    return _las_formular(
        client,
        [
            f"/ansokningar/{utredd.pk}/utredning/",
            f"/ansokningar/{utredd.pk}/beslut/",
            f"/akter/{utredd.akt_id}/hushall/",
        ],
    )


@INSTALLNINGAR
@given(data=st.data())
def test_staff_forms_answer_any_input_without_a_server_error(client, personalens_formular, data):
    _posta(client, data, personalens_formular)


@pytest.fixture
def sokandens_formular(client, akt):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    utkast = services.ansokan_utkast_skapa(sokande=sokande, typ="nyansokan")
    logga_in_sokande(client, sokande)
    return _las_formular(
        client,
        ["/e-tjanst/provberakning/"]
        + [
            f"/e-tjanst/ansokan/{utkast.pk}/steg/{steg}/"
            for steg, _ in STEG["nyansokan"]
            if steg not in ("bilagor", "granska")
        ],
    )


@INSTALLNINGAR
@given(data=st.data())
def test_the_e_tjanst_steps_and_provberakning_answer_any_input_without_a_server_error(
    client, sokandens_formular, data
):
    _posta(client, data, sokandens_formular)
