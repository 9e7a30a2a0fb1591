"""Demo data of synpunkter, run by `seed_demo` after beslut: synpunkter in enhet 1 in every
channel and state (one from the demo applicant 19900101-2385, answered in the e-tjänst), one in
enhet 2, one about an enhetschef (handled by avdelningschef1), an IVO matter with a complaint
it returned, and a lex Sarah report awaiting its IVO report. Everything goes through the real
services. Idempotent: a second run creates nothing."""

from __future__ import annotations

import datetime

from ansokan.selectors import person_akt
from bistand.models import Person

from . import services
from .grunddata import grunddata_sakerstall
from .models import Omrade, Synpunkt
from .selectors import beslutsbrev_for_person


def _omr(*koder: str) -> list[Omrade]:
    return list(Omrade.objects.filter(kod__in=koder))


def seed(ctx) -> None:
    grunddata_sakerstall()
    if Synpunkt.objects.exists():
        ctx.say("  Synpunkter finns redan – inget nytt skapat.")
        return
    namnd = ctx.data["namnd"]
    enhet1, enhet2 = ctx.data["enheter"]
    u = ctx.data["anvandare"]
    h1, chef1, chef2 = u["handlaggare1"], u["enhetschef1"], u["enhetschef2"]
    dag = ctx.idag

    def registrera(dagar_sedan: int, **kwargs) -> Synpunkt:
        kwargs.setdefault("slag", "klagomal")
        return services.synpunkt_registrera(
            namnd=namnd, inkom=dag - datetime.timedelta(days=dagar_sedan), **kwargs
        )

    # 1. The demo applicant complains in the e-tjänst and reads the answer in Mina sidor.
    sara = Person.objects.filter(identitet="199001012385").first()

    sara_akt = person_akt(sara) if sara else None
    brev = beslutsbrev_for_person(sara) if sara else []
    besvarad = registrera(
        20,
        kanal="etjanst",
        text="Jag tycker att beslutet om hyran var orättvist och ingen förklarade varför.",
        omraden=_omr("bemotande", "handlaggning"),
        person=sara,
        akt=sara_akt,
        enhet=enhet1,
        beslutsbrev=brev[0] if brev else None,
        vill_ha_svar=sara is not None,
        svarssatt="etjanst" if sara else "",
        namn="" if sara else "Sara Demo",
        anonym=False,
    )
    services.synpunkt_utreda(
        synpunkt=besvarad,
        av=chef1,
        utredning="Beslutet följer riktlinjerna, men skälen förklarades inte muntligt.",
        atgarder="Handläggaren ringer upp och förklarar. Ta upp muntlig förklaring på APT.",
    )
    services.synpunkt_aterkoppla(
        synpunkt=besvarad,
        av=chef1,
        satt="etjanst" if sara else "brev",
        text="Tack för att du hörde av dig. Beslutet följer nämndens riktlinjer, men vi borde ha "
        "förklarat det bättre. Din handläggare ringer dig den här veckan. Vill du att beslutet "
        "ändras kan du överklaga det.",
    )

    # 2. By phone, waiting for receipt.
    registrera(
        1,
        kanal="telefon",
        fragan_stalld=True,
        registrerad_av=h1,
        text="Kommer inte fram på telefontiden, det är alltid upptaget.",
        omraden=_omr("tillganglighet"),
        namn="Ali Hassan",
        telefon="070-000 00 01",
        enhet=enhet1,
        vill_ha_svar=True,
        svarssatt="telefon",
    )
    # 3. At a visit, a suggestion, received.
    mottagen = registrera(
        6,
        kanal="besok",
        slag="forslag",
        fragan_stalld=True,
        registrerad_av=h1,
        text="Skicka gärna en påminnelse i e-tjänsten innan återansökan ska vara inne.",
        omraden=_omr("information"),
        namn="Lena Berg",
        enhet=enhet1,
    )
    services.synpunkt_kvittera(synpunkt=mottagen, av=chef1)
    # 4. By letter, about a handläggare: answered by letter and closed.
    avslutad = registrera(
        40,
        kanal="brev",
        registrerad_av=h1,
        text="Min handläggare har inte svarat på mina meddelanden på tre veckor.",
        omraden=_omr("handlaggning", "tillganglighet"),
        namn="Johan Ek",
        adress="Storgatan 1, 123 45 Demostad",
        berord_personal=h1,
        vill_ha_svar=True,
        svarssatt="brev",
    )
    services.synpunkt_aterkoppla(
        synpunkt=avslutad,
        av=chef1,
        satt="brev",
        text="Vi beklagar att du inte fick svar. Meddelanden i e-tjänsten ska besvaras inom två "
        "arbetsdagar, och vi har nu rutin för ersättare vid frånvaro.",
    )
    services.synpunkt_avsluta(synpunkt=avslutad, av=chef1)
    # 5. By e-mail, praise, no answer wanted, closed.
    berom = registrera(
        12,
        kanal="epost",
        slag="berom",
        registrerad_av=chef1,
        text="Tack till receptionen som hjälpte mig med ansökan.",
        omraden=_omr("bemotande"),
        namn="Maria Lind",
        epost="maria@exempel.se",
        enhet=enhet1,
    )
    services.synpunkt_avsluta(synpunkt=berom, av=chef1)
    # 6. Orally at a meeting, under investigation.
    mote = registrera(
        4,
        kanal="mote",
        fragan_stalld=True,
        registrerad_av=h1,
        text="Jag fick inte vara med och bestämma om handlingsplanen.",
        omraden=_omr("delaktighet"),
        namn="Ahmed Ali",
        enhet=enhet1,
    )
    services.synpunkt_kvittera(synpunkt=mote, av=chef1)
    services.synpunkt_utreda(
        synpunkt=mote,
        av=chef1,
        utredning="Handlingsplanen upprättades utan möte. Samtal med handläggaren bokat.",
        atgarder="",
    )
    # 7. Anonymous in the e-tjänst.
    registrera(
        2,
        kanal="etjanst",
        anonym=True,
        text="Väntrummet är trångt och det finns ingen plats att prata ostört.",
        omraden=_omr("bemotande", "annat"),
        enhet=enhet1,
    )
    # 8. About enhetschef1: handled by the avdelningschef.
    registrera(
        3,
        kanal="epost",
        registrerad_av=h1,
        text="Enhetschefen lovade att ringa tillbaka men gjorde det aldrig.",
        omraden=_omr("bemotande"),
        namn="Karl Nord",
        epost="karl@exempel.se",
        berord_personal=chef1,
        vill_ha_svar=True,
        svarssatt="epost",
    )
    # Enhet 2: one by phone, answered.
    soder = registrera(
        9,
        kanal="telefon",
        fragan_stalld=True,
        registrerad_av=u["handlaggare2"],
        text="Beslutet kom först efter att pengarna behövdes.",
        omraden=_omr("handlaggning"),
        namn="Eva Söder",
        telefon="070-000 00 02",
        enhet=enhet2,
        vill_ha_svar=True,
        svarssatt="telefon",
    )
    services.synpunkt_aterkoppla(
        synpunkt=soder,
        av=chef2,
        satt="telefon",
        text="Ringde och förklarade handläggningstiden; ansökan var inte komplett förrän den 5:e.",
    )

    # An IVO matter: a yttrande due, and a complaint IVO returned to the nämnd.
    avdchef = u.get("avdelningschef1")
    ivo = services.tillsyn_registrera(
        namnd=namnd,
        myndighet="ivo",
        diarienummer=f"3.5.1-{dag:%y}001",
        inkom=dag - datetime.timedelta(days=5),
        beskrivning="IVO begär nämndens yttrande över klagomål på bemötande och tillgänglighet.",
        ansvarig=avdchef,
        yttrande_senast=dag + datetime.timedelta(days=16),
        synpunkter=[avslutad],
        akter=[avslutad.akt] if avslutad.akt else [],
    )
    services.tillsyn_aterfor_som_synpunkt(
        arende=ivo,
        text="Klagomål som IVO lämnat över till nämnden: sökanden fick avslag utan förklaring.",
        av=avdchef,
        omraden=_omr("handlaggning"),
        namn="Ida Väst",
        enhet=enhet1,
        inkom=dag - datetime.timedelta(days=5),
    )

    # A lex Sarah report: investigated, judged allvarligt, the IVO report due.
    sarah = services.avvikelse_rapportera(
        rapporterad_av=h1,
        typ="missforhallande",
        beskrivning="Akut ansökan om matpengar blev liggande över helgen utan beslut.",
        intraffade=dag - datetime.timedelta(days=8),
        omedelbara_atgarder="Beslut fattades på måndagen; familjen fick matkort samma dag.",
    )
    services.avvikelse_utreda(
        avvikelse=sarah,
        av=chef1,
        utredning="Ansökan kom in fredag 15.30; ingen bevakning för akuta ärenden fanns.",
        atgarder="Akuta ansökningar bevakas nu samma dag och förste har beredskap fredagar.",
    )
    services.avvikelse_bedom(
        avvikelse=sarah,
        av=chef1,
        allvarligt=True,
        bedomning="En barnfamilj stod utan mat över en helg: allvarligt missförhållande.",
    )
    services.avvikelse_rapportera(
        rapporterad_av=u["handlaggare2"],
        typ="avvikelse",
        beskrivning="Fel mall användes för ett beslutsbrev; rättat innan det skickades.",
        intraffade=dag - datetime.timedelta(days=2),
    )
    ctx.say(
        f"  {Synpunkt.objects.count()} synpunkter, ett IVO-ärende och en lex Sarah-rapport. "
        "Logga in som enhetschef1 eller avdelningschef1 och öppna Synpunkter."
    )
