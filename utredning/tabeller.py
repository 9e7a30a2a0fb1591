"""The worklist's and the journal page's rows as HTML, filled from row templates
(`bistand.radmall`; docs/prestanda.md: Tabellrader): a worklist holds fifty to sixty open
ärenden and a journal page fifty entries, and Django's template loop around them was a third of
those pages' Python. The views give the rows they have read; what a template would decide
with `{% if %}` is decided here."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from bistand.models import Akt
from bistand.radmall import ALTERNATIV, ALTERNATIV_VALT, Radmall, csrf_falt, lank
from bistand.templatetags.bistand_datum import dag, tid

from . import selectors

# The worklist's rows (bistand.radmall): a handläggare's fifty to sixty open ärenden and, for
# the förste, a select of the Enhet's handläggare in every row.
UPPGIFT_RAD = Radmall("utredning/_arbetslista_uppgift.html")
ARENDE_RAD = Radmall("utredning/_arbetslista_rad.html")
FLAGGA = Radmall("utredning/_arbetslista_flagga.html")
TILLDELA = Radmall("utredning/_arbetslista_tilldela.html")


def arbetslista_rader(request: HttpRequest, tabell: list, belastning: list | None) -> str:
    """The table's rows in order: a task, or an ärende with its flags and, when the user
    assigns (`belastning`, the Enhet's handläggare), the form to assign its Akt."""
    visa_url, utredning_url, journal_url = (
        lank("ansokan:personal_visa"),
        lank("utredning"),
        lank("journal"),
    )
    if belastning is not None:
        tilldela = {
            "tilldela": reverse("arbetslista-tilldela"),
            "tillbaka": request.get_full_path(),
            "csrf": csrf_falt(request),
        }
        alternativ = {
            h.pk: (
                ALTERNATIV.fyll({"pk": h.pk, "valt": "", "text": h.etikett}),
                ALTERNATIV.fyll({"pk": h.pk, "valt": ALTERNATIV_VALT, "text": h.etikett}),
            )
            for h in belastning
        }
    delar = []
    for a, u in tabell:
        if u is not None:
            delar.append(
                UPPGIFT_RAD.fyll(
                    {
                        "lank": u.lank,
                        "slag": u.slag,
                        "referens": u.referens,
                        "sokande": u.sokande,
                        "text": u.text,
                        "datum": dag(u.datum),
                        "frist": dag(u.frist) or "–",
                        "handlaggare": u.handlaggare or "Ingen",
                    }
                )
            )
            continue
        referens = a.referens or a.pk
        flaggor = [
            FLAGGA.fyll({"klass": klass, "text": text})
            for villkor, klass, text in (
                (a.typ == "akut", "etikett etikett-varning", "Akut"),
                (a.barn, "etikett", "Barn i hushållet"),
                (a.skyddad, "etikett", "Skyddad identitet"),
                (a.komplettering_forsenad, "etikett etikett-varning", "Komplettering försenad"),
            )
            if villkor
        ]
        if belastning is None:
            handlaggare = a.handlaggare_namn or "Ingen"
        else:
            handlaggare = TILLDELA.fyll(
                {
                    **tilldela,
                    "akt_id": a.akt_id,
                    "pk": a.pk,
                    "referens": referens,
                    "alternativ": mark_safe(  # noqa: S308 - filled by a row template
                        "".join(par[h_pk == a.handlaggare_id] for h_pk, par in alternativ.items())
                    ),
                }
            )
        delar.append(
            ARENDE_RAD.fyll(
                {
                    "visa_url": visa_url(a.pk),
                    "utredning_url": utredning_url(a.pk),
                    "journal_url": journal_url(a.akt_id),
                    "referens": referens,
                    "typ": a.typ_namn,
                    "sokande": a.sokande_namn,
                    "status": a.status_namn,
                    "dagar": "–" if a.dagar is None else a.dagar,
                    "vantar_pa": capfirst(a.vantar_pa),
                    "nasta_frist": dag(a.nasta_frist) or "–",
                    "flaggor": mark_safe("".join(flaggor)),  # noqa: S308 - row templates
                    "handlaggare": handlaggare,
                }
            )
        )
    return mark_safe("".join(delar))  # noqa: S308 - every row is filled by a row template


# The förste's and the enhetschef's list of the Enhet's handläggare with their caseloads, and
# the same handläggare as the options of the select that moves all of one's ärenden.
BELASTNING_RAD = Radmall("utredning/_belastning_rad.html")


def belastning_delar(belastning: list) -> dict:
    """The caseload list's items (`belastning_rader`) and the handläggare as options
    (`belastning_alternativ`), filled from row templates: some twenty handläggare, three
    times on a page the förste opens all day (docs/prestanda.md: Tabellrader)."""
    return {
        "belastning_rader": BELASTNING_RAD.rader(
            {
                "namn": h.get_full_name() or h.username,
                "antal": f"{h.arenden} {'öppet ärende' if h.arenden == 1 else 'öppna ärenden'}",
            }
            for h in belastning
        ),
        "belastning_alternativ": ALTERNATIV.rader(
            {"pk": h.pk, "valt": "", "text": h.etikett} for h in belastning
        ),
    }


# The journal page's timeline (bistand.radmall): fifty entries and events a page, each signed
# entry to the applicant with a select of the Akt's ansökningar to publish it to.
ANTECKNING = Radmall("utredning/_journal_anteckning.html")
SIGNERAD = Radmall("utredning/_journal_signerad.html")
SIGNERA = Radmall("utredning/_journal_signera.html")
PUBLICERA = Radmall("utredning/_journal_publicera.html")
HANDELSE = Radmall("utredning/_journal_handelse.html")
EJ_SIGNERAD = mark_safe(" · <strong>ej signerad</strong>")
INTERN = mark_safe("<strong>intern</strong>")


def journal_tidslinje(request: HttpRequest, akt: Akt, rader: list, kan_skriva: bool) -> str:
    """The page's entries and events in order: an entry with who wrote and signed it, whether
    it is internal or shown on Mina sidor and, for a writer, the form to sign it or to publish
    it to one of the Akt's ansökningar; an event with its time, kind and author."""
    delade = selectors.delade_anteckningar(akt)
    # The ansökningar to publish an entry to: only a writer is offered the form.
    ansokningar = selectors.ansokningar_att_publicera_till(akt) if kan_skriva else []
    alternativ = mark_safe(  # noqa: S308 - filled by a row template
        "".join(
            ALTERNATIV.fyll({"pk": pk, "valt": "", "text": referens or pk})
            for pk, referens in ansokningar
        )
    )
    csrf = csrf_falt(request) if kan_skriva else ""
    signera_url, publicera_url = lank("journal-signera", akt.pk), lank("journal-publicera", akt.pk)
    delar = []
    for r in rader:
        h = r.get("handelse")
        if h is not None:
            delar.append(
                HANDELSE.fyll(
                    {
                        "iso": timezone.localtime(h.tidpunkt).isoformat(),
                        "tid": tid(h.tidpunkt),
                        "namn": h.namn,
                        "text": f": {h.text}" if h.text else "",
                        "av": f" ({h.av})" if h.av else "",
                    }
                )
            )
            continue
        j = r["journal"]
        atgard = ""
        if kan_skriva and not j.signerad:
            atgard = SIGNERA.fyll(
                {"url": signera_url(j.pk), "csrf": csrf, "datum": dag(j.handelse_datum)}
            )
        elif kan_skriva and ansokningar and j.till_enskilde and j.pk not in delade:
            atgard = PUBLICERA.fyll(
                {"url": publicera_url(j.pk), "csrf": csrf, "pk": j.pk, "alternativ": alternativ}
            )
        delar.append(
            ANTECKNING.fyll(
                {
                    "datum": dag(j.handelse_datum),
                    "kontakttyp": j.kontakttyp_namn,
                    "skapad_av": j.skapad_av,
                    "signering": SIGNERAD.fyll({"tid": tid(j.signerad), "av": j.signerad_av})
                    if j.signerad
                    else EJ_SIGNERAD,
                    "rattelse": " · rättelse" if j.rattar_id else "",
                    "mottagare": "till den enskilde" if j.till_enskilde else INTERN,
                    "delad": " · visas på Mina sidor" if j.pk in delade else "",
                    "text": linebreaksbr(j.text, autoescape=True),
                    "atgard": atgard,
                }
            )
        )
    return mark_safe("".join(delar))  # noqa: S308 - every entry is filled by a row template
