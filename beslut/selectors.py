"""Reads of beslut (docs/arkitektur.md: Kodstil (services och selectors))."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from ansokan.access import ansokningar_for_write
from ansokan.models import Ansokan, AnsokanPost, Kategori
from bistand.access import (
    akt_atkomst_form,
    anvandarens_parametrar,
    anvandarens_varden,
    atkomst_form,
    atkomst_parametrar,
    handlaggarvy,
    roller,
)
from bistand.forberedd import Param, ParamLista, datum, forberedd
from bistand.grunddataversion import grunddata_rader
from bistand.models import Bevakning, BevakningStatus, Handelse, Roll, User
from bistand.selectors import parameter_varde
from utredning.models import Berakning, ForslagPost
from utredning.selectors import (
    berakning_koppling,
    berakning_senaste,
    forslag_belopp_fran_berakning,
)
from utredning.uppgifter import uppgift, uppgiftens_kolumner

from . import regler
from .forms import (
    AndringsbeslutForm,
    AterkallaForm,
    DomForm,
    OmprovningForm,
    OverlamnaForm,
    PostBeslutForm,
    avsnitt_fraga,
    avsnitt_val,
    lagrum_val,
)
from .models import (
    OPPNA_OVERKLAGANDEN,
    UTFALL,
    Beslut,
    Beslutsbrev,
    Beslutsmanad,
    Delegation,
    Overklagande,
    Riktlinjeniva,
    Samrad,
    beslutets_rubrik,
)
from .regler import kr, manadens_slut

UTFALL_NAMN = dict(UTFALL)


def utfall_namn(utfall: str) -> str:
    return UTFALL_NAMN.get(utfall, utfall)


def delegationsbelopp(utfall: str, belopp, post: AnsokanPost) -> Decimal:
    """The amount the delegation limit is measured on: what is granted, or for an avslag or
    avvisning what was applied for (a refusal of a large sum is a large decision)."""
    if utfall in ("bifall", "delvis_bifall") and belopp is not None:
        return Decimal(belopp)
    return Decimal(post.belopp or 0)


def _delegationer(utfall: str, posttyp_id: int, belopp: Decimal, dag: datetime.date):
    return Delegation.objects.filter(
        Q(utfall="") | Q(utfall=utfall),
        Q(posttyp__isnull=True) | Q(posttyp_id=posttyp_id),
        Q(max_belopp__isnull=True) | Q(max_belopp__gte=belopp),
        Q(giltig_till__isnull=True) | Q(giltig_till__gte=dag),
        giltig_fran__lte=dag,
    )


def _delegationer_pa_dag(dag: datetime.date) -> list[Delegation]:
    """Every line of the delegationsordning in force on `dag` (a few dozen rows), for a page
    that weighs several decisions against it in Python (`_delegation_galler`)."""
    return grunddata_rader(
        ("delegationer_pa_dag",),
        lambda: Delegation.objects.filter(
            Q(giltig_till__isnull=True) | Q(giltig_till__gte=datum("dag")),
            giltig_fran__lte=datum("dag"),
        ),
        {"dag": dag},
    )


def _delegation_galler(d: Delegation, utfall: str, posttyp_id: int, belopp: Decimal) -> bool:
    """The same test as `_delegationer`, for one line already read."""
    return (
        d.utfall in ("", utfall)
        and (d.posttyp_id is None or d.posttyp_id == posttyp_id)
        and (d.max_belopp is None or d.max_belopp >= belopp)
    )


def har_delegation(
    user: User, utfall: str, posttyp_id: int, belopp: Decimal, dag: datetime.date
) -> bool:
    """docs/regler.md: Delegation — does one of the user's roles have this kind of decision, at this
    amount?"""
    return _delegationer(utfall, posttyp_id, belopp, dag).filter(roll__in=roller(user)).exists()


def delegation_for(
    user: User, utfall: str, posttyp_id: int, belopp: Decimal, dag: datetime.date
) -> Delegation | None:
    """The delegationsordning line the user decides under (printed in the letter): the most
    specific line of one of the user's roles."""
    return (
        _delegationer(utfall, posttyp_id, belopp, dag)
        .filter(roll__in=roller(user))
        .order_by("posttyp", "-utfall", "max_belopp", "pk")
        .first()
    )


def vem_far_besluta(utfall: str, posttyp_id: int, belopp: Decimal, dag: datetime.date) -> str:
    """The roles that may make this decision, for the message shown when the user may not."""
    namn = sorted(
        set(_delegationer(utfall, posttyp_id, belopp, dag).values_list("roll", flat=True))
    )
    return ", ".join(namn)


def gallande_beslut(post: AnsokanPost) -> Beslut | None:
    """The decision in force for a post: the latest, following omprövning changes."""
    return Beslut.objects.filter(post=post).order_by("-brev__beslutsdatum", "-pk").first()


def alla_poster_beslutade(ansokan: Ansokan) -> bool:
    return not ansokan.poster.exclude(
        pk__in=Beslut.objects.filter(post__ansokan=ansokan).values("post_id")
    ).exists()


def obeslutade_poster(ansokan: Ansokan) -> list[AnsokanPost]:
    """The requested posts without a decision, with their kinds (a prepared query)."""
    return forberedd(
        ("obeslutade_poster",),
        lambda: (
            AnsokanPost.objects.filter(ansokan_id=Param("ansokan"))
            .exclude(
                pk__in=Beslut.objects.filter(post__ansokan_id=Param("ansokan")).values("post_id")
            )
            .select_related("posttyp")
        ),
    ).rader({"ansokan": ansokan.pk})


def beslut_per_post(ansokan: Ansokan) -> dict[int, Beslut]:
    """The latest decision of each post of an ansökan, with the post and its kind (a prepared
    query): last month's decisions beside this month's förslag."""
    return {
        b.post_id: b  # by letter, then pk: the latest decision of a post is kept
        for b in forberedd(
            ("beslut_per_post",),
            lambda: Beslut.objects.filter(post__ansokan_id=Param("ansokan")).select_related(
                "post__posttyp"
            ),
        ).rader({"ansokan": ansokan.pk})
    }


def beslut_sammanfattning(brev: Beslutsbrev) -> str:
    delar = []
    for b in brev.beslut.select_related("post__posttyp"):
        belopp = f" {b.belopp:.0f} kr" if b.belopp is not None else ""
        delar.append(f"{b.post.posttyp.namn}: {b.get_utfall_display().lower()}{belopp}")
    return "; ".join(delar)


def beslutsbrev_for_ansokan(ansokan: Ansokan) -> list[Beslutsbrev]:
    """The letters of an ansökan with their decisions (two queries, whatever the count)."""
    return list(
        Beslutsbrev.objects.filter(ansokan=ansokan)
        .select_related("fattat_av")
        .prefetch_related(
            "beslut__post__posttyp",
            "beslut__lagrum",
            "beslut__overklaganden",
            # FL 37–38 §§: a replaced decision names the one that stands instead.
            Prefetch("beslut__andrad_genom", queryset=Beslut.objects.select_related("brev")),
        )
    )


def ersatta_beslut_i_akt(akt, antal: int = 20) -> list[Beslut]:
    """The newest ändringsbeslut in an Akt, each with the decision it replaced (FL 37–38 §§):
    what no longer stands and what stands instead; at most `antal` rows.

    Most Akter have none, so a small query asks first (four tables); the rows with what the
    page shows of both decisions join nine, and PostgreSQL spent 8 ms planning that join on
    every Akt page for nothing (docs/prestanda.md)."""

    def andringar():
        return Beslut.objects.filter(
            andrar__isnull=False, andrar__brev__ansokan__akt_id=Param("akt")
        )

    varden = {"akt": akt.pk}
    if not forberedd(("ersatta_beslut_finns",), lambda: andringar().values_list("pk")).rader(
        varden, limit=1
    ):
        return []
    return forberedd(
        ("ersatta_beslut_i_akt",),
        lambda: (
            andringar()
            .select_related("brev__ansokan", "andrar__brev__ansokan", "andrar__post__posttyp")
            .order_by("-brev__beslutsdatum", "-pk")
        ),
    ).rader(varden, limit=antal)


def overklaganden_for_ansokan(ansokan: Ansokan) -> list[Overklagande]:
    return list(
        Overklagande.objects.filter(beslut__brev__ansokan=ansokan).select_related(
            "beslut__post__posttyp"
        )
    )


def samrad_for_ansokan(ansokan: Ansokan) -> list[Samrad]:
    return list(
        Samrad.objects.filter(ansokan=ansokan).select_related(
            "post__posttyp", "begard_av", "besvarad_av", "avsnitt"
        )
    )


def aktuellt_samrad(post: AnsokanPost) -> Samrad | None:
    """The latest samråd for the post that is waiting or approved (the decision form uses it)."""
    return (
        Samrad.objects.filter(post=post)
        .exclude(status=Samrad.Status.AVSLAGEN)
        .order_by("-begard")
        .first()
    )


def samradsgivare(enhet_id: int) -> QuerySet[User]:
    return User.objects.filter(
        enhet_id=enhet_id, is_active=True, groups__name__in=[Roll.ENHETSCHEF, Roll.FORSTE]
    ).distinct()


def samrad_vantande(user: User) -> list[Samrad]:
    """Samråd waiting for an answer in the user's Enhet (for enhetschef and förste)."""
    if not roller(user) & {Roll.ENHETSCHEF, Roll.FORSTE} or not user.enhet_id:
        return []
    return list(
        Samrad.objects.filter(
            status=Samrad.Status.BEGARD, ansokan__akt__enhet_id=user.enhet_id
        ).select_related("ansokan", "post__posttyp", "begard_av", "avsnitt")
    )


def brev_beslut(brev: Beslutsbrev, user: User | None = None) -> list[Beslut]:
    """The decisions of a letter. Each carries `andrad_av`: the decision that replaced it, if
    any (FL 37–38 §§), and `kan_andras`: whether `user` may open an ändringsbeslut on it (a
    standing decision on a post, in an ansökan the user may change)."""
    rader = list(
        brev.beslut.select_related(
            "post__posttyp",
            "lagrum",
            "berakning",
            "samrad__avsnitt",
            "andrar__brev",
            "andrar__post__posttyp",
        ).prefetch_related("andrad_genom__brev", "andrad_genom__post__posttyp")
    )
    skriva = user is not None and ansokningar_for_write(user).filter(pk=brev.ansokan_id).exists()
    for b in rader:
        senare = sorted(b.andrad_genom.all(), key=lambda n: n.pk)
        b.andrad_av = senare[-1] if senare else None
        b.kan_andras = skriva and b.post_id is not None and b.andrad_av is None
    return rader


def andringsformular(beslut: Beslut, user: User, data):
    """The ändringsbeslut form for a decision (FL 37–38 §§), prefilled from it: the same
    outcome, amount, lagrum and period, to be changed; with who may decide it."""

    idag = timezone.localdate()
    post = beslut.post
    form = AndringsbeslutForm(
        data,
        prefix=f"p{post.pk}",
        avsnitt_qs=avsnitt_fraga(),
        initial={
            "utfall": beslut.utfall,
            "belopp": beslut.belopp,
            "lagrum": beslut.lagrum.kod,
            "period_fran": beslut.period_fran,
            "period_till": beslut.period_till,
            "period_skal": beslut.period_skal,
        },
    )
    belopp = delegationsbelopp(beslut.utfall, beslut.belopp, post)
    form.far_besluta = har_delegation(user, beslut.utfall, post.posttyp_id, belopp, idag)
    form.vem_far = vem_far_besluta(beslut.utfall, post.posttyp_id, belopp, idag)
    beraknat = beraknat_belopp(post)
    form.beraknat = kr(beraknat) if beraknat is not None else ""
    form.samrad = senaste_samrad(post)
    return form


def negativa_beslut_att_overklaga(ansokan: Ansokan) -> list[Beslut]:
    """Decisions the applicant may still appeal from the e-tjänst: adverse, not laga kraft,
    not already appealed. Each carries `sista_dag`: the last day to appeal, three weeks from
    delgivning, or from today when she has not yet taken part of it (FL 44 §; lag 1930:173)."""

    idag = timezone.localdate()
    val = list(
        Beslut.objects.filter(
            Q(post__isnull=False) | Q(brev__typ=Beslutsbrev.Typ.AVGORANDE),
            brev__ansokan=ansokan,
            utfall__in=["delvis_bifall", "avslag", "avvisning"],
            laga_kraft__isnull=True,
            overklaganden=None,
            andrad_genom=None,
        ).select_related("post__posttyp", "brev")
    )
    for b in val:
        fran = b.delgiven or idag
        b.sista_dag = b.besvarstid_slut or regler.besvarstid_slut(
            fran, 7 * overklagandetid_veckor(fran)
        )
    return val


def beslutsformular(ansokan: Ansokan, user: User, data) -> list[tuple]:
    """One prefilled form per undecided post, with the post's samråd, who may decide it, the
    calculated amount, the riktlinje level and the standing decision a löpande post would be a
    tillägg to. Read for all posts at once: the number of queries does not grow with the posts
    (docs/prestanda.md)."""

    idag = timezone.localdate()
    avsnitt = avsnitt_fraga()
    val = lagrum_val(idag)
    alla = forberedd(
        ("beslutsformular_poster",),
        lambda: AnsokanPost.objects.filter(ansokan_id=Param("ansokan")).select_related(
            "posttyp", "forslag__berakning"
        ),
    ).rader({"ansokan": ansokan.pk})
    beslutade = {
        rad[0]
        for rad in forberedd(
            ("beslutsformular_beslutade",),
            lambda: Beslut.objects.filter(post__ansokan_id=Param("ansokan")).values_list("post_id"),
        ).rader({"ansokan": ansokan.pk})
    }
    poster = [p for p in alla if p.pk not in beslutade]
    if not poster:
        return []
    samrad_per_post: dict[int, Samrad] = {}
    for s in forberedd(
        ("beslutsformular_samrad",),
        lambda: (
            Samrad.objects.filter(post_id__in=ParamLista("poster"))
            .select_related("besvarad_av")
            .order_by("-begard", "-pk")
        ),
    ).rader({"poster": [p.pk for p in poster]}):
        samrad_per_post.setdefault(s.post_id, s)
    senaste: list[Berakning | None] = []  # the ansökan's latest sheet, read when first needed

    def blad_for(forslag) -> Berakning | None:
        if forslag is not None and forslag.berakning is not None:
            return forslag.berakning
        if not senaste:
            senaste.append(berakning_senaste(ansokan))
        return senaste[0]

    avsnitt_choices = avsnitt_val()
    delegationer = _delegationer_pa_dag(idag)
    mina_roller = roller(user)
    koppling = berakning_koppling()
    belopp_per_blad: dict[int, dict[int, int]] = {}
    typer = {p.posttyp_id for p in poster}
    nivaer: dict[int, Riktlinjeniva] = {}
    for n in grunddata_rader(
        ("beslutsformular_nivaer",),
        lambda: Riktlinjeniva.objects.filter(
            posttyp_id__in=ParamLista("typer"), giltig_fran__lte=datum("dag")
        ).order_by("posttyp_id", "-giltig_fran"),
        {"typer": sorted(typer), "dag": idag},
    ):
        nivaer.setdefault(n.posttyp_id, n)
    manader = {}
    for post in poster:
        blad = blad_for(getattr(post, "forslag", None))
        if blad is not None:
            manader[post.pk] = blad.manad.replace(day=1)
        else:
            dag = ansokan.period or ansokan.mottagen
            manader[post.pk] = dag.replace(day=1) if dag else None
    lopande = [p for p in poster if p.posttyp.lopande and manader[p.pk]]
    staende: dict[tuple[int, datetime.date], Beslut] = {}
    if lopande:
        # The months as a range (a prepared query's lists hold ids or texts); the rows are
        # then matched on (post kind, month). At most one standing row per Akt, kind and month.
        onskade = {(p.posttyp_id, manader[p.pk]) for p in lopande}
        for rad in forberedd(
            ("beslutsformular_staende",),
            lambda: (
                Beslutsmanad.objects.filter(
                    akt_id=Param("akt"),
                    posttyp_id__in=ParamLista("typer"),
                    manad__gte=datum("fran"),
                    manad__lte=datum("till"),
                    star_fast=True,
                )
                .select_related("beslut__brev")
                .order_by()
            ),
        ).rader(
            {
                "akt": ansokan.akt_id,
                "typer": sorted({t for t, _ in onskade}),
                "fran": min(m for _, m in onskade),
                "till": max(m for _, m in onskade),
            }
        ):
            if (rad.posttyp_id, rad.manad) in onskade:
                staende.setdefault((rad.posttyp_id, rad.manad), rad.beslut)
    rader = []
    for post in poster:
        forslag = getattr(post, "forslag", None)
        samrad = samrad_per_post.get(post.pk)
        manad = manader[post.pk]
        initial = {"lagrum": "sol-ratt-till-bistand"}
        if post.posttyp.lopande and manad:
            initial.update(period_fran=manad, period_till=manadens_slut(manad))
        elif not post.posttyp.lopande:
            initial.update(period_fran=ansokan.period or ansokan.mottagen)
        if forslag is not None:
            initial.update(
                utfall=forslag.utfall,
                belopp=forslag.belopp,
                motivering=forslag.motivering,
                brist_pa_underlag=forslag.brist_pa_underlag,
                radrum=forslag.radrum,
                radrum_slut=forslag.radrum_slut,
            )
        if samrad is not None:
            initial.update(
                avsteg_avser=samrad.avser,
                avsteg_avsnitt=samrad.avsnitt_id,
                avsteg_skal=samrad.skal,
            )
        form = PostBeslutForm(
            data,
            prefix=f"p{post.pk}",
            initial=initial,
            avsnitt_qs=avsnitt,
            avsnitt_choices=avsnitt_choices,
            lagrum_choices=val,
        )
        utfall = initial.get("utfall") or "bifall"
        belopp = delegationsbelopp(utfall, initial.get("belopp"), post)
        galler = [d for d in delegationer if _delegation_galler(d, utfall, post.posttyp_id, belopp)]
        form.far_besluta = any(d.roll in mina_roller for d in galler)
        form.vem_far = ", ".join(sorted({d.roll for d in galler}))
        form.forslag = forslag
        blad = blad_for(forslag)
        beraknat = None
        if blad is not None:
            if blad.pk not in belopp_per_blad:
                belopp_per_blad[blad.pk] = forslag_belopp_fran_berakning(
                    blad, alla, koppling=koppling
                )
            beraknat = belopp_per_blad[blad.pk].get(post.pk)
        form.beraknat = kr(Decimal(beraknat)) if beraknat is not None else ""
        niva = nivaer.get(post.posttyp_id)
        form.niva = niva
        form.niva_belopp = kr(niva.max_belopp) if niva and niva.max_belopp is not None else ""
        tidigare = staende.get((post.posttyp_id, manad)) if post.posttyp.lopande else None
        form.tillagg_till = beslut_beskrivning(tidigare) if tidigare else ""
        rader.append((post, form, samrad))
    return rader


def overklagande_sida(o: Overklagande, **formular) -> dict:
    return {
        "o": o,
        "handelser": list(
            Handelse.objects.filter(
                objekt_typ=ContentType.objects.get_for_model(Overklagande), objekt_id=o.pk
            )
            .select_related("typ", "av", "av_person")
            .order_by("tidpunkt", "pk")
        ),
        "bilagor": list(o.bilagor.all()),
        "ompova": formular.get("ompova") or OmprovningForm(prefix="ompova"),
        "overlamna": formular.get("overlamna") or OverlamnaForm(prefix="overlamna"),
        "dom": formular.get("dom") or DomForm(prefix="dom"),
        "aterkalla": formular.get("aterkalla") or AterkallaForm(prefix="aterkalla"),
    }


def overklaganden_att_hantera(
    user: User, visa: str = "mina", vy_akter: list[int] | None = None
) -> list:
    """Open appeals (not yet forwarded, rejected or withdrawn) in the Akter the user may see,
    as worklist tasks: the user's own and unassigned Akter, or the whole Enhet. One prepared
    query (docs/prestanda.md: Förberedda frågor); the access rule is on the appeal's own Akt (a
    decided ansökan is never a draft), reached through the (akt, status) index from the
    user's Akter rather than from every open appeal of the nämnd."""
    form = atkomst_form(user)
    med_akter = vy_akter is not None
    fraga = forberedd(
        ("overklaganden_att_hantera", form, visa, med_akter),
        lambda: overklaganden_fraga(form, visa, med_akter),
    )
    varden = anvandarens_varden(user)
    if med_akter:
        varden["vy_akter"] = vy_akter
    slag = {
        "inkommen": "Nytt överklagande",
        "rattidsprovad": "Överklagande att ompröva",
        "omprovad": "Överklagande att lämna över",
    }
    uppgifter = []
    for rad in fraga.rader(varden):
        pk, status, inkommen, frist_, beslut_utfall, posttyp, brevtyp = rad[:_EGNA]
        rubrik = beslutets_rubrik(posttyp, brevtyp)  # no post: no post kind (a LEFT JOIN)
        uppgifter.append(
            uppgift(
                rad[_EGNA:],
                slag=slag[status],
                text=f"{rubrik}: {str(UTFALL_NAMN.get(beslut_utfall, beslut_utfall)).lower()}",
                lank=f"/overklagande/{pk}/",
                datum=inkommen,
                frist=frist_,
                ny=status == "inkommen",
            )
        )
    return uppgifter


_EGNA = 7  # the appeal's own columns before `uppgiftens_kolumner` in overklaganden_fraga


def overklaganden_fraga(form: tuple, visa: str, med_akter: bool = False) -> QuerySet:
    """The query of `overklaganden_att_hantera` for an access shape and view, the user's
    values as parameters; `med_akter`: only the appeals of the view's Akter (the parameter
    `vy_akter`, utredning.uppgifter.Kalla)."""
    qs = Overklagande.objects.filter(
        akt_atkomst_form(form, atkomst_parametrar()),
        status__in=OPPNA_OVERKLAGANDEN,
    ).filter(handlaggarvy(visa, anvandarens_parametrar()))
    if med_akter:
        qs = qs.filter(akt_id__in=ParamLista("vy_akter"))
    frist = (
        Bevakning.objects.filter(
            objekt_typ__app_label="beslut",
            objekt_typ__model="overklagande",
            objekt_id=OuterRef("pk"),
            status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        )
        .values("objekt_id")
        .annotate(f=Min("forfaller"))
        .values("f")[:1]
    )
    egna = ("pk", "status", "inkommen", "frist", "beslut__utfall")
    egna += ("beslut__post__posttyp__namn", "beslut__brev__typ")
    return (
        qs.annotate(frist=Subquery(frist))
        .order_by("inkommen", "pk")
        .values_list(*egna, *uppgiftens_kolumner("beslut__brev__ansokan", "akt"))
    )


# ---- standing decisions, calculated amounts and riktlinje levels ------------------------------


def beraknat_belopp(post: AnsokanPost) -> Decimal | None:
    """The amount the calculation gives this post: the förslag's sheet, else the ansökan's
    latest sheet (docs/regler.md, Beslut och beslutsbrev). None without a sheet or a mapping."""
    forslag = ForslagPost.objects.filter(post=post).select_related("berakning").first()
    berakning = forslag.berakning if forslag and forslag.berakning else None
    berakning = berakning or berakning_senaste(post.ansokan)
    if berakning is None:
        return None
    poster = list(post.ansokan.poster.select_related("posttyp"))
    belopp = forslag_belopp_fran_berakning(berakning, poster).get(post.pk)
    return Decimal(belopp) if belopp is not None else None


def riktlinjeniva(posttyp_id: int, dag: datetime.date):
    return (
        Riktlinjeniva.objects.filter(posttyp_id=posttyp_id, giltig_fran__lte=dag)
        .order_by("-giltig_fran")
        .first()
    )


def staende_beslut(akt_id: int, posttyp_id: int, manader: list[datetime.date]) -> list[Beslut]:
    """The standing decisions of the Akt for this kind of post in these months."""
    rader = (
        Beslutsmanad.objects.filter(
            akt_id=akt_id, posttyp_id=posttyp_id, manad__in=manader, star_fast=True
        )
        .select_related("beslut__brev")
        .order_by("manad")
    )
    sett: dict[int, Beslut] = {}
    for rad in rader:
        sett.setdefault(rad.beslut_id, rad.beslut)
    return list(sett.values())


def senaste_samrad(post: AnsokanPost) -> Samrad | None:
    return Samrad.objects.filter(post=post).order_by("-begard", "-pk").first()


def beslut_beskrivning(beslut: Beslut) -> str:
    """How a decision is named when another refers to it: "beslut 2026-11-02 om hyra
    (bifall 7 728 kr)"."""

    belopp = f" {kr(beslut.belopp)}" if beslut.belopp is not None else ""
    namn = beslut.rubrik.lower()
    return (
        f"beslut {beslut.brev.beslutsdatum:%Y-%m-%d} om {namn} "
        f"({beslut.get_utfall_display().lower()}{belopp})"
    )


def overklagandetid_veckor(dag: datetime.date) -> int:
    """FL 44 §: the appeal period in weeks, a dated parameter. The letter prints it in words and
    the deadline is counted from it, so the two cannot disagree."""
    return int(parameter_varde("overklagande-tid-veckor", dag))


def overlamnande_innehall(overklagande: Overklagande) -> dict:
    """What the bundle to förvaltningsrätten holds (FL 46 §; docs/regler.md: handlingar till
    förvaltningsrätten): the appealed decision and any ändringsbeslut, the utredning with the
    calculation, the documents the decision rests on, the appeal with its attachments and the
    nämnd's yttrande."""
    beslut = overklagande.beslut
    ansokan = beslut.brev.ansokan
    andringar = list(
        Beslut.objects.filter(andrar=beslut)
        .exclude(utfall="avvisning")
        .select_related("brev", "post__posttyp")
    )
    return {
        "beslut": beslut,
        "andringar": andringar,
        "utredning": getattr(ansokan, "utredning", None),
        "berakningar": list(
            Berakning.objects.filter(ansokan=ansokan).order_by("-manad", "-pk")[:1]
        ),
        "underlag": list(
            ansokan.bilagor.exclude(kategori=Kategori.OVERKLAGANDE).order_by("uppladdad", "pk")
        ),
        "overklagande_bilagor": list(overklagande.bilagor.order_by("uppladdad", "pk")),
    }
