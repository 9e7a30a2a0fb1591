"""The kommunicering as a PDF (FL 25 §): a letter with the material, the reply date and how to
answer, followed by the attached documents. The same PDF is shown in Mina sidor and printed
for an applicant who does not use the e-tjänst."""

from __future__ import annotations

from django.template.loader import render_to_string

from ansokan.filer import som_pdf
from ansokan.models import Kategori
from bistand.pdf import TYPSNITT, html_till_pdf, sla_ihop
from bistand.selectors import lagrum_rad


def rendera_kommunicering(kommunicering) -> bytes:

    ansokan = kommunicering.utredning.ansokan
    namnd = ansokan.akt.enhet.namnd
    bilagor = [
        (b, som_pdf(b))
        for b in kommunicering.bilagor.filter(kategori=Kategori.KOMM_UNDERLAG).order_by("pk")
    ]
    try:
        lag = lagrum_rad("fl-kommunicering", kommunicering.skickad)
    except LookupError:
        lag = None
    html = render_to_string(
        "pdf/kommunicering.html",
        {
            "k": kommunicering,
            "ansokan": ansokan,
            "sokande": ansokan.sokande,
            "namnd": namnd,
            "enhet": ansokan.akt.enhet,
            "bilagor": bilagor,
            "lag": lag,
            "fonts": TYPSNITT.as_uri(),
        },
    )
    return sla_ihop([html_till_pdf(html), *[data for _, data in bilagor if data]])
