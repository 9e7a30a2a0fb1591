"""`POST /api/provberakning` and `/api/openapi.json` (docs/regler.md: Beräkning, the contract)."""

from __future__ import annotations

import copy
import json

import pytest
from django.test import Client
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

URL = "/api/provberakning"

EXEMPEL = {
    "manad": "2026-12",
    "personer": [
        {"roll": "sokande", "fodelsedatum": "1988-04-02"},
        {"roll": "medsokande", "fodelsedatum": "1990-01-01"},
        {"roll": "barn", "fodelsedatum": "2019-05-10", "lunch_hemma": False, "umgangesdagar": None},
    ],
    "hushallsgemenskap": None,
    "kostnader": {
        "boende": 7800,
        "hushallsel": 350,
        "hemforsakring": 180,
        "arbetsresor": 0,
        "fackavgift_akassa": 0,
        "barnomsorg": 0,
    },
    "inkomster": [
        {"person": 0, "typ": "lon", "belopp": 4000},
        {"typ": "barnbidrag", "belopp": 1250},
    ],
    "manader_i_foljd_med_bistand": 0,
}


def posta(client, data, **extra):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(URL, body, content_type="application/json", **extra)


def med(**andringar) -> dict:
    data = copy.deepcopy(EXEMPEL)
    data.update(andringar)
    return data


@pytest.mark.django_db
def test_it_answers_the_contract_example():
    client = Client(enforce_csrf_checks=True)  # exempt from CSRF
    svar = posta(client, EXEMPEL)
    assert svar.status_code == 200
    data = svar.json()
    assert set(data) == {
        "manad",
        "riksnorm",
        "skaliga_kostnader",
        "inkomster",
        "behov",
        "bistand",
        "rader",
        "parametrar",
    }
    assert data["manad"] == "2026-12"
    # couple 8 510 (2026, SFS 2025:1046) + child 7 years (born 2019-05-10) 3 820
    assert data["riksnorm"] == {
        "personliga": 7100 + 3820,
        "gemensamma": 1790,
        "summa": 7100 + 3820 + 1790,
    }
    assert data["skaliga_kostnader"] == 7800 + 350 + 180
    assert data["inkomster"] == 4000 + 1250
    assert data["behov"] == data["riksnorm"]["summa"] + data["skaliga_kostnader"]
    assert data["bistand"] == data["behov"] - data["inkomster"]
    assert data["parametrar"] == {"riksnorm": "Riksnorm 2026", "verifierad": True}
    for rad in data["rader"]:
        assert {"text", "belopp", "kalla"} <= set(rad)
        assert isinstance(rad["belopp"], int)
        assert rad["kalla"]


@pytest.mark.django_db
def test_a_verified_month_says_so(client):
    data = posta(
        client,
        {"manad": "2026-01", "personer": [{"roll": "sokande", "fodelsedatum": "1970-01-01"}]},
    ).json()
    assert data["riksnorm"]["summa"] == 5220
    assert data["parametrar"]["verifierad"] is True
    assert data["bistand"] == 5220


@pytest.mark.django_db
def test_optional_fields_may_be_left_out(client):
    svar = posta(
        client,
        {"manad": "2021-06", "personer": [{"roll": "sokande", "fodelsedatum": "1970-01-01"}]},
    )
    assert svar.status_code == 200
    assert svar.json()["bistand"] == 3160 + 1020


FELFALL = [
    # (what is sent, field that gets the message)
    (med(manad=None), "manad"),
    (med(manad="2026-13"), "manad"),
    (med(manad="december"), "manad"),
    (med(manad=202612), "manad"),
    (med(manad="2031-01"), "manad"),  # no riksnorm loaded
    (med(manad="2020-12"), "manad"),
    (med(personer=[]), "personer"),
    (med(personer="alla"), "personer"),
    (med(personer=[{"roll": "barn", "fodelsedatum": "2015-01-01"}]), "personer"),
    (med(personer=[{"roll": "sokande"}]), "personer[0].fodelsedatum"),
    (med(personer=[{"roll": "sokande", "fodelsedatum": "1988-02-30"}]), "personer[0].fodelsedatum"),
    (med(personer=[{"roll": "sokande", "fodelsedatum": "2030-01-01"}]), "personer[0].fodelsedatum"),
    (med(personer=[{"roll": "chef", "fodelsedatum": "1988-01-01"}]), "personer[0].roll"),
    (med(personer=["sokande"]), "personer[0]"),
    (
        med(personer=[{"roll": "sokande", "fodelsedatum": "1988-01-01", "namn": "Sara"}]),
        "personer[0].namn",
    ),
    (
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1988-01-01"},
                {"roll": "sokande", "fodelsedatum": "1989-01-01"},
            ]
        ),
        "personer[1].roll",
    ),
    (
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1988-01-01"},
                {"roll": "medsokande", "fodelsedatum": "1989-01-01"},
                {"roll": "medsokande", "fodelsedatum": "1990-01-01"},
            ]
        ),
        "personer[2].roll",
    ),
    # a barn 21 or older is an error
    (
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1970-01-01"},
                {"roll": "barn", "fodelsedatum": "2005-12-01"},
            ]
        ),
        "personer[1].fodelsedatum",
    ),
    (
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1970-01-01"},
                {"roll": "barn", "fodelsedatum": "2015-01-01", "lunch_hemma": "ja"},
            ]
        ),
        "personer[1].lunch_hemma",
    ),
    (
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1970-01-01"},
                {"roll": "barn", "fodelsedatum": "2015-01-01", "umgangesdagar": 0},
            ]
        ),
        "personer[1].umgangesdagar",
    ),
    (
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1970-01-01"},
                {"roll": "barn", "fodelsedatum": "2015-01-01", "umgangesdagar": 32},
            ]
        ),
        "personer[1].umgangesdagar",
    ),
    (
        med(
            manad="2026-02",
            personer=[
                {"roll": "sokande", "fodelsedatum": "1970-01-01"},
                {"roll": "barn", "fodelsedatum": "2015-01-01", "umgangesdagar": 29},
            ],
        ),
        "personer[1].umgangesdagar",
    ),
    (
        med(personer=[{"roll": "sokande", "fodelsedatum": "1970-01-01", "umgangesdagar": 5}]),
        "personer[0].umgangesdagar",
    ),
    # hushållsgemenskap only for an applicant alone, with at least 2 persons
    (med(hushallsgemenskap=3), "hushallsgemenskap"),
    (
        med(personer=[{"roll": "sokande", "fodelsedatum": "1970-01-01"}], hushallsgemenskap=1),
        "hushallsgemenskap",
    ),
    (
        med(personer=[{"roll": "sokande", "fodelsedatum": "1970-01-01"}], hushallsgemenskap="tre"),
        "hushallsgemenskap",
    ),
    (med(kostnader={"boende": -1}), "kostnader.boende"),
    (med(kostnader={"boende": 7800.5}), "kostnader.boende"),
    (med(kostnader={"boende": "7800"}), "kostnader.boende"),
    (med(kostnader={"boende": True}), "kostnader.boende"),
    (med(kostnader={"boende": 10**12}), "kostnader.boende"),
    (med(kostnader={"tandvard": 500}), "kostnader.tandvard"),
    (med(kostnader=[7800]), "kostnader"),
    (med(inkomster={"lon": 4000}), "inkomster"),
    (med(inkomster=[{"typ": "lotto", "belopp": 100}]), "inkomster[0].typ"),
    (med(inkomster=[{"typ": ["lon"], "belopp": 100}]), "inkomster[0].typ"),
    (med(inkomster=[{"typ": "lon"}]), "inkomster[0].belopp"),
    (med(inkomster=[{"typ": "lon", "belopp": 100, "person": 3}]), "inkomster[0].person"),
    (med(inkomster=[{"typ": "lon", "belopp": 100, "person": -1}]), "inkomster[0].person"),
    (med(inkomster=[{"typ": "lon", "belopp": 100, "person": "0"}]), "inkomster[0].person"),
    (med(inkomster=[7]), "inkomster[0]"),
    (med(manader_i_foljd_med_bistand=-1), "manader_i_foljd_med_bistand"),
    (med(manader_i_foljd_med_bistand="sex"), "manader_i_foljd_med_bistand"),
    (med(okant=1), "okant"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "falt"), FELFALL)
def test_each_error_is_400_with_a_swedish_message_on_its_field(client, data, falt):
    svar = posta(client, data)
    assert svar.status_code == 400, svar.content
    fel = svar.json()["fel"]
    assert falt in fel, fel
    assert all(isinstance(m, str) and m for m in fel[falt])


@pytest.mark.django_db
def test_all_errors_are_reported_at_once(client):
    svar = posta(client, med(manad="x", kostnader={"boende": -5}, manader_i_foljd_med_bistand=-1))
    assert set(svar.json()["fel"]) == {"manad", "kostnader.boende", "manader_i_foljd_med_bistand"}


@pytest.mark.django_db
def test_a_barn_aged_21_gets_a_plain_swedish_message(client):
    svar = posta(
        client,
        med(
            personer=[
                {"roll": "sokande", "fodelsedatum": "1970-01-01"},
                {"roll": "barn", "fodelsedatum": "2005-12-01"},
            ]
        ),
    )
    assert "fyllt 21 år" in svar.json()["fel"]["personer[1].fodelsedatum"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "",
        "inte json",
        "[1, 2]",
        '"text"',
        "null",
        b"\xff\xfe",
        "[" * 100000,
        '{"manad": NaN}',
        '{"manad": "2026-12", "personer": [{"roll": "sokande", "fodelsedatum": "1970-01-01"}], '
        '"kostnader": {"boende": Infinity}}',
        "1" * 5000,
    ],
)
def test_a_body_that_is_not_a_json_object_is_400(client, body):
    svar = posta(client, body)
    assert svar.status_code == 400
    assert svar.json()["fel"]


@pytest.mark.django_db
def test_other_methods_are_refused_with_json(client):
    svar = client.get(URL)
    assert svar.status_code == 405
    assert svar["Allow"] == "POST"
    assert svar.json()["fel"]


@pytest.mark.django_db
def test_there_is_no_trailing_slash_variant(client):
    assert posta(client, EXEMPEL).status_code == 200
    assert client.post(URL + "/", "{}", content_type="application/json").status_code == 404


@pytest.mark.django_db
def test_it_is_rate_limited_per_client_with_retry_after(client, monkeypatch):
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "3/60")
    for _ in range(3):
        assert posta(client, EXEMPEL).status_code == 200
    svar = posta(client, EXEMPEL)
    assert svar.status_code == 429
    assert 1 <= int(svar["Retry-After"]) <= 60
    assert "för många" in svar.json()["fel"]["begaran"][0]
    # another client is not affected
    assert posta(client, EXEMPEL, REMOTE_ADDR="192.0.2.10").status_code == 200


@pytest.mark.django_db
def test_errors_count_towards_the_limit(client, monkeypatch):
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "2/60")
    assert posta(client, "fel").status_code == 400
    assert posta(client, "fel").status_code == 400
    assert posta(client, EXEMPEL).status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_client_is_limited(client, monkeypatch, settings):
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "1/60")
    settings.PROXY_ANTAL = 1
    ett = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    tva = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert posta(client, EXEMPEL, **ett).status_code == 200
    assert posta(client, EXEMPEL, **ett).status_code == 429
    assert posta(client, EXEMPEL, **tva).status_code == 200


@pytest.mark.django_db
def test_the_window_ends_and_the_client_may_calculate_again(monkeypatch):
    from utredning.begransning import provberakning_registrera

    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "1/60")
    assert provberakning_registrera("k", nu=120.0) is None
    assert provberakning_registrera("k", nu=150.0) == 30
    assert provberakning_registrera("k", nu=180.0) is None


@pytest.mark.parametrize("varde", ["30", "30/0", "a/b", "0/60", "30/60/1"])
def test_a_bad_rate_limit_setting_fails_loudly(monkeypatch, varde):
    from django.core.exceptions import ImproperlyConfigured

    from utredning.begransning import kontrollera_installningar

    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", varde)
    with pytest.raises(ImproperlyConfigured):
        kontrollera_installningar()


def test_the_openapi_description_validates(client):
    svar = client.get("/api/openapi.json")
    assert svar.status_code == 200
    assert svar["Content-Type"].startswith("application/json")
    spec = svar.json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    operation = spec["paths"]["/api/provberakning"]["post"]
    assert {"200", "400", "429"} <= set(operation["responses"])
    assert "Retry-After" in operation["responses"]["429"]["headers"]


@pytest.mark.django_db
def test_the_contract_example_and_answer_match_the_openapi_schemas(client):
    import jsonschema

    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]

    def schema(namn):
        return {"$ref": f"#/components/schemas/{namn}", "components": spec["components"]}

    jsonschema.validate(EXEMPEL, schema("Provberakning"))
    jsonschema.validate(posta(client, EXEMPEL).json(), schema("Resultat"))
    jsonschema.validate(posta(client, med(manad="x")).json(), schema("Fel"))
    assert "Person" in schemas


def _los(spec: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _odeklarerade(spec: dict, schema: dict, varde, sokvag: str = "") -> list[str]:
    """Keys in an answer that the documented schema does not declare: a hand-written document
    that drifts from the code is caught even where it does not forbid extra properties."""
    schema = _los(spec, schema)
    ut = []
    if isinstance(varde, dict):
        egenskaper = schema.get("properties")
        for nyckel, del_ in varde.items():
            if egenskaper is not None and nyckel not in egenskaper:
                ut.append(f"{sokvag}.{nyckel}")
            elif egenskaper is not None:
                ut += _odeklarerade(spec, egenskaper[nyckel], del_, f"{sokvag}.{nyckel}")
    elif isinstance(varde, list) and "items" in schema:
        for i, del_ in enumerate(varde):
            ut += _odeklarerade(spec, schema["items"], del_, f"{sokvag}[{i}]")
    return ut


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fall", "status"),
    [
        ("exemplet", 200),
        ("bara det som krävs", 200),
        ("ett fel i ett fält", 400),
        ("ingen json", 400),
        ("fel metod", 405),
        ("för många", 429),
    ],
)
def test_every_answer_of_the_endpoint_conforms_to_its_documented_response(
    client, monkeypatch, fall, status
):
    """The OpenAPI document is written by hand, so the real endpoint's answers are checked
    against it: each status it gives is documented, and the body validates (OpenAPI 3.1
    schema dialect) against that status's schema, with no undeclared property."""

    spec = client.get("/api/openapi.json").json()
    if fall == "exemplet":
        svar = posta(client, EXEMPEL)
    elif fall == "bara det som krävs":
        svar = posta(client, {"manad": "2026-12", "personer": [EXEMPEL["personer"][0]]})
    elif fall == "ett fel i ett fält":
        svar = posta(client, med(manad="2026-13"))
    elif fall == "ingen json":
        svar = posta(client, "inte json")
    elif fall == "fel metod":
        svar = client.get(URL)
    else:
        monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "1/60")
        posta(client, EXEMPEL)
        svar = posta(client, EXEMPEL)
    assert svar.status_code == status
    dokumenterat = spec["paths"][URL]["post"]["responses"][str(status)]
    assert svar["Content-Type"].startswith("application/json")
    schema = dokumenterat["content"]["application/json"]["schema"]
    OAS31Validator({**schema, "components": spec["components"]}).validate(svar.json())
    assert _odeklarerade(spec, schema, svar.json()) == []
    for rubrik in dokumenterat.get("headers", {}):
        assert rubrik in svar, f"{status} saknar rubriken {rubrik}"


SOKANDE = {"roll": "sokande", "fodelsedatum": "1970-01-01"}


def _oppna(spec: dict, namn: str) -> OAS31Validator:
    return OAS31Validator(
        {"$ref": f"#/components/schemas/{namn}", "components": spec["components"]}
    )


def _exempel_400(spec: dict, namn: str) -> dict:
    innehall = spec["paths"][URL]["post"]["responses"]["400"]["content"]["application/json"]
    return innehall["examples"][namn]["value"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("personer", "exempel"),
    [
        ([{"roll": "barn", "fodelsedatum": "2015-01-01"}], "ingen_sokande"),
        ([SOKANDE, {"roll": "sokande", "fodelsedatum": "1971-01-01"}], "tva_sokande"),
    ],
)
def test_the_schema_states_exactly_one_sokande_and_the_api_refuses_the_rest_as_documented(
    client, personer, exempel
):
    """docs/regler.md: Beräkning — one sökande per calculation, stated in the schema
    (`contains` with `minContains`/`maxContains`) and refused by the API with the documented 400
    and a Swedish message."""
    spec = client.get("/api/openapi.json").json()
    begaran = {"manad": "2026-12", "personer": personer}
    assert _oppna(spec, "Provberakning").is_valid({"manad": "2026-12", "personer": [SOKANDE]})
    assert not _oppna(spec, "Provberakning").is_valid(begaran)
    svar = posta(client, begaran)
    assert svar.status_code == 400
    _oppna(spec, "Fel").validate(svar.json())
    assert svar.json() == _exempel_400(spec, exempel)


@pytest.mark.django_db
def test_a_second_medsokande_is_outside_the_schema_and_refused(client):
    spec = client.get("/api/openapi.json").json()
    medsokande = {"roll": "medsokande", "fodelsedatum": "1971-01-01"}
    begaran = {"manad": "2026-12", "personer": [SOKANDE, medsokande, medsokande]}
    assert not _oppna(spec, "Provberakning").is_valid(begaran)
    svar = posta(client, begaran)
    assert svar.status_code == 400
    assert svar.json() == {"fel": {"personer[2].roll": ["Det kan bara finnas en medsökande."]}}


@pytest.mark.django_db
def test_a_barn_who_has_turned_21_is_answered_with_the_documented_400(client):
    """SOSFS 2013:1: a child is under 21 on the first day of the month. The age depends on
    `manad`, so the schema says it in words and documents the 400 the API gives."""
    spec = client.get("/api/openapi.json").json()
    fodd = spec["components"]["schemas"]["Person"]["properties"]["fodelsedatum"]
    assert "under 21 år" in fodd["description"]
    barn = {"roll": "barn", "fodelsedatum": "2005-12-01"}
    fyllt_21 = {"manad": "2026-12", "personer": [SOKANDE, barn]}
    assert _oppna(spec, "Provberakning").is_valid(fyllt_21)
    svar = posta(client, fyllt_21)
    assert svar.status_code == 400
    _oppna(spec, "Fel").validate(svar.json())
    assert svar.json() == _exempel_400(spec, "barn_21_ar")
    # the day after: still 20 on the first day of the month
    barn["fodelsedatum"] = "2005-12-02"
    assert posta(client, fyllt_21).status_code == 200


@pytest.mark.django_db
def test_what_the_api_accepts_as_left_out_the_schema_accepts_too(client):
    """null is "not given" for every optional field, in the code and in the schema alike."""
    spec = client.get("/api/openapi.json").json()
    begaran = {
        "manad": "2026-12",
        "personer": [SOKANDE],
        "hushallsgemenskap": None,
        "kostnader": {"boende": None},
        "inkomster": None,
        "manader_i_foljd_med_bistand": None,
    }
    assert posta(client, begaran).status_code == 200
    _oppna(spec, "Provberakning").validate(begaran)
    assert posta(client, begaran | {"kostnader": None}).status_code == 200
    _oppna(spec, "Provberakning").validate(begaran | {"kostnader": None})


def test_the_check_for_undeclared_properties_sees_one():
    spec = {"components": {"schemas": {"Fel": {"properties": {"fel": {}}}}}}
    assert _odeklarerade(spec, {"$ref": "#/components/schemas/Fel"}, {"fel": {}, "x": 1}) == [".x"]
