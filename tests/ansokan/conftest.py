"""Fixtures of the ansokan tests, built through the real services (docs/arkitektur.md: Kodstil,
Tests).

Personas on the applicant side: the applicant who owns the ansökan (`sokande`) and another
applicant (`annan_sokande`); staff personas come from tests/conftest.py.
"""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bild(format_: str) -> bytes:
    """A real, tiny image: uploads are opened (header only) to refuse image bombs."""
    import io

    from PIL import Image

    ut = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(ut, format=format_)
    return ut.getvalue()


PNG = _bild("PNG")
JPEG = _bild("JPEG")
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 64


def fil(namn: str = "kontoutdrag.pdf", innehall: bytes = PDF, typ: str = "application/pdf"):
    return SimpleUploadedFile(namn, innehall, content_type=typ)


@pytest.fixture(autouse=True)
def _testlegitimation(settings):
    settings.ETJANST_TESTLEGITIMATION = True
    settings.SMS_BACKEND = "ansokan.sms.LocmemSmsBackend"
    from ansokan import sms

    sms.utkorg.clear()


def sokande_av(akt):
    return akt.hushall.medlemmar.get(roll="sokande").person


@pytest.fixture
def sokande(akt):
    person = sokande_av(akt)
    person.epost = "sara@exempel.se"
    person.telefon = "070-1234567"
    person.save()
    return person


@pytest.fixture
def annan_akt(skapa_akt, enhet, handlaggare):
    return skapa_akt(enhet, handlaggare)


@pytest.fixture
def annan_sokande(annan_akt):
    return sokande_av(annan_akt)


def logga_in_sokande(client, person) -> None:
    from ansokan.inloggning import PERSON, SENAST

    session = client.session
    session[PERSON] = person.pk
    session[SENAST] = int(time.time())
    session.save()


@pytest.fixture
def sokande_klient(client, sokande):
    logga_in_sokande(client, sokande)
    return client


@pytest.fixture
def skicka_in():
    from ansokan import services

    def skicka(person, typ="nyansokan", **utkast):
        a = services.ansokan_utkast_skapa(sokande=person, typ=typ)
        for steg, data in utkast.items():
            services.ansokan_utkast_spara(ansokan=a, steg=steg, data=data)
        a, _ = services.ansokan_skicka_in(ansokan=a, sokande=person)
        return a

    return skicka


@pytest.fixture
def inkommen(sokande, skicka_in):
    return skicka_in(sokande)


@pytest.fixture
def annans_ansokan(annan_sokande, skicka_in):
    return skicka_in(annan_sokande)


@pytest.fixture
def begard(inkommen, handlaggare):
    import datetime

    from django.utils import timezone

    from ansokan import services

    return services.komplettering_begar(
        ansokan=inkommen,
        av=handlaggare,
        vad="Kontoutdrag",
        varfor="För att se inkomsterna.",
        senast=timezone.localdate() + datetime.timedelta(days=7),
    )
