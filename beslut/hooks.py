"""Hooks that apps to the right of beslut fill (docs/arkitektur.md: Appar — beslut never imports
them).

- `registrera_efter_beslut(fn)`: `fn(brev=..., av=...)` runs inside `beslut_fatta`'s
  transaction after the decisions of a letter are written. `utbetalning` uses it to create
  the payment orders of bifall, delvis bifall and tillägg, and to stop or claim back what an
  ändringsbeslut changes. An exception refuses the whole decision.
- `registrera_utbetalningsavsnitt(fn)`: `fn(brev)` returns the rows of the letter's payment
  section (date, payee, how), one per order; the letter shows them.
"""

from __future__ import annotations

from collections.abc import Callable

EFTER_BESLUT: list[Callable] = []
UTBETALNINGSAVSNITT: list[Callable] = []


def registrera_efter_beslut(fn: Callable) -> Callable:
    if fn not in EFTER_BESLUT:
        EFTER_BESLUT.append(fn)
    return fn


def efter_beslut(*, brev, av) -> None:
    for fn in EFTER_BESLUT:
        fn(brev=brev, av=av)


def registrera_utbetalningsavsnitt(fn: Callable) -> Callable:
    if fn not in UTBETALNINGSAVSNITT:
        UTBETALNINGSAVSNITT.append(fn)
    return fn


def utbetalningsavsnitt(brev) -> list[dict]:
    """Rows of {"post", "datum", "mottagare", "satt", "belopp"} for the letter."""
    rader: list[dict] = []
    for fn in UTBETALNINGSAVSNITT:
        rader.extend(fn(brev))
    return rader
