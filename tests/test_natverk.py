"""The client's address behind the documented deployment (docs/drift.md: Proxy)."""

from __future__ import annotations

import pytest
import yaml

from tests.test_deploy import COMPOSE
from tests.utredning.test_utredning_api import EXEMPEL, posta


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_provberakning_limit(
    client, monkeypatch, settings
):
    """The TLS proxy appends the real client; whatever the client wrote before it is ignored."""
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "2/60")
    settings.PROXY_ANTAL = 1
    for forfalskad in ("1.1.1.1", "2.2.2.2"):
        svar = posta(client, EXEMPEL, HTTP_X_FORWARDED_FOR=f"{forfalskad}, 198.51.100.9")
        assert svar.status_code == 200
    svar = posta(client, EXEMPEL, HTTP_X_FORWARDED_FOR="3.3.3.3, 198.51.100.9")
    assert svar.status_code == 429


def test_compose_trusts_one_proxy_and_publishes_web_only_to_it():
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    web = compose["services"]["web"]
    assert web["environment"]["PROXY_ANTAL"] == "${PROXY_ANTAL:-1}"
    assert all(str(p).startswith("127.0.0.1:") for p in web["ports"]), web["ports"]
