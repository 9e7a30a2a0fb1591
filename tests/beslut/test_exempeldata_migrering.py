"""Exempelkommun's example delegationsordning and checklists leave the databases that never took
them over, and stay wherever an administrator changed them or case data refers to them
(beslut/migrations/0011, utredning/migrations/0009)."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beslut.demo import DELEGATION_EXEMPEL, delegation_exempel_sakerstall

# What utredning 0006 inserted, as the clean-up migration records it (the demo's example has
# grown since; the old migrations inserted this).
KONTROLLER_EXEMPEL = importlib.import_module(
    "utredning.migrations.0009_kontroller_exempel_bort"
).EXEMPEL

FORE = [("beslut", "0010_brev_gallring"), ("utredning", "0008_kommunicering_etjanst")]


def _senaste():
    """Every app at its newest migration, as the rest of the suite expects the database."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrera(mal):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(mal)
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection).loader.project_state(mal).apps


def _som_gamla_migreringarna(apps) -> None:
    """Exactly the rows beslut 0002 and utredning 0006 inserted into every new database: the
    demo's delegation example, which is what 0002 inserted (the delegation schema is the same
    before and after these data migrations, so the demo's loader runs here), and the checklists
    0006 inserted as the clean-up migration records them (they gained a column later, so they
    are written through the historical model)."""
    apps.get_model("beslut", "Delegation").objects.all().delete()
    mall = apps.get_model("utredning", "KontrollMall")
    mall.objects.all().delete()
    assert delegation_exempel_sakerstall() == len(DELEGATION_EXEMPEL)
    for typ, lista in KONTROLLER_EXEMPEL.items():
        for ordning, namn in enumerate(lista, start=1):
            mall.objects.create(ansokningstyp=typ, namn=namn, ordning=ordning)


def _kvar():
    from beslut.models import Delegation
    from utredning.models import KontrollMall

    return (
        set(Delegation.objects.values_list("roll", "utfall", "max_belopp")),
        {
            typ: list(KontrollMall.objects.filter(ansokningstyp=typ).values_list("namn", flat=True))
            for typ in KONTROLLER_EXEMPEL
        },
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_untouched_examples_are_removed_and_a_checklist_an_administrator_edited_stays():
    gamla = _migrera(FORE)
    _som_gamla_migreringarna(gamla)
    gamla.get_model("utredning", "KontrollMall").objects.filter(
        ansokningstyp="akut", namn="Identitet"
    ).update(namn="Identitet (legitimation eller LMA-kort)")

    _migrera(_senaste())

    delegationer, kontroller = _kvar()
    assert delegationer == set()
    assert kontroller == {
        "nyansokan": [],
        "ateransokan": [],
        "akut": [
            "Identitet (legitimation eller LMA-kort)",
            "Inkomstuppgifter",
            "Boende och vistelse",
        ],
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_delegationsordning_with_one_edited_line_stays_whole():
    gamla = _migrera(FORE)
    _som_gamla_migreringarna(gamla)
    gamla.get_model("beslut", "Delegation").objects.filter(
        roll="Handläggare", utfall="bifall"
    ).update(max_belopp=20000)

    _migrera(_senaste())

    delegationer, _ = _kvar()
    assert len(delegationer) == len(DELEGATION_EXEMPEL)
    assert ("Handläggare", "bifall", Decimal("20000")) in delegationer
    assert ("Enhetschef", "", None) in delegationer


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_examples_a_decision_or_an_utredning_refers_to_stay(skapa_utredd, akt, handlaggare):
    from beslut import services
    from tests.beslut.conftest import post_beslut

    # Case data made while the examples were in the database: the utredning copies the
    # nyansökan checklist and the decision is made under the example's line for a handläggare.
    # Both are made with today's code at the newest migration (the services need today's
    # columns); the database then goes back to before the clean-up, which keeps the rows.
    nya = _migrera(_senaste())
    _som_gamla_migreringarna(nya)
    ansokan = skapa_utredd(akt, handlaggare)
    mall = nya.get_model("utredning", "KontrollMall")
    kontroll = nya.get_model("utredning", "Kontroll")
    for m in mall.objects.filter(ansokningstyp="nyansokan"):
        kontroll.objects.create(
            utredning_id=ansokan.utredning.pk, mall=m, namn=m.namn, ordning=m.ordning
        )
    assert kontroll.objects.filter(utredning_id=ansokan.utredning.pk).count() == 13
    brev = services.beslut_fatta(ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan)])
    assert brev.beslut.get().delegation.kalla.startswith("Exempel")
    _migrera(FORE)

    _migrera(_senaste())

    delegationer, kontroller = _kvar()
    assert len(delegationer) == len(DELEGATION_EXEMPEL)
    assert kontroller["nyansokan"] == KONTROLLER_EXEMPEL["nyansokan"]
    assert (kontroller["ateransokan"], kontroller["akut"]) == ([], [])
