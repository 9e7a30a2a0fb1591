"""Storstad-scale benchmark data of utredning (docs/prestanda.md: "Storstadsdata").

Every ansökan that has left the intake (under utredning, komplettering begärd, beslutad,
avslutad) gets its Utredning and one saved beräkning sheet, calculated by the real
calculation from the household's dated memberships on the first of the month; ansökningar
with a decision, and half of those still under utredning, also get a förslag per requested
post. Rows only, in bulk (`bistand.skala.SkalaContext.bulk`); runs after `ansokan.skala`.
"""

from __future__ import annotations

import datetime

from ansokan.models import Ansokan, AnsokanPost, Status
from bistand.models import Akt, HushallMedlem, MedlemsRoll
from bistand.skala import egen_tidpunkt

from .berakning import berakna
from .demo import riksnorm_exempel_sakerstall
from .models import Berakning, ForslagPost, Utfall, Utredning
from .selectors import berakning_parametrar
from .underlag import tolka_underlag, underlag_som_dict

AKT_PARTI = 1000
EFTER_INTAG = [
    Status.UNDER_UTREDNING,
    Status.KOMPLETTERING_BEGARD,
    Status.BESLUTAD,
    Status.AVSLUTAD,
]
ANDEL_AVSLAG = 0.08  # of rent and electricity posts
AVSLAG_MOTIVERING = (
    "Kostnaden är högre än vad som är skäligt för ett hushåll av er storlek i kommunen."
)
BOENDE = range(5200, 10400, 100)


def _alder(fodd: datetime.date, dag: datetime.date) -> int:
    return dag.year - fodd.year - ((dag.month, dag.day) < (fodd.month, fodd.day))


def _underlag(medlemmar, manad: datetime.date, rng, hyra) -> dict:
    """The API's request shape for the household on the first of the month (as
    `selectors.hushall_berakningsunderlag`, from rows already read)."""
    personer = []
    ovriga = 0
    for roll, fodd, fran, till, umgange in medlemmar:
        if fran > manad or (till is not None and till < manad):
            continue
        if roll == MedlemsRoll.OVRIG_VUXEN or (
            roll == MedlemsRoll.BARN and _alder(fodd, manad) >= 21
        ):
            ovriga += 1
            continue
        person = {"roll": roll, "fodelsedatum": fodd.isoformat()}
        if roll == MedlemsRoll.BARN:
            person["umgangesdagar"] = umgange
        personer.append(person)
    personer.sort(key=lambda p: ["sokande", "medsokande", "barn"].index(p["roll"]))
    ensam = all(p["roll"] == "sokande" for p in personer)
    return {
        "manad": f"{manad:%Y-%m}",
        "personer": personer,
        "hushallsgemenskap": 1 + ovriga if ensam and ovriga else None,
        "kostnader": {
            "boende": int(hyra or rng.choice(BOENDE)),
            "hushallsel": rng.randrange(250, 700, 10),
            "hemforsakring": rng.choice([0, 150, 180, 210]),
        },
        "inkomster": (
            [{"person": 0, "typ": "a_kassa", "belopp": rng.randrange(2000, 9000, 100)}]
            if rng.random() < 0.3
            else []
        ),
        "manader_i_foljd_med_bistand": rng.randrange(0, 14),
    }


def seed(ctx) -> None:
    # Benchmark data, as the demo: a year begun before its riksnorm is entered calculates with
    # the example for it (docs/regler.md: Riksnorm).
    riksnorm_exempel_sakerstall(ctx.idag)
    rng = ctx.rng
    akt_ids = ctx.data.get("akt_ids", [])
    parametrar: dict[datetime.date, tuple] = {}
    reserv = {
        enhet: lista[0].pk for enhet, lista in ctx.data.get("handlaggare", {}).items() if lista
    }
    for i in range(0, len(akt_ids), AKT_PARTI):
        ids = akt_ids[i : i + AKT_PARTI]
        akter = {
            pk: (hushall, handlaggare or reserv.get(enhet))
            for pk, hushall, handlaggare, enhet in Akt.objects.filter(pk__in=ids).values_list(
                "pk", "hushall_id", "handlaggare_id", "enhet_id"
            )
        }
        medlemmar: dict[int, list] = {}
        for hushall_id, *rad in HushallMedlem.objects.filter(
            hushall_id__in={h for h, _ in akter.values()}
        ).values_list(
            "hushall_id", "roll", "person__fodelsedatum", "fran", "till", "umgangesdagar"
        ):
            medlemmar.setdefault(hushall_id, []).append(rad)
        ansokningar = list(
            Ansokan.objects.filter(akt_id__in=ids, status__in=EFTER_INTAG)
            .order_by("pk")
            .values_list("pk", "akt_id", "status", "period", "inkommen_tid")
        )
        poster: dict[int, list] = {}
        for pk, ansokan_id, kod, belopp in AnsokanPost.objects.filter(
            ansokan_id__in=[a[0] for a in ansokningar]
        ).values_list("pk", "ansokan_id", "posttyp__kod", "belopp"):
            poster.setdefault(ansokan_id, []).append((pk, kod, belopp))

        utredningar = []
        berakningar = []
        for pk, akt_id, _, period, inkommen in ansokningar:
            hushall_id, av = akter[akt_id]
            startad = inkommen + datetime.timedelta(days=rng.randint(1, 4))
            utredningar.append(
                Utredning(
                    ansokan_id=pk,
                    startad=startad,
                    startad_av_id=av,
                    sokandes_berattelse="Jag söker fortsatt bistånd och letar arbete.",
                    individuell_bedomning="Hushållet saknar andra inkomster än de redovisade.",
                    hushall_bekraftat=startad.date(),
                )
            )
            if period not in parametrar:
                parametrar[period] = berakning_parametrar(period)
            riksnorm, figurer = parametrar[period]
            hyra = next((b for _, kod, b in poster.get(pk, []) if kod == "hyra"), None)
            underlag = tolka_underlag(_underlag(medlemmar[hushall_id], period, rng, hyra))
            resultat = berakna(underlag, figurer)
            berakningar.append(
                Berakning(
                    ansokan_id=pk,
                    manad=resultat.manad,
                    underlag=underlag_som_dict(underlag),
                    resultat=resultat.som_blad(),
                    riksnorm=riksnorm,
                    riksnorm_summa=resultat.riksnorm,
                    skaliga_kostnader=resultat.skaliga_kostnader,
                    inkomster=resultat.inkomster,
                    behov=resultat.behov,
                    bistand=resultat.bistand,
                    verifierad=resultat.verifierad,
                    skapad=startad,
                    skapad_av_id=av,
                )
            )
        with egen_tidpunkt(Utredning, "startad"):
            utredningar = ctx.bulk(Utredning, utredningar, etikett="utredningar")
        with egen_tidpunkt(Berakning, "skapad"):
            berakningar = ctx.bulk(Berakning, berakningar, etikett="beräkningar")

        def forslag(
            utredningar=utredningar, berakningar=berakningar, ansokningar=ansokningar, poster=poster
        ):
            for utredning, berakning, (pk, _, status, _, _) in zip(
                utredningar, berakningar, ansokningar, strict=True
            ):
                if status == Status.UNDER_UTREDNING and rng.random() < 0.5:
                    continue
                for post_id, kod, belopp in poster.get(pk, []):
                    if kod == "forsorjningsstod":
                        utfall, summa, motivering = Utfall.BIFALL, berakning.bistand, ""
                    elif rng.random() < ANDEL_AVSLAG:
                        utfall, summa, motivering = Utfall.AVSLAG, None, AVSLAG_MOTIVERING
                    else:
                        utfall, summa, motivering = Utfall.BIFALL, belopp, ""
                    yield ForslagPost(
                        utredning_id=utredning.pk,
                        post_id=post_id,
                        utfall=utfall,
                        belopp=summa,
                        motivering=motivering,
                        berakning_id=berakning.pk,
                    )

        ctx.bulk(ForslagPost, forslag(), etikett="förslag till beslut")
