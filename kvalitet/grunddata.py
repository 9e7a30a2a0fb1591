"""Reference data of kvalitet: the journalgranskning checklist and its parameters.

Created when missing, never overwriting an administrator's edit (docs/regler.md,
Kvalitetsarbete och statistik).
"""

from __future__ import annotations

import datetime

GRANSKNINGSPUNKTER = [
    (
        10,
        "Dokumentation",
        "Är journalen aktuell, signerad och begriplig? Framgår vad som hänt i ärendet och varför?",
    ),
    (
        20,
        "Sökandens delaktighet och egen syn",
        "Har sökanden fått komma till tals och finns sökandens egen syn på sin situation med?",
    ),
    (
        30,
        "Barnperspektiv",
        "Finns barnets bästa med, och barnkonsekvensanalys där den krävs?",
    ),
    (
        40,
        "Motivering",
        "Är besluten motiverade med en individuell bedömning och rätt lagrum?",
    ),
    (
        50,
        "Kontroller",
        "Är kontrollerna för ansökningstypen gjorda och dokumenterade?",
    ),
    (
        60,
        "Kommunicering",
        "Har uppgifter som talar emot sökanden kommunicerats innan beslut (FL 25 §)?",
    ),
    (
        70,
        "Tidsfrister",
        "Har ansökan, kompletteringar och överklaganden hanterats inom fristerna?",
    ),
]

# (kod, giltig_fran, varde, beskrivning, kalla)
PARAMETRAR = [
    (
        "journalgranskning-antal-per-ar",
        datetime.date(2020, 1, 1),
        3,
        "Journalgranskning: antal slumpvis dragna akter per handläggare och år",
        "Nämndens kvalitetsledningssystem (egenkontroll, SOSFS 2011:9 5 kap. 2 §)",
    ),
    (
        "loggkontroll-stickprov-per-manad",
        datetime.date(2020, 1, 1),
        10,
        "Loggkontroll: antal slumpvis dragna läsningar per enhet och månad",
        "Nämndens rutin för loggkontroll (dataskyddsförordningen art. 32)",
    ),
    (
        "loggkontroll-larm-akter-per-dag",
        datetime.date(2020, 1, 1),
        25,
        "Loggkontroll: larm när en användare öppnar fler olika akter än så på en dag",
        "Nämndens rutin för loggkontroll (dataskyddsförordningen art. 32)",
    ),
    (
        "likvardighet-avvikelse-procentenheter",
        datetime.date(2020, 1, 1),
        20,
        "Likvärdighet: avvikelse i procentenheter från enhetens andel bifall som flaggas",
        "Nämndens rutin för likvärdig bedömning",
    ),
    (
        "likvardighet-minsta-antal",
        datetime.date(2020, 1, 1),
        5,
        "Likvärdighet: minsta antal beslut i en grupp för att jämföra handläggare",
        "Nämndens rutin för likvärdig bedömning",
    ),
    (
        "domar-andel-andrade-flagga",
        datetime.date(2020, 1, 1),
        30,
        "Domar: andel (%) ändrade beslut för ett avsnitt i riktlinjerna som flaggas för översyn",
        "Nämndens rutin för uppföljning av domar",
    ),
]


PARAMETRAR.append(
    (
        "statistik-kommunkod",
        datetime.date(2020, 1, 1),
        9999,
        "Statistik till Socialstyrelsen: kommunens fyrsiffriga kommunkod (ändra till er kod)",
        "HSLF-FS 2015:30; SCB:s kommunkoder",
    )
)
PARAMETRAR.append(
    (
        "arendedragning-veckodag",
        datetime.date(2020, 1, 1),
        3,
        "Ärendedragning: veckodag för enhetens forum (1 = måndag … 5 = fredag)",
        "Enhetens mötesplan",
    )
)


def grunddata_sakerstall(punkt_model=None, parameter_model=None) -> None:
    """Create what is missing; the model arguments let a migration pass historical models."""
    if punkt_model is None:
        # Only on this path: migrations pass their own (historical) models.
        from bistand.models import Parameter as parameter_model

        from .models import GranskningsPunkt as punkt_model
    if not punkt_model.objects.exists():
        for ordning, rubrik, fraga in GRANSKNINGSPUNKTER:
            punkt_model.objects.create(ordning=ordning, rubrik=rubrik, fraga=fraga)
    for kod, fran, varde, beskrivning, kalla in PARAMETRAR:
        parameter_model.objects.get_or_create(
            kod=kod,
            giltig_fran=fran,
            defaults={"varde": varde, "beskrivning": beskrivning, "kalla": kalla},
        )
