"""The demo world that the URL walks share (tests/adresser/): its personas, the objects the
matrix's `Objekt` specs pick, and logged-in clients whose every request is rolled back.
"""

from __future__ import annotations

import copy
import time
from decimal import Decimal
from http.cookies import SimpleCookie

from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from bistand import behorighet
from bistand.behorighet import MATRIS, Objekt

# Staff personas of the demo world: (matrix role, username in the case's Enhet, in the other).
PERSONAL = [
    (behorighet.HANDLAGGARE, "handlaggare1", "handlaggare2"),
    (behorighet.FORSTE, "forste1", "forste2"),
    (behorighet.ENHETSCHEF, "enhetschef1", "enhetschef2"),
    (behorighet.KONTAKTCENTER, "kontaktcenter1", None),
    (behorighet.KVALITET, "kvalitet1", None),
    (behorighet.ADMINISTRATOR, "admin", None),
    (behorighet.EKONOMIASSISTENT, "ekonomi1", None),
    (behorighet.AVDELNINGSCHEF, "avdelningschef1", None),
]
SOKANDE = "199001012385"
ANNAN_SOKANDE = "199001162396"
PERSONALENS_INLOGGNING = ("/login/", "/admin/login/")
INLOGGNINGSSIDOR = (*PERSONALENS_INLOGGNING, "/e-tjanst/", "/e-tjanst/om-dig/")
# Pages whose normal answer to any visitor is a redirect to a login page (log out, the
# e-legitimation's answer, the test login with an empty form): only 404/405 refuses them.
OMDIRIGERAR_ALLTID = {"logout", "ansokan:logga_ut", "ansokan:oidc_callback"}
NEKAD = {401, 403, 404, 405}


def url_namn() -> list[tuple[str, URLPattern]]:
    """Every named URL pattern (admin: its index page stands for the admin site)."""
    funna: list[tuple[str, URLPattern]] = []

    def gå(monster, namnrymd: str | None) -> None:
        for m in monster:
            if isinstance(m, URLResolver):
                if m.namespace == "admin":
                    funna.append(("admin:index", m))
                    continue
                gå(m.url_patterns, m.namespace or namnrymd)
            elif isinstance(m, URLPattern):
                assert m.name, f"Adressen {m.pattern} saknar namn (name=...) i urls.py."
                funna.append((f"{namnrymd}:{m.name}" if namnrymd else m.name, m))

    gå(get_resolver().url_patterns, None)
    return funna


# ---- the world --------------------------------------------------------------------------------


class Varld:
    """Objects of the demo world for the matrix's `Objekt` specs."""

    def __init__(self) -> None:
        from bistand.models import Enhet, Person

        self.enhet = Enhet.objects.order_by("pk").first()
        self.sokande = Person.objects.get(identitet=SOKANDE)
        self.annan_sokande = Person.objects.get(identitet=ANNAN_SOKANDE)

    def hitta(self, namn: str, param: str, spec: Objekt, valda: dict) -> object:
        if spec.varde is not None:
            return spec.varde
        modell = apps.get_model(spec.modell)
        qs = modell.objects.filter(**spec.filter)
        if spec.akt is not None:
            qs = qs.filter(**{(f"{spec.akt}__" if spec.akt else "") + "enhet": self.enhet})
        if spec.enhet is not None:
            qs = qs.filter(**{spec.enhet: self.enhet})
        if spec.sokande is not None:
            qs = qs.filter(**{spec.sokande: self.sokande})
        if spec.inom is not None:
            annan, uppslag = spec.inom
            qs = qs.filter(**{f"{uppslag}__pk": valda[annan]})
        objekt = qs.order_by("pk").first()
        assert objekt is not None, (
            f"{namn}: inget {spec.modell} för parametern {param} i demovärlden (seed_demo). "
            "Se till att appens demo skapar ett, eller ändra Objekt i bistand/behorighet.py."
        )
        return objekt.pk

    def parametrar(self, namn: str) -> tuple[dict, dict]:
        regel = MATRIS[namn]
        kwargs: dict = {}
        for param, spec in regel.objekt.items():
            kwargs[param] = self.hitta(namn, param, spec, kwargs)
        data = {f: self.hitta(namn, f, s, kwargs) for f, s in regel.data.items()}
        return kwargs, data


def _logga_in(client: Client, persona: tuple[str, object]) -> None:
    typ, vem = persona
    if typ == "personal":
        client.force_login(vem)
    elif typ == "sokande":
        from ansokan.inloggning import PERSON, SENAST

        session = client.session
        session[PERSON] = vem.pk
        session[SENAST] = int(time.time())
        session.save()
        client.cookies["sessionid"] = session.session_key


def _nekad(svar, namn: str, inloggning: tuple[str, object]) -> bool:
    """Refused: 401/403/404/405, or sent to a login page. A logged-in applicant who is sent
    to the e-tjänst's start has reached the page (it answers so when there is nothing to do)."""
    if svar.status_code in NEKAD:
        return True
    if svar.status_code in (301, 302, 303) and namn not in OMDIRIGERAR_ALLTID:
        mal = svar["Location"].split("?")[0]
        sidor = PERSONALENS_INLOGGNING if inloggning[0] == "sokande" else INLOGGNINGSSIDOR
        return mal in sidor
    return False


def _klient(persona) -> tuple[Client, SimpleCookie]:
    """A client logged in once as the persona, and its cookies to restore before each request
    (a logout in a rolled-back request changes the cookie but not the stored session)."""
    client = Client()
    _logga_in(client, persona)
    return client, copy.deepcopy(client.cookies)


def _begar(klient: tuple[Client, SimpleCookie], metod: str, url: str, data: dict):
    client, kakor = klient
    client.cookies = copy.deepcopy(kakor)
    with transaction.atomic():
        svar = client.post(url, data) if metod == "POST" else client.get(url)
        transaction.set_rollback(True)
    assert svar.status_code < 500, f"{metod} {url} gav {svar.status_code}"
    return svar


def _komplettera(varld: Varld) -> None:
    """Objects the demo does not make: an attachment of the demo applicant's own."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ansokan import services as ansokan_services
    from ansokan.models import Ansokan

    ansokan = Ansokan.objects.filter(sokande=varld.sokande, status="inkommen").first()
    ansokan_services.bilaga_spara(
        ansokan=ansokan,
        fil=SimpleUploadedFile(
            "kontoutdrag.pdf",
            b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
            "application/pdf",
        ),
        kategori="kontoutdrag",
        av_person=varld.sokande,
    )
    # Kommunicering, handlingsplan and remiss on one of the applicant's utredningar, and an
    # orosanmälan on its Akt, made through the real services.
    import datetime

    from django.utils import timezone

    from barnkonsekvens import services as barn_services
    from bistand.models import User
    from utredning import services as utredning_services
    from utredning.models import Utredning

    h1 = User.objects.get(username="handlaggare1")
    utredning = Utredning.objects.filter(ansokan__sokande=varld.sokande).order_by("pk").first()
    idag = timezone.localdate()
    utredning_services.kommunicering_skicka(
        utredning=utredning, av=h1, vad="Uppgift från Försäkringskassan", svara_senast=idag
    )
    utredning_services.handlingsplan_spara(
        utredning=utredning,
        mal="Egen försörjning",
        aktiviteter="Söka arbete",
        sokandes_ataganden="Söka fem jobb i veckan",
        handlaggarens_ataganden="Remiss till arbetsmarknadsenheten",
        uppfoljning=idag + datetime.timedelta(days=30),
    )
    utredning_services.remiss_skicka(
        utredning=utredning, av=h1, person=varld.sokande, text="Arbetsträning", skickad=idag
    )
    barn_services.orosanmalan_registrera(
        akt=utredning.ansokan.akt, av=h1, datum=idag, mottagare="Barn och unga", skal="Oro"
    )
    # A grant to a protected Akt of the Enhet, given by its enhetschef.
    from bistand import access as kart_access
    from bistand import skydd

    skyddad = kart_access.skyddade_akter_for_chef(User.objects.get(username="enhetschef1"))
    skydd.medgivande_bevilja(
        akt=skyddad.order_by("pk").first(),
        anvandare=User.objects.get(username="forste1"),
        av=User.objects.get(username="enhetschef1"),
        skal="Vikarierar för handläggaren",
        till=idag + datetime.timedelta(days=14),
    )
    # Quality work of the Enhet: a journalgranskning with an åtgärd (the enhetschef draws and
    # reviews) and the month's sample of reads of the access log.
    from bistand.access import akt_for_user
    from kvalitet import services as kvalitet_services

    chef = User.objects.get(username="enhetschef1")
    kvalitet_services.granskning_dra_stickprov(
        enhet=varld.enhet,
        ar=idag.year,
        av=chef,
        urvalsfro=1,
        antal=10,
        granskare=kvalitet_services.GRANSKARE_JAG,
    )
    from kvalitet.models import Granskning, GranskningStatus

    granskning = Granskning.objects.filter(
        enhet=varld.enhet, status=GranskningStatus.DRAGEN
    ).first()
    if granskning.granskare_id != chef.pk:
        kvalitet_services.granskning_byt_granskare(granskning=granskning, granskare=chef)
        granskning.refresh_from_db()
    kvalitet_services.granskning_spara(
        granskning=granskning,
        av=chef,
        svar={},
        sammanfattning="",
        aterkoppling="",
        atgarder=[("Skriv journal samma dag", idag + datetime.timedelta(days=30))],
        skicka=False,
    )
    akt_for_user(h1, utredning.ansokan.akt_id, sida="akt")
    # The demo applicant appeals the delvis bifall (so the e-tjänst can withdraw it).
    from beslut import services as beslut_services
    from beslut.models import Beslut

    beslut = Beslut.objects.filter(
        brev__ansokan__sokande=varld.sokande, utfall="delvis_bifall"
    ).first()
    beslut_services.overklagande_registrera(
        beslut=beslut, text="Jag behöver hela beloppet.", inkommen=idag, av=h1
    )
    kvalitet_services.loggstickprov_dra(enhet=varld.enhet, manad=idag, av=chef)
    kvalitet_services.arendedragning_anmal(
        akt=utredning.ansokan.akt,
        av=h1,
        motesdatum=idag + datetime.timedelta(days=7),
        forslag="Bifall",
        fraga="Räcker underlaget?",
    )
    # Payments: ekonomi1 holds the attest right; a proposed account change waits for a
    # second person; the ready orders go into a payment file.
    from utbetalning import services as utbetalning_services
    from utbetalning.behorighet import ge_attestratt
    from utbetalning.models import Betalningsmottagare

    ge_attestratt(User.objects.get(username="ekonomi1"))
    # The matrix states roles; the attest right is an individual permission on top of one,
    # so the enhetschef personas here hold none.
    for chef_namn in ("enhetschef1", "enhetschef2"):
        User.objects.get(username=chef_namn).user_permissions.remove(
            *User.objects.get(username=chef_namn).user_permissions.filter(codename="attestera")
        )
    mottagare = Betalningsmottagare.objects.order_by("pk").first()
    utbetalning_services.kontoandring_foresla(
        mottagare=mottagare,
        kontotyp="bankkonto",
        clearingnummer="5000",
        kontonummer="1000004",
        av=User.objects.get(username="admin"),
    )
    # Objects the demo does not hold: a registerutdrag asked for and one released, a request
    # for a decision (FL 12 §; made directly, the six months have not passed in the demo), a
    # decided återkrav with its letter, an avvikelse reported by the enhetschef (so the
    # handläggare persona is not its reporter) and a gallringsförslag waiting for review.
    from ansokan.models import Ansokan as AnsokanModell
    from ansokan.models import BegaranOmAvgorande
    from bistand import registerutdrag
    from bistand.models import Gallringsforslag
    from synpunkter import services as synpunkt_services

    registerutdrag.registerutdrag_begar(person=varld.sokande)
    registerutdrag.registerutdrag_lamna_ut(
        utdrag=registerutdrag.registerutdrag_begar(person=varld.sokande), av=h1
    )
    egen = AnsokanModell.objects.filter(sokande=varld.sokande, status="inkommen").first()
    BegaranOmAvgorande.objects.create(
        ansokan=egen,
        begard=idag,
        av_person=varld.sokande,
        senast=idag + datetime.timedelta(weeks=4),
    )
    forste = User.objects.get(username="forste1")
    krav = utbetalning_services.aterkrav_foresla(
        akt=utredning.ansokan.akt,
        person=varld.sokande,
        orsak="uppgifter",
        belopp=Decimal("1200"),
        beskrivning="Lön som inte uppgavs",
        av=h1,
    )
    utbetalning_services.aterkrav_besluta(
        aterkrav=krav,
        av=forste,
        belopp=Decimal("1200"),
        grund="1_oriktiga",
        ond_tro=None,
        motivering="Inkomsten uppgavs inte.",
        plan=[(idag + datetime.timedelta(days=30), Decimal("1200"))],
    )
    synpunkt_services.avvikelse_rapportera(
        rapporterad_av=chef, typ="avvikelse", beskrivning="Ett brev gick till fel adress."
    )
    Gallringsforslag.objects.create(namnd=varld.enhet.namnd, bedomningsdag=idag)
    if not utbetalning_services.betalfil_skapa(
        namnd=varld.enhet.namnd, dag=idag + datetime.timedelta(days=60)
    ):
        # No order is ready in the demo: a stored file of no payments stands in for one.
        from utbetalning.models import Betalfil

        Betalfil.objects.create(
            namnd=varld.enhet.namnd,
            betalningsdag=idag,
            meddelande_id="BEHORIGHET-1",
            antal=0,
            kontrollsumma=0,
            xml="<Document/>",
            sha256="0" * 64,
        )
