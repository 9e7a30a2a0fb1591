"""The Akt page's lists as HTML, filled from row templates (`bistand.radmall`;
docs/prestanda.md: Tabellrader): the household, the latest two years of ansökningar and the
latest journal entries, some fifty rows whose template loop was half of the page's Python. What
the page's template decided with `{% if %}` is decided here."""

from __future__ import annotations

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe

from .models import Boende
from .radmall import Radmall
from .templatetags.bistand_datum import dag, tid

MEDLEM = Radmall("bistand/_akt_medlem.html")
MEDLEM_SKYDD = Radmall("bistand/_akt_medlem_skydd.html")
ANSOKAN = Radmall("bistand/_akt_ansokan.html")
JOURNAL = Radmall("bistand/_akt_journal.html")
JOURNAL_RATTELSE = Radmall("bistand/_akt_journal_rattelse.html")
JOURNAL_SIGNERAD = Radmall("bistand/_akt_journal_signerad.html")
EJ_SIGNERAD = mark_safe("<strong>Ej signerad.</strong>")


def medlemmar_rader(medlemmar) -> SafeString:
    """Everyone in the household, present and past: a protected person's kind of protection
    beside the name (the page is shown only to those the access function lets in)."""
    return MEDLEM.rader(
        {
            "namn": m.person.namn,
            "skydd": MEDLEM_SKYDD.fyll({"skydd": m.person.get_skydd_display()})
            if m.person.skyddad
            else "",
            "identitet": m.person.identitet_visning,
            "roll": m.get_roll_display(),
            "boende": f"Umgänge {m.umgangesdagar} dagar/månad"
            if m.boende == Boende.UMGANGE
            else "Bor i hushållet",
            "fran": dag(m.fran),
            "till": dag(m.till),
        }
        for m in medlemmar
    )


def ansokningar_rader(ansokningar) -> SafeString:
    """The Akt's latest ansökningar, each a link to its staff page (the core names no app's
    URL, as the page's template did not)."""
    return ANSOKAN.rader(
        {
            "url": f"/ansokningar/{int(a.pk)}/",
            "referens": a.referens or a.pk,
            "typ": a.get_typ_display(),
            "status": a.get_status_display(),
            "inkom": f" · inkom {dag(a.mottagen)}" if a.mottagen else "",
        }
        for a in ansokningar
    )


def journal_rader(anteckningar) -> SafeString:
    return JOURNAL.rader(
        {
            "datum": dag(a.handelse_datum),
            "kontakttyp": a.kontakttyp_namn,
            "rattelse": JOURNAL_RATTELSE.fyll({"datum": dag(a.rattar_datum)})
            if a.rattar_id
            else "",
            "text": linebreaksbr(a.text, autoescape=True),
            "skapad_av": a.skapad_av,
            "signering": JOURNAL_SIGNERAD.fyll({"tid": tid(a.signerad), "av": a.signerad_av})
            if a.signerad
            else EJ_SIGNERAD,
        }
        for a in anteckningar
    )
