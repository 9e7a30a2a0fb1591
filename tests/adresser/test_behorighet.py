"""The role × URL × method matrix (bistand/behorighet.py) is what the server does.

One world built by the real `seed_demo` (two Enheter, every kind of case object), then every
named URL pattern is requested as every role — anonymous, the demo applicant and another
applicant, each staff role of the case's own Enhet and of the other Enhet — with GET and with
POST. Every request runs in a savepoint that is rolled back, so a write allowed in one request
does not change the world of the next. A missing URL name or a mismatch fails with a message
that names the URL, the role and the method.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from bistand import behorighet
from bistand.behorighet import MATRIS
from tests.adresser.varld import PERSONAL, _begar, _klient, _nekad, url_namn

pytestmark = pytest.mark.django_db

DOKUMENT = Path(__file__).resolve().parents[2] / "docs" / "behorighet.md"


def test_every_url_pattern_is_in_the_matrix():
    saknas = sorted({namn for namn, _ in url_namn()} - set(MATRIS))
    assert not saknas, (
        "Dessa adresser saknas i behörighetsmatrisen bistand/behorighet.py (MATRIS): "
        + ", ".join(saknas)
        + ". Lägg till en Regel för varje (vem får GET, vem får POST, vilka objekt), och kör "
        "`python manage.py behorighetsmatris > docs/behorighet.md`."
    )
    overflodiga = sorted(set(MATRIS) - {namn for namn, _ in url_namn()})
    assert not overflodiga, f"Matrisen har regler för adresser som inte finns: {overflodiga}"


def test_every_staff_role_is_a_role_of_the_matrix():
    from bistand.models import Roll

    assert set(Roll.values) <= set(behorighet.PERSONALROLLER), (
        "En personalroll saknas i bistand/behorighet.py (PERSONALROLLER)."
    )


def test_docs_behorighet_is_the_matrix():
    assert DOKUMENT.read_text(encoding="utf-8") == behorighet.som_markdown(), (
        "docs/behorighet.md stämmer inte med bistand/behorighet.py; kör "
        "`python manage.py behorighetsmatris > docs/behorighet.md`."
    )


def test_every_url_answers_every_role_as_the_matrix_says(demovarld):
    from bistand.models import User

    anvandare = {u.username: u for u in User.objects.all()}
    personas: list[tuple[str, str, tuple[str, object], bool]] = [
        # (label, matrix role, login, same case scope as the objects)
        ("anonym", behorighet.ANONYM, ("anonym", None), True),
        ("sökande", behorighet.SOKANDE, ("sokande", demovarld.sokande), True),
        ("annan sökande", behorighet.SOKANDE, ("sokande", demovarld.annan_sokande), False),
    ]
    for roll, egen, annan in PERSONAL:
        personas.append((egen, roll, ("personal", anvandare[egen]), True))
        if annan:
            personas.append((annan, roll, ("personal", anvandare[annan]), False))

    klienter = {etikett: _klient(inloggning) for etikett, _, inloggning, _ in personas}
    fel: list[str] = []
    ej_provade: list[str] = []
    for namn, _ in url_namn():
        regel = MATRIS[namn]

        try:
            kwargs, data = demovarld.parametrar(namn)
        except AssertionError as saknas:
            # The world lacks an object for this URL: a failure, named below.
            ej_provade.append(str(saknas).splitlines()[0])
            continue
        url = reverse(namn, kwargs=kwargs) if namn != "admin:index" else "/admin/"
        for metod in ("GET", "POST"):
            # A method no role may use is refused before any view runs (MetodMiddleware),
            # the same for everyone: one persona shows it.
            har_metod = bool(behorighet.roller_for(namn, metod))
            for etikett, roll, inloggning, samma in personas if har_metod else personas[-1:]:
                vantat = roll in behorighet.roller_for(namn, metod)
                if not samma and regel.arendebunden and roll not in behorighet.NAMNDLASARE:
                    vantat = False
                svar = _begar(klienter[etikett], metod, url, data)
                if _nekad(svar, namn, inloggning) == vantat:
                    fel.append(
                        f"{metod} {url} ({namn}) som {etikett}: väntat "
                        f"{'tillåten' if vantat else 'nekad'}, fick {svar.status_code}"
                        + (f" → {svar['Location']}" if svar.has_header("Location") else "")
                    )
    # Every URL is walked: one the world has no object for fails and is named.
    assert not ej_provade, "Adresser som inte kunde provas (objekt saknas i världen):\n" + (
        "\n".join(ej_provade)
    )
    assert not fel, "Svaren stämmer inte med bistand/behorighet.py:\n" + "\n".join(fel)
