"""The återkrav decision's letter as PDF/A with embedded fonts (the same engine and checks as
the decision letters, beslut.pdf)."""

from __future__ import annotations

from django.template.loader import render_to_string

from beslut.pdf import TYPSNITT, _pdf

from .services import _aterkrav_lagrum, aterkrav_saldo


def rendera_aterkravsbrev(krav) -> bytes:
    akt = krav.akt
    html = render_to_string(
        "pdf/aterkrav.html",
        {
            "krav": krav,
            "person": krav.person,
            "namnd": akt.enhet.namnd,
            "enhet": akt.enhet,
            "akt": akt,
            "lagrum": _aterkrav_lagrum(krav),
            "plan": list(krav.plan.all()),
            "saldo": aterkrav_saldo(krav),
            "fonts": TYPSNITT.as_uri(),
        },
    )
    return _pdf(html)
