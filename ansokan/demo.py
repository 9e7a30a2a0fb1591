"""Demo data of the ansokan app (docs/arkitektur.md: E-tjänst), run by `seed_demo` after the core.

The two demo applicants (Skatteverket's test personnummer 19900101-2385 and 19900116-2396)
get ansökningar in every state of this issue: a draft, one submitted incomplete, one with a
komplettering requested and one with it answered. Other Akter get ansökningar from paper,
phone and visit intake and an akut ansökan, so the handläggare's list shows every channel.
Everything goes through the real services. Idempotent: a second run creates nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from bistand.models import Person

from . import services
from .grunddata import grunddata_sakerstall
from .models import Ansokan, Enhetsregel, Kanal, Posttyp, Typ


def _poster(*koder_belopp: tuple[str, str | None]) -> list[tuple[Posttyp, Decimal | None, str]]:
    typer = {p.kod: p for p in Posttyp.objects.all()}
    return [(typer[k], Decimal(b) if b else None, "") for k, b in koder_belopp]


def _etjanst(person: Person, typ: str, *, epost: str = "") -> Ansokan:
    utkast = services.ansokan_utkast_skapa(sokande=person, typ=typ)
    services.ansokan_utkast_spara(
        ansokan=utkast,
        steg="kontakt",
        data={
            "adress": person.adress,
            "postnummer": person.postnummer,
            "ort": person.ort,
            "telefon": "",
            "epost": epost,
        },
    )
    services.ansokan_poster_spara(
        ansokan=utkast, poster=_poster(("forsorjningsstod", None), ("hyra", "6450"))
    )
    services.ansokan_utkast_spara(
        ansokan=utkast,
        steg="berattelse",
        data={"berattelse": "Jag har blivit arbetslös och a-kassan räcker inte.", "planer": ""},
    )
    return utkast


@transaction.atomic
def seed(ctx) -> None:
    grunddata_sakerstall()
    enheter = ctx.data["enheter"]
    Enhetsregel.objects.get_or_create(standard=True, defaults={"enhet": enheter[0]})
    Enhetsregel.objects.get_or_create(
        postnummer_prefix="5", standard=False, defaults={"enhet": enheter[1]}
    )
    akter = [a for a in ctx.data["akter"] if a.enhet_id == enheter[0].pk]
    forsta = Person.objects.filter(identitet="199001012385").first()
    andra = Person.objects.filter(identitet="199001162396").first()
    if forsta is None or andra is None:
        ctx.say("Demosökande saknas – inga ansökningar skapade.")
        return
    if Ansokan.objects.filter(sokande__in=[forsta, andra]).exists():
        ctx.say("Ansökningar finns redan – inget nytt skapat.")
        return
    h1 = ctx.data["anvandare"]["handlaggare1"]
    idag = ctx.idag

    # 1. Submitted incomplete (no attachments, no amounts for försörjningsstöd).
    inkommen = _etjanst(forsta, Typ.NYANSOKAN, epost="sokande1@exempel.se")
    services.ansokan_skicka_in(ansokan=inkommen, sokande=forsta)

    # 2. Komplettering requested by handlaggare1, deadline chosen with the applicant.
    begard = _etjanst(andra, Typ.NYANSOKAN)
    services.ansokan_skicka_in(ansokan=begard, sokande=andra)
    services.komplettering_begar(
        ansokan=begard,
        av=h1,
        vad="Kontoutdrag för de senaste tre månaderna",
        varfor="Vi behöver se dina inkomster och utgifter för att kunna räkna fram ditt behov.",
        senast=idag + datetime.timedelta(days=10),
        datum_foreslaget_av_sokande=True,
    )

    # 3. Komplettering requested and answered (back to inkommen), with a message each way.
    besvarad = _etjanst(forsta, Typ.AKUT)
    services.ansokan_skicka_in(ansokan=besvarad, sokande=forsta)
    k = services.komplettering_begar(
        ansokan=besvarad,
        av=h1,
        vad="Hyresavi för nästa månad",
        varfor="Hyran ska räknas med i beräkningen.",
        senast=idag + datetime.timedelta(days=3),
    )
    services.komplettering_besvara(
        komplettering=k, text="Hyran är 6 450 kr, samma som förut.", av_person=forsta
    )
    services.meddelande_skicka(
        ansokan=besvarad, text="Hej! Vi har fått din hyresavi. Vi hör av oss i dag.", av=h1
    )
    services.meddelande_skicka(ansokan=besvarad, text="Tack för beskedet.", av_person=forsta)

    # 4. A draft the applicant can continue (a monthly återansökan prefilled from the last).
    services.ansokan_utkast_skapa(sokande=forsta, typ=Typ.ATERANSOKAN)

    # Other channels, registered by staff, side by side with the e-tjänst in the list.
    for akt, kanal, dagar_sedan in [
        (akter[2], Kanal.PAPPER, 6),
        (akter[3], Kanal.TELEFON, 3),
        (akter[5], Kanal.BESOK, 1),
    ]:
        sokande = akt.hushall.medlemmar.filter(roll="sokande").first().person
        services.ansokan_registrera(
            sokande=sokande,
            av=h1,
            typ=Typ.NYANSOKAN,
            kanal=kanal,
            mottagen=idag - datetime.timedelta(days=dagar_sedan),
            uppgifter={"intag": {"text": f"Ansökan inkom via {kanal.label.lower()}."}},
            poster=_poster(("forsorjningsstod", None)),
        )
    ctx.say("Skapade ansökningar i alla lägen för demosökande 19900101-2385 och 19900116-2396.")
