"""PDF rendering with WeasyPrint (issue 7, point 4): the decision letter as PDF/A with the
fonts embedded, and the bundle forwarded to förvaltningsrätten (pypdf merges the parts).

Fonts are the DejaVu files vendored in static/fonts (from Debian's fonts-dejavu-core), so the
same letter renders the same way on every machine.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from bistand.selectors import lagrum_rad, parameter_varde

from . import hooks

PDF_VARIANT = "pdf/a-3b"
TYPSNITT = Path(settings.BASE_DIR) / "static" / "fonts"


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    from bistand.pdfhamtning import url_hamtare

    dokument = HTML(string=html, base_url=str(TYPSNITT) + "/", url_fetcher=url_hamtare())
    return dokument.write_pdf(pdf_variant=PDF_VARIANT)


def _lagrum(kod: str, dag):
    try:
        return lagrum_rad(kod, dag)
    except LookupError:
        return None


def brev_kontext(brev) -> dict:
    """Everything the letter prints, from the database and the Lagrum table (never literal)."""
    from .selectors import brev_beslut

    ansokan = brev.ansokan
    dag = brev.beslutsdatum
    namnd = ansokan.akt.enhet.namnd
    beslut = brev_beslut(brev)
    berakningar = []
    for b in beslut:
        if b.berakning and b.berakning not in berakningar:
            berakningar.append(b.berakning)
    return {
        "brev": brev,
        "ansokan": ansokan,
        "sokande": ansokan.sokande,
        "namnd": namnd,
        "enhet": ansokan.akt.enhet,
        "handlaggare": brev.fattat_av,
        "beslut": beslut,
        "berakningar": berakningar,
        "negativt": any(b.ar_negativt for b in beslut),
        # The payment section (date, payee, how), filled by the apps to the right through
        # beslut.hooks (docs/arkitektur.md: Utbetalning).
        "utbetalningar": hooks.utbetalningsavsnitt(brev),
        "overklagandetid": int(parameter_varde("overklagande-tid-dagar", dag)),
        "lag_overklagandetid": _lagrum("fl-overklagandetid", dag),
        "lag_overklagande_form": _lagrum("fl-overklagande-form", dag),
        "lag_frist": _lagrum("lag-1930-173", dag),
        "lag_forvaltningsbesvar": _lagrum("sol-forvaltningsbesvar", dag),
        "lag_motivering": _lagrum("fl-motivering", dag),
        "fonts": TYPSNITT.as_uri(),
    }


def rendera_beslutsbrev(brev) -> bytes:
    html = render_to_string("pdf/beslutsbrev.html", brev_kontext(brev))
    return _pdf(html)


def overlamnande_innehall(overklagande) -> dict:
    """What the bundle to förvaltningsrätten holds (FL 46 §; docs/regler.md: handlingar till
    förvaltningsrätten): the appealed decision and any ändringsbeslut, the utredning with the
    calculation, the documents the decision rests on, the appeal with its attachments and the
    nämnd's yttrande."""
    from ansokan.models import Kategori

    from .models import Beslut

    beslut = overklagande.beslut
    ansokan = beslut.brev.ansokan
    andringar = list(
        Beslut.objects.filter(andrar=beslut)
        .exclude(utfall="avvisning")
        .select_related("brev", "post__posttyp")
    )
    utredning = getattr(ansokan, "utredning", None)
    from utredning.models import Berakning

    berakningar = list(Berakning.objects.filter(ansokan=ansokan).order_by("-manad", "-pk")[:1])
    overklagande_bilagor = list(overklagande.bilagor.order_by("uppladdad", "pk"))
    underlag = list(
        ansokan.bilagor.exclude(kategori=Kategori.OVERKLAGANDE).order_by("uppladdad", "pk")
    )
    return {
        "beslut": beslut,
        "andringar": andringar,
        "utredning": utredning,
        "berakningar": berakningar,
        "underlag": underlag,
        "overklagande_bilagor": overklagande_bilagor,
    }


def rendera_overlamnande(overklagande, *, av=None, idag=None) -> bytes:
    """One PDF: the nämnd's cover letter naming the official who forwards it, the yttrande,
    the appeal and the utredning with the calculation; then the appealed decision letter, any
    ändringsbeslut, the documents the decision rests on and the appeal's attachments, merged
    with pypdf."""
    from ansokan.filer import som_pdf
    from bistand.pdf import sla_ihop

    from .services import beslutsbrev_rendera

    idag = idag or timezone.localdate()
    innehall = overlamnande_innehall(overklagande)
    beslut = innehall["beslut"]
    brev = beslutsbrev_rendera(brev_id=beslut.brev_id)
    ansokan = brev.ansokan
    andringsbrev = []
    for nytt in innehall["andringar"]:
        if nytt.brev not in andringsbrev:
            andringsbrev.append(beslutsbrev_rendera(brev_id=nytt.brev_id))
    underlag = [(b, som_pdf(b)) for b in innehall["underlag"]]
    bilagor = [(b, som_pdf(b)) for b in innehall["overklagande_bilagor"]]
    html = render_to_string(
        "pdf/overlamnande.html",
        {
            "o": overklagande,
            "beslut": beslut,
            "ansokan": ansokan,
            "namnd": ansokan.akt.enhet.namnd,
            "idag": idag,
            "av": av,
            "andringar": innehall["andringar"],
            "utredning": innehall["utredning"],
            "berakningar": innehall["berakningar"],
            "underlag": underlag,
            "bilagor": bilagor,
            "lag_overlamnande": _lagrum("fl-overlamnande", idag),
            "lag_nytt_beslut": _lagrum("fl-overklagande-nytt-beslut", idag),
            "fonts": TYPSNITT.as_uri(),
        },
    )
    delar = [_pdf(html)]
    for b in [brev, *andringsbrev]:
        with (Path(settings.FILE_STORAGE_DIR) / b.sokvag).open("rb") as fil:
            delar.append(fil.read())
    delar += [data for _, data in underlag + bilagor if data]
    return sla_ihop(delar)
