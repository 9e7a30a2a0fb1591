"""Count imports inside functions that carry no comment saying why (docs/arkitektur.md: Appar).

An import belongs at the top of its module. One inside a function is allowed when something
forces it: an import cycle, the app registry (AppConfig.ready(), a model module not yet loaded),
an app to the right in the flow, or a heavy optional library loaded only when used. Such an
import has a comment on its line or on the line just above its group of imports. This script
counts those without, and fails when there are more than GRANS, so the number can only fall.
Run by `make lint`.

Usage: python scripts/funktionsimporter.py [--lista] [ROOT]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

# Every import inside a function says why; a new one without a comment fails the lint.
GRANS = 0

APPAR = (
    "bistand",
    "ansokan",
    "utredning",
    "barnkonsekvens",
    "beslut",
    "utbetalning",
    "synpunkter",
    "kvalitet",
)


def _grupper(funktion: ast.AST):
    """Consecutive import statements in each statement list inside the function."""
    for nod in ast.walk(funktion):
        for falt in ("body", "orelse", "finalbody", "handlers"):
            lista = getattr(nod, falt, None)
            if not isinstance(lista, list):
                continue
            grupp: list[ast.stmt] = []
            for stmt in [*lista, None]:
                if isinstance(stmt, ast.Import | ast.ImportFrom):
                    grupp.append(stmt)
                    continue
                if grupp:
                    yield grupp
                grupp = []


def _forklarad(rader: list[str], grupp: list[ast.stmt]) -> bool:
    """A comment on a line of the group, or just above it (blank lines skipped)."""
    for nod in grupp:
        for nr in range(nod.lineno, (nod.end_lineno or nod.lineno) + 1):
            if "#" in rader[nr - 1]:
                return True
    rad = grupp[0].lineno - 2
    while rad >= 0 and not rader[rad].strip():
        rad -= 1
    return rad >= 0 and rader[rad].strip().startswith("#")


def funktionsimporter(fil: Path) -> list[tuple[int, str, bool]]:
    """(line, statement, explained) for every import inside a function of the file."""
    text = fil.read_text()
    rader = text.splitlines()
    ut = set()
    for funktion in ast.walk(ast.parse(text)):
        if not isinstance(funktion, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for grupp in _grupper(funktion):
            forklarad = _forklarad(rader, grupp)
            ut |= {(n.lineno, rader[n.lineno - 1].strip(), forklarad) for n in grupp}
    return sorted(ut)


def filer(rot: Path) -> list[Path]:
    ut = []
    for app in APPAR:
        for fil in sorted((rot / app).rglob("*.py")):
            if "migrations" in fil.parts:
                continue
            ut.append(fil)
    return ut


def main(argv: list[str]) -> int:
    lista = "--lista" in argv
    argv = [a for a in argv if a != "--lista"]
    rot = Path(argv[0]) if argv else Path(__file__).resolve().parents[1]
    oforklarade = []
    totalt = 0
    for fil in filer(rot):
        for rad, text, forklarad in funktionsimporter(fil):
            totalt += 1
            if not forklarad:
                oforklarade.append(f"{fil.relative_to(rot)}:{rad}: {text}")
    if lista:
        print("\n".join(oforklarade))
    print(f"{totalt} importer i funktioner, {len(oforklarade)} utan kommentar (gräns {GRANS}).")
    if len(oforklarade) > GRANS:
        print("Flytta importen till modulens topp, eller skriv varför den måste stå i funktionen.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
