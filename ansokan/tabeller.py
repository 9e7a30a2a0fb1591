"""Mina sidor's list of ansökningar as HTML, filled from a row template (`bistand.radmall`;
docs/prestanda.md: Tabellrader): what the template would decide with `{% if %}` is decided
here."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from bistand.radmall import Radmall, lank
from bistand.templatetags.bistand_datum import dag

from .models import STATUS_NAMN, TYP_NAMN, Status

ANSOKAN = Radmall("ansokan/_mina_ansokan.html")
KOMPLETTERING = mark_safe('<p class="etikett etikett-varning">Vi behöver mer underlag från dig</p>')
UNDERSKRIFT = mark_safe('<p class="etikett etikett-varning">Väntar på din underskrift</p>')


def mina_ansokningar_rader(ansokningar, person) -> SafeString:
    """Each ansökan with its kind and referens (a link to it), its status — a draft is "not
    sent (saved)" — the day it was received, whether more underlag is asked for, and, for a
    co-applicant, whether her signature is awaited."""
    url = lank("ansokan:ansokan")
    person_id = person.pk if person is not None else None
    return ANSOKAN.rader(
        {
            "url": url(a.pk),
            "rubrik": " ".join(filter(None, (TYP_NAMN.get(a.typ, a.typ), a.referens))),
            "status": "Inte inskickad (sparad)"
            if a.status == Status.UTKAST
            else STATUS_NAMN.get(a.status, a.status),
            "mottagen": f" · Mottagen {dag(a.mottagen)}" if a.mottagen else "",
            "komplettering": KOMPLETTERING if a.oppna_kompletteringar else "",
            "underskrift": UNDERSKRIFT
            if a.medsokande_id == person_id
            and not a.signerad_medsokande
            and a.status != Status.UTKAST
            else "",
        }
        for a in ansokningar
    )
