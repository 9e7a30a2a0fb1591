"""PDF rendering with WeasyPrint (docs/regler.md: Beslut och beslutsbrev): the decision letter as
PDF/A with the fonts embedded, and the bundle forwarded to förvaltningsrätten (pypdf merges the
parts).

Fonts are the DejaVu files vendored in static/fonts (from Debian's fonts-dejavu-core), so the
same letter renders the same way on every machine.
"""

from __future__ import annotations

import atexit
import threading
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from ansokan.models import Ansokan
from barnkonsekvens.models import Barnkonsekvensanalys
from bistand.kalender import utbetalningsdag
from bistand.pdf import sla_ihop
from bistand.pdfhamtning import url_hamtare
from bistand.selectors import lagrum_rad, lagrum_rader

from . import hooks
from .models import ANDRINGSGRUND_PUNKT, BEVILJANDE, Beslutstyp
from .regler import besvarstid_slut, kr, veckor_i_ord
from .selectors import beslut_beskrivning, brev_beslut, overklagandetid_veckor

# PDF/A-3a: archival PDF/A at the "accessible" level, i.e. tagged for screen readers from the
# HTML structure. WeasyPrint takes one variant at a time, so PDF/A and PDF/UA identification
# cannot both be declared; level A gives the tagging inside the archival format.
PDF_VARIANT = "pdf/a-3a"
TYPSNITT = Path(settings.BASE_DIR) / "static" / "fonts"

# 35 kap. 1 § SoL (2025:400): decisions under these references are open to förvaltningsbesvär;
# 12 kap. 2 § is not on the list and is open only to laglighetsprövning (kommunallagen 13 kap.).
FORVALTNINGSBESVAR = frozenset({"sol-ratt-till-bistand", "sol-praktik-vagran"})
LAGLIGHETSPROVNING = frozenset({"sol-bistand-utover"})

TITEL = {
    "Handläggare": "Socialsekreterare",
    "Förste socialsekreterare": "Förste socialsekreterare",
    "Enhetschef": "Enhetschef",
}


_per_trad = threading.local()


def _typsnitt():
    """The fonts once per process and thread: one FontConfiguration holding the DejaVu faces
    and the parsed stylesheet that declares them. A document that declares its own
    @font-face gets a new font map, so Pango measured every glyph again for every letter;
    sharing it keeps those caches warm (docs/prestanda.md: Beslutsbrev). Pango's font map is
    not thread-safe, hence one per thread."""
    if not hasattr(_per_trad, "typsnitt"):
        # WeasyPrint loads Pango only when a document is rendered.
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        konfiguration = FontConfiguration()
        fonter = TYPSNITT.as_uri()
        regler = "".join(
            f'@font-face {{ font-family: "DejaVu Sans"; src: url("{fonter}/{fil}"); '
            f"font-weight: {vikt}; }}"
            for fil, vikt in (("DejaVuSans.ttf", "normal"), ("DejaVuSans-Bold.ttf", "bold"))
        )
        stil = CSS(string=regler, font_config=konfiguration, url_fetcher=url_hamtare())
        _per_trad.typsnitt = (konfiguration, stil)
        # Let go of it before the interpreter tears WeasyPrint's modules down, which its
        # finaliser needs.
        atexit.register(_per_trad.__dict__.pop, "typsnitt", None)
    return _per_trad.typsnitt


def _pdf(html: str) -> bytes:
    """The HTML as PDF/A with the shared fonts; the templates leave out their own @font-face
    when no `fonts` is given (pdf/_stil.html)."""
    # WeasyPrint loads Pango only when a document is rendered.
    from weasyprint import HTML

    konfiguration, stil = _typsnitt()
    dokument = HTML(string=html, base_url=str(TYPSNITT) + "/", url_fetcher=url_hamtare())
    return dokument.write_pdf(
        pdf_variant=PDF_VARIANT, stylesheets=[stil], font_config=konfiguration
    )


def _lagrum(kod: str, dag):
    try:
        return lagrum_rad(kod, dag)
    except LookupError:
        return None


def _period_text(b) -> str:
    if b.period_fran is None:
        return ""
    if b.post_id and not b.post.posttyp.lopande:
        return f"Beslutet gäller kostnaden {b.period_fran:%Y-%m-%d}."
    till = b.period_till or b.period_fran
    return f"Beslutet gäller {b.period_fran:%Y-%m-%d} – {till:%Y-%m-%d}."


def _rad(b) -> dict:
    """What the letter says about one decision, worked out here so the template only prints."""
    sokt = b.post.belopp if b.post_id else None
    rad = {
        "b": b,
        "rubrik": b.post.posttyp.namn
        if b.post_id
        else ("Din begäran om avgörande" if b.brev.typ == "avgorande" else "Ditt överklagande"),
        "utfall": b.get_utfall_display(),
        "belopp": kr(b.belopp) if b.utfall in BEVILJANDE and b.belopp is not None else "",
        "sokt": kr(sokt) if sokt is not None else "",
        "period": _period_text(b),
        "tillagg": "",
        "andring": "",
        "andringsgrund": "",
        "avvisningsgrund": b.get_avvisningsgrund_display() if b.avvisningsgrund else "",
    }
    if b.typ == Beslutstyp.TILLAGG and b.tillagg_till_id:
        rad["tillagg"] = (
            f"Beslutet är ett tillägg till {beslut_beskrivning(b.tillagg_till)}. Det tidigare "
            "beslutet gäller fortfarande; det här beslutet kommer till det."
        )
    if b.andrar_id:
        rad["andring"] = (
            f"Beslutet ändrar {beslut_beskrivning(b.andrar)}. Det tidigare beslutet gäller inte "
            "längre; det finns kvar i din akt."
        )
        if b.andring_skal:
            rad["andring"] = f"{b.andring_skal} {rad['andring']}"
        if b.andringsgrund:
            rad["andringsgrund"] = (
                f"Ändringen är till nackdel för dig. Skälet: {b.get_andringsgrund_display()} "
                f"({ANDRINGSGRUND_PUNKT[b.andringsgrund]})."
            )
    return rad


def _berakning_rader(beslut) -> list[dict]:
    """The calculation section, shown only where it cannot contradict an outcome: for a sheet
    behind a granted post, or a sheet that itself gives nothing (docs/regler.md, Beslut och
    beslutsbrev)."""
    visas = []
    for b in beslut:
        bk = b.berakning
        if bk is None or any(v["bk"].pk == bk.pk for v in visas):
            continue
        beviljat = [x for x in beslut if x.berakning_id == bk.pk and x.utfall in BEVILJANDE]
        if not beviljat and bk.bistand > 0:
            continue
        visas.append(
            {
                "bk": bk,
                "rader": [
                    {"text": r["text"], "belopp": kr(r["belopp"])}
                    for r in (bk.resultat or {}).get("rader", [])
                ],
                "riksnorm": kr(bk.riksnorm_summa),
                "skaliga": kr(bk.skaliga_kostnader),
                "inkomster": kr(bk.inkomster),
                "behov": kr(bk.bistand),
                "beviljat": [
                    f"{x.post.posttyp.namn}: {x.get_utfall_display().lower()} {kr(x.belopp)}"
                    for x in beviljat
                ],
            }
        )
    return visas


def _barnets_basta(ansokan) -> list[str]:
    """3 kap. 1 § SoL (2025:400): when a barnkonsekvensanalys was signed for the ansökan the
    letter says how barnets bästa was weighed, from the analysis' conclusion."""
    return [
        a.slutsats.strip()
        for a in Barnkonsekvensanalys.objects.filter(
            ansokan=ansokan, signerad__isnull=False
        ).order_by("pk")
        if a.slutsats.strip()
    ]


def _betalning(brev, total) -> dict | None:
    """When and how the money is paid. The payment orders give the rows (date, payee, way)
    once `utbetalning` has made them through the hook; otherwise the nämnd's payment calendar
    gives the day (an akut decision the same day) and the way is the applicant's account."""
    if not total:
        return None
    rader = [
        {**r, "belopp": kr(r["belopp"]) if r.get("belopp") is not None else ""}
        for r in hooks.utbetalningsavsnitt(brev)
    ]
    ansokan = brev.ansokan
    dag = utbetalningsdag(
        namnd=ansokan.akt.enhet.namnd, beslutsdatum=brev.beslutsdatum, akut=ansokan.ar_akut
    )
    return {
        "rader": rader,
        "dag": dag,
        "satt": "Pengarna sätts in på ditt bankkonto. Har du inte lämnat ett konto till oss, "
        "kontakta oss så kommer vi överens om hur du får pengarna.",
    }


def brev_lagrum(brev) -> list:
    """Every legal reference the letter will cite (the posts', the appeal route's, barnets
    bästa's, FL 37 §'s), so `beslut_fatta` can refuse an unverified one before commit."""
    kontext = brev_kontext(brev)
    return [rad for rad in kontext["alla_lagrum"] if rad is not None]


# The references the letter may print besides the posts' own, read in one query.
BREVETS_LAGRUM = {
    "overklagandetid": "fl-overklagandetid",
    "overklagande_form": "fl-overklagande-form",
    "frist": "lag-1930-173",
    "forvaltningsbesvar": "sol-forvaltningsbesvar",
    "laglighetsprovning": "kl-laglighetsprovning",
    "barnets_basta": "sol-barnets-basta",
    "andring": "fl-andring-forsta-instans",
}


def brev_kontext(brev, *, utkast: bool = False) -> dict:
    """Everything the letter prints, from the database and the Lagrum table (never literal)."""
    if not type(brev).ansokan.is_cached(brev):
        # The ansökan with its Akt, Enhet, nämnd and applicant in one query, not four.
        brev.ansokan = Ansokan.objects.select_related("akt__enhet__namnd", "sokande").get(
            pk=brev.ansokan_id
        )
    ansokan = brev.ansokan
    dag = brev.beslutsdatum
    namnd = ansokan.akt.enhet.namnd
    beslut = brev_beslut(brev)
    rader = [_rad(b) for b in beslut]
    total = sum((b.belopp or 0) for b in beslut if b.utfall in BEVILJANDE)
    koder = {b.lagrum.kod for b in beslut}
    besvar = brev.typ == "avvisning" or bool(koder - LAGLIGHETSPROVNING)
    laglighet = bool(koder & LAGLIGHETSPROVNING)
    veckor = overklagandetid_veckor(dag)
    barnets_basta = _barnets_basta(ansokan) if brev.typ != "avvisning" else []
    delegation = next((b.delegation for b in beslut if b.delegation_id), None)
    rader_i_kraft = lagrum_rader(list(BREVETS_LAGRUM.values()), dag)
    lag = {namn: rader_i_kraft.get(kod) for namn, kod in BREVETS_LAGRUM.items()}
    if not barnets_basta:
        lag["barnets_basta"] = None
    if not any(b.andringsgrund for b in beslut):
        lag["andring"] = None
    alla = [b.lagrum for b in beslut]
    if besvar:
        alla += [lag["overklagandetid"], lag["overklagande_form"], lag["frist"]]
        alla += [lag["forvaltningsbesvar"]] if brev.typ == "beslut" else []
    if laglighet:
        alla += [lag["forvaltningsbesvar"], lag["laglighetsprovning"]]
    alla += [lag["barnets_basta"], lag["andring"]]
    sokande = ansokan.sokande
    return {
        "brev": brev,
        "utkast": utkast,
        "ansokan": ansokan,
        "sokande": sokande,
        "namnd": namnd,
        "namnd_liten": namnd.namn[:1].lower() + namnd.namn[1:],
        "domstol": namnd.forvaltningsratt or "förvaltningsrätten",
        "enhet": ansokan.akt.enhet,
        "handlaggare": brev.fattat_av,
        "titel": TITEL.get(delegation.roll if delegation else "", ""),
        "delegation": delegation,
        "beslut": beslut,
        "rader": rader,
        "total": kr(total) if total else "",
        "betalning": _betalning(brev, total),
        "berakningar": _berakning_rader(beslut),
        "barnets_basta": barnets_basta,
        "besvar": besvar,
        "laglighet": laglighet,
        "overklagandetid_ord": veckor_i_ord(veckor),
        "exempel_sista_dag": besvarstid_slut(dag, 7 * veckor),
        "lag": lag,
        "alla_lagrum": [r for r in dict.fromkeys(alla) if r is not None],
    }


def rendera_beslutsbrev(brev, *, utkast: bool = False) -> bytes:
    html = render_to_string("pdf/beslutsbrev.html", brev_kontext(brev, utkast=utkast))
    return _pdf(html)


def rendera_overlamnande(
    overklagande,
    *,
    innehall: dict,
    brevdelar: list[bytes],
    underlag: list[tuple],
    bilagor: list[tuple],
    av=None,
    idag=None,
) -> bytes:
    """One PDF from parts the caller has gathered (`beslut.services.overklagande_overlamna`):
    the nämnd's cover letter naming the official who forwards it, the yttrande, the appeal and
    the utredning with the calculation; then the rendered decision letters (`brevdelar`), the
    documents the decision rests on and the appeal's attachments (`underlag`, `bilagor`: pairs
    of attachment and its PDF bytes), merged with pypdf. Reads no files and writes nothing."""
    idag = idag or timezone.localdate()
    beslut = innehall["beslut"]
    ansokan = beslut.brev.ansokan
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
        },
    )
    delar = [_pdf(html), *brevdelar]
    delar += [data for _, data in underlag + bilagor if data]
    return sla_ihop(delar)
