"""Server-rendered SVG charts: figures that people compare are drawn, not only listed.

No JavaScript and no CDN; every chart carries a <title> and a description for screen readers,
and the page shows the same figures in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

BREDD = 720
RADHOJD = 28
ETIKETTBREDD = 250
VARDEBREDD = 150  # room right of the longest bar for its value
FARG = "#0b4f8a"
FARG_MARKERAD = "#a4000f"


def stapeldiagram(
    rader: Sequence[tuple[str, float]],
    *,
    titel: str,
    enhet: str = "",
    markera_over: float | None = None,
) -> SafeString:
    """A horizontal bar chart. Bars above `markera_over` (a target) are drawn in red, and the
    target is drawn as a dashed line."""
    hojd = max(1, len(rader)) * RADHOJD + 30
    storst = max([v for _, v in rader] + [markera_over or 0, 1])
    skala = (BREDD - ETIKETTBREDD - VARDEBREDD) / storst

    # One f-string per bar with only the texts escaped: format_html escaped all ten values of
    # every bar, and a nämnd's caseload chart has some 200 bars (docs/prestanda.md).
    enhet_html = escape(enhet)
    delar = []
    for i, (namn, varde) in enumerate(rader):
        namn = namn if len(namn) <= 32 else namn[:31] + "…"
        y = 10 + i * RADHOJD
        farg = FARG_MARKERAD if markera_over is not None and varde > markera_over else FARG
        delar.append(
            f'<text x="0" y="{y + 17}" font-size="14">{escape(namn)}</text>'
            f'<rect x="{ETIKETTBREDD}" y="{y + 4}" width="{max(1, round(varde * skala))}" '
            f'height="18" fill="{farg}"></rect>'
            f'<text x="{ETIKETTBREDD + round(varde * skala) + 6}" y="{y + 17}" '
            f'font-size="13">{escape(_tal(varde))} {enhet_html}</text>'
        )
    staplar = mark_safe("".join(delar))  # noqa: S308 - every text above is escaped
    mal = ""
    if markera_over is not None:
        x = ETIKETTBREDD + round(markera_over * skala)
        mal = format_html(
            '<line x1="{}" y1="4" x2="{}" y2="{}" stroke="#1b1b1b" stroke-dasharray="4 3"></line>',
            x,
            x,
            hojd - 20,
        )
    beskrivning = "; ".join(f"{namn}: {_tal(varde)} {enhet}".strip() for namn, varde in rader)
    return format_html(
        '<svg class="diagram" role="img" viewBox="0 0 {} {}" width="100%" '
        'aria-labelledby="{}-titel {}-besk" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-titel">{}</title><desc id="{}-besk">{}</desc>{}{}</svg>',
        BREDD,
        hojd,
        _id(titel),
        _id(titel),
        _id(titel),
        titel,
        _id(titel),
        beskrivning or "Inga värden",
        staplar,
        mal,
    )


def _id(titel: str) -> str:
    return "d-" + "".join(c if c.isalnum() else "-" for c in titel.lower())[:40]


def _tal(varde: float) -> str:
    """Swedish number format: decimal comma."""
    return f"{varde:g}".replace(".", ",")
