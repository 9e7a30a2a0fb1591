"""The repository holds no personnummer but Skatteverket's test numbers (docs/arkitektur.md: Stack
och körlägen).

Sundsvall's handläggare app blocks commits the same way. Any 10- or 12-digit run
that is a valid personnummer or samordningsnummer must be on the allowlist.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from bistand.demo import testpersonnummer as tillatna_testnummer
from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer

ROT = Path(__file__).resolve().parent.parent
MONSTER = re.compile(r"(?<![\d])(\d{6}|\d{8})[-+ ]?(\d{4})(?![\d])")


def personnummer_i(text: str) -> set[str]:
    hittade = set()
    for match in MONSTER.finditer(text):
        try:
            hittade.add(tolka_identitetsnummer(match.group(1) + match.group(2)).nummer)
        except OgiltigtIdentitetsnummer:
            continue
    return hittade


def test_the_scanner_finds_a_valid_number_and_ignores_an_invalid_one():
    from stdnum import luhn

    nio = "850517981"
    giltigt = f"19{nio}{luhn.calc_check_digit(nio)}"
    assert personnummer_i(f"kund {giltigt[:8]}-{giltigt[8:]} och 19850517-9810") == {giltigt}


def test_the_repository_holds_only_test_personnummer():
    filer = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    tillatna = set(tillatna_testnummer())
    fynd = {}
    for namn in filer:
        sokvag = ROT / namn
        if not sokvag.is_file() or sokvag.suffix in {".png", ".pdf", ".woff2", ".ico", ".jpg"}:
            continue
        try:
            text = sokvag.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        # A 10-digit form may be read in either century: compare the last ten digits.
        otillatna = {n for n in personnummer_i(text) if n[2:] not in {t[2:] for t in tillatna}}
        if otillatna:
            fynd[namn] = sorted(otillatna)
    assert fynd == {}, f"Riktiga personnummer får inte finnas i förrådet: {fynd}"
