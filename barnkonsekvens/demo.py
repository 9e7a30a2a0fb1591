"""Demo data of barnkonsekvens (docs/regler.md: Barnkonsekvensanalys): a family case where an
analysis is required and missing (avslag proposed), and one where it is done with a barnsamtal
(delvis bifall).

Run by `manage.py seed_demo` after utredning (docs/arkitektur.md: Appar). Utredning's demo may name
the two ansökningar in ctx.data["familj_utan_bka"] and ctx.data["familj_med_bka"]; otherwise
suitable family cases of handlaggare1's Enhet are chosen here. Idempotent: a second run finds both
cases already in place and changes nothing.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q

from ansokan.models import Ansokan, AnsokanPost, Status
from bistand.models import HushallMedlem, MedlemsRoll, Skydd
from utredning import selectors as utredning_selectors
from utredning import services as utredning_services
from utredning.models import ForslagPost

from . import services
from .grunddata import grunddata_sakerstall
from .guard import barnkonsekvens_vakt
from .models import Barnkonsekvensanalys
from .regler import barnkonsekvens_krav

FORSORJNING = "forsorjningsstod"


def seed(ctx) -> None:
    grunddata_sakerstall()
    h1 = ctx.data["anvandare"]["handlaggare1"]
    med = _hamta(ctx.data.get("familj_med_bka"))
    utan = _hamta(ctx.data.get("familj_utan_bka"))
    if med is None:
        med = _redan_med() or _kandidat(h1, undanta=utan)
    if med is not None:
        _forslag(med, h1, "delvis_bifall")
        _signerade_analyser(ctx, med, h1)
    if utan is None:
        utan = _redan_utan(h1, undanta=med) or _kandidat(h1, undanta=med)
    if utan is not None:
        _forslag(utan, h1, "avslag")
    ctx.say(
        "  Barnkonsekvensanalys: "
        f"krävs och saknas i {utan or '–'}, klar med barnsamtal i {med or '–'}"
    )


def _hamta(pk) -> Ansokan | None:
    if pk is None:
        return None
    return Ansokan.objects.select_related("akt").filter(pk=getattr(pk, "pk", pk)).first()


def _familjer(h1):
    """Open ansökningar of handlaggare1's Enhet whose household has a child and no protected
    member, with a försörjningsstöd post."""
    barn = HushallMedlem.objects.filter(
        hushall_id=OuterRef("akt__hushall_id"), roll=MedlemsRoll.BARN, till__isnull=True
    )
    skyddad = HushallMedlem.objects.filter(hushall_id=OuterRef("akt__hushall_id")).exclude(
        person__skydd=Skydd.INGET
    )
    forsorjning = AnsokanPost.objects.filter(ansokan=OuterRef("pk"), posttyp__kod=FORSORJNING)
    return (
        Ansokan.objects.filter(akt__enhet_id=h1.enhet_id)
        .filter(Exists(barn), Exists(forsorjning), ~Exists(skyddad))
        .select_related("akt")
        .order_by("pk")
    )


def _redan_med() -> Ansokan | None:
    analys = Barnkonsekvensanalys.objects.filter(signerad__isnull=False, barnsamtal=True).first()
    return analys.ansokan if analys else None


def _redan_utan(h1, undanta) -> Ansokan | None:
    avslag = ForslagPost.objects.filter(
        utredning__ansokan=OuterRef("pk"), post__posttyp__kod=FORSORJNING, utfall="avslag"
    )
    for ansokan in _familjer(h1).filter(Exists(avslag), status=Status.UNDER_UTREDNING):
        if ansokan != undanta and not barnkonsekvens_vakt(ansokan=ansokan).uppfyllt:
            return ansokan
    return None


def _kandidat(h1, undanta) -> Ansokan | None:
    """A family case under utredning without förslag yet, or failing that one still at intake
    (its utredning is started here)."""
    utan_forslag = ~Exists(ForslagPost.objects.filter(utredning__ansokan=OuterRef("pk")))
    familjer = _familjer(h1).filter(utan_forslag).exclude(pk=getattr(undanta, "pk", None))
    ansokan = (
        familjer.filter(status=Status.UNDER_UTREDNING).first()
        or familjer.filter(Q(status=Status.INKOMMEN)).first()
    )
    if ansokan is not None and ansokan.status != Status.UNDER_UTREDNING:
        utredning_services.utredning_starta(ansokan=ansokan, av=h1)
        ansokan.refresh_from_db()
    return ansokan


def _forslag(ansokan: Ansokan, h1, utfall: str) -> None:
    """The förslag on försörjningsstöd, unless one is already there."""
    utredning = utredning_selectors.utredning_for_ansokan(ansokan)
    if utredning is None:
        utredning = utredning_services.utredning_starta(ansokan=ansokan, av=h1)
    post = ansokan.poster.get(posttyp__kod=FORSORJNING)
    if ForslagPost.objects.filter(post=post).exists():
        return
    utredning_services.forslag_spara(
        utredning=utredning,
        post=post,
        utfall=utfall,
        av=h1,
        belopp=3500 if utfall == "delvis_bifall" else None,
        motivering=(
            "Hushållets inkomster täcker en del av behovet."
            if utfall == "delvis_bifall"
            else "Hushållets inkomster överstiger riksnormen och skäliga kostnader."
        ),
    )


def _signerade_analyser(ctx, ansokan: Ansokan, h1) -> None:
    """A signed analysis with a barnsamtal for every child the rule names."""
    for barn in barnkonsekvens_krav(ansokan=ansokan).barn:
        befintlig = Barnkonsekvensanalys.objects.filter(ansokan=ansokan, barn=barn).first()
        if befintlig is not None and befintlig.signerad is not None:
            continue
        analys = services.analys_spara(
            ansokan=ansokan,
            barn=barn,
            av=h1,
            behov=(
                f"{barn.fornamn} går i skolan och har fritidsaktiviteter två kvällar i veckan. "
                "Behöver vinterkläder inför säsongen."
            ),
            konsekvens_bifall="Familjen klarar mat, kläder och fritidsaktiviteter som i dag.",
            konsekvens_avslag=(
                "Pengarna till fritidsaktiviteter och kläder skulle inte räcka, och "
                f"{barn.fornamn} skulle kunna behöva sluta med sina aktiviteter."
            ),
            barnsamtal=True,
            samtal_datum=ctx.idag - datetime.timedelta(days=3),
            samtal_av=f"{h1.get_full_name() or h1.username} och en kollega med utbildning i "
            "barnsamtal",
            samtal_form="enskilt",
            barnets_asikt=(
                "Det viktigaste för mig är att få fortsätta med fotbollen och att vi kan bo "
                "kvar nära skolan."
            ),
            vagning=(
                "Hushållets inkomster täcker en del av behovet. Barnets fritidsaktiviteter och "
                "kläder har vägts in i bedömningen av skäliga kostnader."
            ),
            slutsats=(
                "Delvis bifall med kostnader för barnets fritidsaktiviteter medräknade bedöms "
                "vara förenligt med barnets bästa."
            ),
        )
        services.analys_signera(analys=analys, av=h1)
