"""Every function, class, module or model that docs/regler.md, docs/arkitektur.md and the
decision records in docs/beslut/ name in backticks (`app.modul.namn`, `app.Modell`) exists, so
the rule documentation cannot silently drift from the code. A line about what was removed
("the old …") is history and not checked."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps

ROT = Path(__file__).resolve().parents[1]
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
NAMN = re.compile(r"`((?:" + "|".join(APPAR) + r")(?:\.[A-Za-z_][A-Za-z0-9_]*)+)`")

HISTORIA = re.compile(r"\b(old|former|removed|replaced|were moved)\b", re.IGNORECASE)


def _namn() -> list[tuple[str, str]]:
    ut = []
    dokument = ["regler.md", "arkitektur.md"]
    dokument += [f"beslut/{p.name}" for p in sorted((ROT / "docs" / "beslut").glob("*.md"))]
    for dok in dokument:
        for rad in (ROT / "docs" / dok).read_text().splitlines():
            if HISTORIA.search(rad):
                continue
            for traff in NAMN.finditer(rad):
                namn = traff.group(1)
                # `app.kod` is an event kind or a permission (data, not code): not checked here.
                if namn.count(".") >= 2 or namn.split(".")[1][:1].isupper():
                    ut.append((dok, namn))
    return sorted(set(ut))


def _finns(dotted: str) -> bool:
    """A module, an attribute path inside one, or a Django model label (`app.Modell`)."""
    delar = dotted.split(".")
    if len(delar) == 2 and delar[1][:1].isupper():
        try:
            django_apps.get_model(dotted)
            return True
        except LookupError:
            pass
    for i in range(len(delar), 0, -1):
        try:
            objekt = importlib.import_module(".".join(delar[:i]))
        except ModuleNotFoundError:
            continue
        for attribut in delar[i:]:
            if not hasattr(objekt, attribut):
                return False
            objekt = getattr(objekt, attribut)
        return True
    return False


def test_the_docs_name_code():
    assert len(_namn()) >= 10


@pytest.mark.parametrize(("dok", "namn"), _namn())
def test_every_name_in_the_docs_exists_in_the_code(dok, namn):
    assert _finns(namn), f"docs/{dok} nämner `{namn}`, som inte finns i koden."


def test_every_decision_record_has_context_decision_and_consequences():
    poster = sorted((ROT / "docs" / "beslut").glob("0*.md"))
    assert len(poster) >= 5
    index = (ROT / "docs" / "beslut" / "README.md").read_text()
    for post in poster:
        text = post.read_text()
        for rubrik in ("## Context", "## Decision", "## Consequences"):
            assert rubrik in text, f"{post.name} saknar {rubrik}"
        assert f"({post.name})" in index, f"{post.name} saknas i docs/beslut/README.md"


TEST = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")
KOD = re.compile(r"`((?:" + "|".join(APPAR) + r")\.[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)`")


def _grundregler() -> dict[str, str]:
    """Each heading under "Grundregler" in docs/regler.md with its text."""
    text = (ROT / "docs" / "regler.md").read_text()
    avsnitt = text.split("\n## Grundregler\n", 1)[1].split("\n## ", 1)[0]
    regler = {}
    for del_ in avsnitt.split("\n### ")[1:]:
        rubrik, _, brodtext = del_.partition("\n")
        regler[rubrik.strip()] = brodtext
    return regler


def test_the_basic_rules_are_found():
    assert len(_grundregler()) >= 10


@pytest.mark.parametrize("rubrik", sorted(_grundregler()))
def test_every_basic_rule_names_the_function_that_enforces_it_and_a_test(rubrik):
    text = _grundregler()[rubrik]
    assert KOD.search(text), (
        f"docs/regler.md: {rubrik} nämner ingen funktion som upprätthåller regeln."
    )
    assert TEST.search(text), f"docs/regler.md: {rubrik} nämner inget test som visar regeln."


def _tester() -> list[tuple[str, str]]:
    text = (ROT / "docs" / "regler.md").read_text()
    return sorted(set(TEST.findall(text)))


@pytest.mark.parametrize(("fil", "namn"), _tester())
def test_every_test_the_rules_name_exists(fil, namn):
    sokvag = ROT / fil
    assert sokvag.exists(), f"docs/regler.md nämner {fil}, som inte finns."
    assert re.search(rf"^def {namn}\(", sokvag.read_text(), re.M), f"{fil} har inget {namn}."
