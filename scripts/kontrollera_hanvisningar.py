"""Fail when code, templates or scripts cite something outside the repository.

A citation must point at the law ("SoL (2025:400) 12 kap. 1 §", "FL 44 §") or at the project's
own docs/ ("docs/regler.md: Avsteg"), so that a municipality's developers can follow it. This
refuses references to issue numbers, design notes, seeds and law notes that are not in the
repository (docs/arkitektur.md: Kodstil (källhänvisningar)). Run by `make lint`.

Usage: python scripts/kontrollera_hanvisningar.py [ROOT]   (exit status 1 on a finding)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MONSTER = re.compile(r"[Ii]ssue #?[0-9]|DESIGN\.md|STYLE\.md|LAW\.md|PEERS\.md|[Ss]eeds? 00[0-9]")
SUFFIX = {".py", ".html", ".js", ".txt", ".css", ".sh"}
HOPPA_OVER = {".venv", "docs", "node_modules", ".git", "var", "media", "staticfiles"}


def fynd(rot: Path) -> list[str]:
    """Every offending line as "path:line: text", sorted by path."""
    ut = []
    for fil in sorted(rot.rglob("*")):
        delar = fil.relative_to(rot).parts
        if fil.suffix not in SUFFIX or not fil.is_file() or HOPPA_OVER & set(delar[:-1]):
            continue
        if fil.resolve() == Path(__file__).resolve():
            continue
        try:
            text = fil.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for nr, rad in enumerate(text.splitlines(), start=1):
            if MONSTER.search(rad):
                ut.append(f"{fil.relative_to(rot)}:{nr}: {rad.strip()[:120]}")
    return ut


def main(argv: list[str]) -> int:
    rot = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
    hittade = fynd(rot)
    for rad in hittade:
        print(rad)
    if hittade:
        print(
            f"\n{len(hittade)} hänvisning(ar) till något utanför repot. Hänvisa till lagen "
            '("SoL (2025:400) 12 kap. 1 §", "FL 44 §") eller till docs/ ("docs/regler.md: ...").',
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
