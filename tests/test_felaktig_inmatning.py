"""Bad input never gives a 500 and a return address never leads off the site
(docs/regler.md: Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import pytest

from bistand.models import Atkomstlogg, JournalAnteckning

pytestmark = pytest.mark.django_db


@pytest.fixture
def chef(client, enhetschef):
    client.force_login(enhetschef)
    return client


@pytest.mark.parametrize("varde", ["abc", "1.5", "-3", "99999999999999999999999", "1\x00"])
def test_assigning_an_akt_with_a_malformed_id_answers_404(chef, varde):
    assert chef.post("/arbetslista/tilldela/", {"akt": varde}).status_code == 404


@pytest.mark.parametrize(
    "tillbaka",
    ["abc", "https://angripare.example/", "//angripare.example/", "/\\angripare.example"],
)
def test_the_return_address_after_assigning_stays_on_the_site(chef, akt, tillbaka):
    svar = chef.post("/arbetslista/tilldela/", {"akt": akt.pk, "tillbaka": tillbaka})
    assert svar.status_code == 302
    assert svar["Location"] == "/arbetslista/?visa=alla"


def test_an_own_return_address_is_kept(chef, akt):
    svar = chef.post("/arbetslista/tilldela/", {"akt": akt.pk, "tillbaka": "/arbetslista/?x=1"})
    assert svar["Location"] == "/arbetslista/?x=1"


def test_publishing_a_journal_entry_with_a_malformed_ansokan_answers_404(client, handlaggare, akt):
    anteckning = JournalAnteckning.objects.create(
        akt=akt,
        skapad_av=handlaggare,
        kontakttyp="besok",
        text="Samtal",
        handelse_datum="2026-11-02",
    )
    client.force_login(handlaggare)
    svar = client.post(f"/akter/{akt.pk}/journal/{anteckning.pk}/publicera/", {"ansokan": "abc"})
    assert svar.status_code == 404


@pytest.mark.parametrize("varde", ["abc", "\x00", "1\x00"])
def test_autosave_with_a_malformed_akt_answers_404(client, handlaggare, varde):
    client.force_login(handlaggare)
    assert client.post("/utkast/", {"akt": varde, "nyckel": "journal"}).status_code == 404


def test_autosave_drops_nul_bytes(client, handlaggare, akt):
    from utredning.models import Utkast

    client.force_login(handlaggare)
    svar = client.post("/utkast/", {"akt": akt.pk, "nyckel": "jour\x00nal", "text": "a\x00b"})
    assert svar.status_code == 200
    utkast = Utkast.objects.get()
    assert "\x00" not in utkast.nyckel + utkast.text


def test_a_path_with_a_nul_byte_is_logged_without_it(client, handlaggare):
    client.force_login(handlaggare)
    svar = client.get("/akter/999999/%00/")
    assert svar.status_code == 404
    # Checked in Python: PostgreSQL refuses a NUL byte even as a query parameter.
    assert all("\x00" not in s for s in Atkomstlogg.objects.values_list("sokvag", flat=True))


@pytest.mark.parametrize("varde", [2**63, 10**30])
def test_an_akt_id_beyond_64_bits_answers_404_and_is_logged_by_its_path(client, handlaggare, varde):
    client.force_login(handlaggare)
    assert client.get(f"/akter/{varde}/").status_code == 404
    rad = Atkomstlogg.objects.get(sokvag=f"/akter/{varde}/")
    assert rad.akt_id is None and rad.beviljad is False


# '²' and '٣' are digits to str.isdigit() but '²' is not a number to int(): every whole number a
# user types or sends is read as ASCII digits only.
@pytest.mark.parametrize("varde", ["²", "1²", "٣"])
def test_unicode_digits_in_numbers_never_give_a_server_error(
    client, handlaggare, kvalitet, akt, varde
):
    client.force_login(handlaggare)
    assert client.get(f"/akter/{akt.pk}/historik/", {"ansokan": varde}).status_code == 200
    client.force_login(kvalitet)
    assert client.get("/kvalitet/oversikt/", {"ar": varde}).status_code == 200
    assert client.get("/kvalitet/oversikt/", {"enhet": varde}).status_code in (200, 404)


@pytest.mark.parametrize("varde", ["²", "12²", "2026²101"])
def test_unicode_digits_in_the_calculation_form_are_kept_as_typed(varde):
    from utredning.formular import _datum, _heltal_eller_text

    assert _heltal_eller_text(varde) == varde  # refused by the reader with its message
    assert _datum(varde) == varde


def test_unicode_digits_in_a_personnummer_or_an_account_are_refused_in_swedish():
    from django.core.exceptions import ValidationError

    from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
    from utbetalning.konton import _siffror

    with pytest.raises(OgiltigtIdentitetsnummer):
        tolka_identitetsnummer("19900101-238²")
    with pytest.raises(ValidationError, match="siffror"):
        _siffror("1234²", "kontonummer")


def test_the_one_time_code_refuses_unicode_digits_in_swedish():
    from bistand.konto import KodForm

    form = KodForm(data={"kod": "12345²"})
    assert not form.is_valid()
    assert form.errors["kod"] == ["Koden är sex siffror, till exempel 123456."]


def test_digits_are_checked_in_one_place():
    """Every check that a text is a number goes through `bistand.parametrar.bara_siffror`, so no
    new form or parameter takes '²' for a digit again."""
    from pathlib import Path

    rot = Path(__file__).resolve().parent.parent
    ratt = rot / "bistand" / "parametrar.py"
    appar = [d for d in rot.iterdir() if (d / "__init__.py").exists() and d.name != "tests"]
    hittade = [
        f"{fil.relative_to(rot)}:{nr}"
        for app in appar
        for fil in app.rglob("*.py")
        if fil != ratt
        for nr, rad in enumerate(fil.read_text(encoding="utf-8").splitlines(), 1)
        if ".isdigit()" in rad
    ]
    assert len(appar) >= 8
    assert not hittade, f"Använd bistand.parametrar.bara_siffror i stället för isdigit(): {hittade}"


@pytest.mark.parametrize("sprak", ["", "en-GB,en;q=0.9", "de"])
def test_djangos_own_messages_are_swedish_whatever_language_the_browser_asks_for(client, sprak):
    svar = client.post("/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE=sprak)
    text = svar.content.decode()
    assert "Detta fält måste fyllas i." in text
    assert "This field is required." not in text
