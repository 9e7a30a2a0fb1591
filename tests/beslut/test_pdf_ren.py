"""`beslut.pdf` is a renderer: it takes a decision's data and returns bytes. Storing the file,
the letter's row and the applicant's notice belong to `beslut.services` (docs/arkitektur.md:
Kodstil (services och selectors)), so nothing the renderer imports, directly or through
another module of the project, reaches back into `beslut.services`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from beslut import pdf, services
from tests.beslut.conftest import post_beslut

ROT = Path(__file__).resolve().parents[2]
APPAR = {
    "bistand",
    "ansokan",
    "utredning",
    "barnkonsekvens",
    "beslut",
    "utbetalning",
    "synpunkter",
    "kvalitet",
}


def _fil(modul: str) -> Path | None:
    bas = ROT.joinpath(*modul.split("."))
    for kandidat in (bas.with_suffix(".py"), bas / "__init__.py"):
        if kandidat.exists():
            return kandidat
    return None


def _importer(modul: str) -> set[str]:
    """Every project module `modul` imports anywhere in its text (top or inside functions)."""
    fil = _fil(modul)
    paket = modul if fil and fil.name == "__init__.py" else modul.rpartition(".")[0]
    ut: set[str] = set()
    for nod in ast.walk(ast.parse(fil.read_text())):
        if isinstance(nod, ast.Import):
            namn = [a.name for a in nod.names]
        elif isinstance(nod, ast.ImportFrom):
            bas = nod.module or ""
            if nod.level:
                delar = paket.split(".")
                delar = delar[: len(delar) - nod.level + 1]
                bas = ".".join([*delar, bas] if bas else delar)
            namn = [bas] + [f"{bas}.{a.name}" for a in nod.names]
        else:
            continue
        ut |= {n for n in namn if n.split(".")[0] in APPAR and _fil(n)}
    return ut


def _nar(start: str) -> dict[str, str]:
    """The project modules reachable from `start`, each with the module that imports it."""
    fran = {start: ""}
    att_besoka = [start]
    while att_besoka:
        modul = att_besoka.pop()
        for nasta in _importer(modul):
            if nasta not in fran:
                fran[nasta] = modul
                att_besoka.append(nasta)
    return fran


def test_the_pdf_renderer_imports_nothing_from_the_services():
    fran = _nar("beslut.pdf")
    vag = []
    modul = "beslut.services"
    while modul in fran and modul != "beslut.pdf":
        vag.append(modul)
        modul = fran[modul]
    assert "beslut.services" not in fran, " <- ".join(vag + ["beslut.pdf"])


def test_the_import_walk_would_see_an_import_back_into_the_services():
    """The walk is not vacuous: the services do reach the renderer."""
    assert "beslut.pdf" in _nar("beslut.services")


@pytest.mark.django_db
def test_the_renderer_still_makes_the_letter_from_the_decision(
    utredd, handlaggare, django_capture_on_commit_callbacks
):
    brev = services.beslut_fatta(ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)])
    data = pdf.rendera_beslutsbrev(brev)
    assert data.startswith(b"%PDF")
    brev.refresh_from_db()
    assert brev.sha256 == ""  # rendering alone stored nothing; the service stores
    services.beslutsbrev_rendera(brev_id=brev.pk)
    brev.refresh_from_db()
    assert brev.sha256 and brev.sokvag
