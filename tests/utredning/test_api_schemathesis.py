"""schemathesis against the public provberäkning API: requests generated from
`/api/openapi.json` (valid and invalid by the schema) never give a 5xx, every answer conforms to
the schema (status code, content type, body, headers), and what the schema forbids is refused
(docs/regler.md: Beräkning)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis import checks

from utredning.openapi import openapi_beskrivning

pytestmark = pytest.mark.django_db

SCHEMA = schemathesis.openapi.from_dict(openapi_beskrivning("/"))
KONTROLLER = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


@pytest.fixture(autouse=True)
def _ingen_begransning(monkeypatch):
    # the rate limit is a documented 429; here every generated request reaches the rules. The
    # limit is read from the environment (utredning/begransning.py), not from Django's settings.
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "100000/60")


@pytest.fixture(autouse=True)
def _anslutningen_star_kvar():
    """Django's WSGI handler runs `close_old_connections` when a request starts and ends. Inside
    a test's transaction the connection is not in autocommit mode, so it counts as unusable and
    is closed: the next query in the view fails with "Cannot operate on a closed database"
    (SQLite) or "the connection is closed" (PostgreSQL) and the request answers 500. Django's
    own test client disconnects the handler around each request; the real WSGI application
    called here does the same for the test's duration."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_served_schema_is_the_one_tested(client: Client):
    served = client.get("/api/openapi.json").json()
    assert served["paths"] == SCHEMA.raw_schema["paths"]
    assert served["components"] == SCHEMA.raw_schema["components"]


def test_a_valid_request_reaches_the_calculation_through_the_same_harness():
    """Requests that reach the database answer 200, so the generated ones below test the whole
    calculation and not only the input checks."""
    operation = SCHEMA["/api/provberakning"]["POST"]
    fall = operation.Case(
        body={"manad": "2026-12", "personer": [{"roll": "sokande", "fodelsedatum": "1988-04-02"}]},
        media_type="application/json",
    )
    svar = fall.call_and_validate(app=get_wsgi_application(), checks=KONTROLLER)
    assert svar.status_code == 200
    assert json.loads(svar.content)["bistand"] > 0


@SCHEMA.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_the_api_answers_every_generated_request_by_its_schema(case):
    svar = case.call_and_validate(app=get_wsgi_application(), checks=KONTROLLER)
    if svar.status_code == 400:
        fel = json.loads(svar.content)["fel"]
        # a Swedish message per field, never an empty refusal
        assert fel and all(isinstance(t, str) and t for texter in fel.values() for t in texter)
