"""The rules across fields that `POST /api/provberakning` enforces are stated in its OpenAPI
schema: umgängesdagar only for a child, hushållsgemenskap only without medsökande and children,
`inkomster[].person` only a person of the request. For each, a request that breaks it is
invalid by the schema, the corrected one is valid, and the API answers 400 with the Swedish
message on the field, as the documented 400 example says (docs/regler.md: Beräkning)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from utredning.openapi import FEL_EXEMPEL, openapi_beskrivning

pytestmark = pytest.mark.django_db

SPEC = openapi_beskrivning("/")
BEGARAN = Draft202012Validator(
    {"$ref": "#/components/schemas/Provberakning", "components": SPEC["components"]}
)
SOKANDE = {"roll": "sokande", "fodelsedatum": "1988-04-02"}
MEDSOKANDE = {"roll": "medsokande", "fodelsedatum": "1990-01-01"}
BARN = {"roll": "barn", "fodelsedatum": "2019-05-10"}


def _begaran(personer, **falt) -> dict:
    return {"manad": "2026-12", "personer": personer, **falt}


# (the documented 400 example, a request that breaks the rule, the same request corrected)
REGLER = [
    (
        "umgangesdagar_for_vuxen",
        _begaran([SOKANDE | {"umgangesdagar": 10}]),
        _begaran([SOKANDE, BARN | {"umgangesdagar": 10}]),
    ),
    (
        "hushallsgemenskap_med_barn",
        _begaran([SOKANDE, BARN], hushallsgemenskap=3),
        _begaran([SOKANDE], hushallsgemenskap=3),
    ),
    (
        "inkomst_okand_person",
        _begaran([SOKANDE, MEDSOKANDE], inkomster=[{"person": 2, "typ": "lon", "belopp": 100}]),
        _begaran([SOKANDE, MEDSOKANDE], inkomster=[{"person": 1, "typ": "lon", "belopp": 100}]),
    ),
]


@pytest.fixture(autouse=True)
def _ingen_begransning(monkeypatch):
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "100000/60")


def _posta(data: dict):
    return Client().post("/api/provberakning", json.dumps(data), content_type="application/json")


@pytest.mark.parametrize(("exempel", "bryter", "rattad"), REGLER, ids=[r[0] for r in REGLER])
def test_the_schema_states_the_rule_and_the_api_enforces_it(exempel, bryter, rattad):
    assert not BEGARAN.is_valid(bryter), "schemat släpper igenom en begäran som bryter regeln"
    BEGARAN.validate(rattad)
    svar = _posta(bryter)
    assert svar.status_code == 400
    assert svar.json()["fel"] == FEL_EXEMPEL[exempel]["value"]["fel"]
    assert _posta(rattad).status_code == 200


def test_the_400_answer_documents_every_rule():
    svar = SPEC["paths"]["/api/provberakning"]["post"]["responses"]["400"]
    assert {r[0] for r in REGLER} <= set(svar["content"]["application/json"]["examples"])


@pytest.mark.parametrize("antal", [1, 2, 5, 20])
def test_an_income_may_name_each_person_of_the_request_and_no_other(antal):
    personer = [SOKANDE] + [BARN] * (antal - 1)

    def med_inkomst(person: int) -> dict:
        return _begaran(personer, inkomster=[{"person": person, "typ": "lon", "belopp": 100}])

    for person in range(antal):
        BEGARAN.validate(med_inkomst(person))
    assert not BEGARAN.is_valid(med_inkomst(antal))


def test_a_null_hushallsgemenskap_or_umgangesdagar_is_left_out():
    personer = [SOKANDE | {"umgangesdagar": None}, MEDSOKANDE]
    BEGARAN.validate(_begaran(personer, hushallsgemenskap=None))
    assert _posta(_begaran(personer, hushallsgemenskap=None)).status_code == 200
