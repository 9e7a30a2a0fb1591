"""E-legitimation through mozilla-django-oidc's own flow against a fake identity provider
running in the test process on a real local HTTP port: the authorization request carries
state, nonce and a PKCE S256 code_challenge; the token endpoint checks the code_verifier;
the ID token is RS256-signed and carries the nonce. An applicant never becomes a Django user.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model

from ansokan.inloggning import PERSON

pytestmark = pytest.mark.django_db

START = "/e-tjanst/logga-in/e-legitimation/"
SVAR = "/e-tjanst/logga-in/e-legitimation/svar/"


class FalskIdp:
    """A minimal OpenID provider: authorize (in-process), /token and /jwks over HTTP."""

    def __init__(self) -> None:
        self.nyckel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.koder: dict[str, dict] = {}
        self.verifierade: list[str] = []
        self.falsk_nonce: str | None = None
        idp = self

        class Hanterare(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _svara(self, status: int, data: dict) -> None:
                kropp = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(kropp)))
                self.end_headers()
                self.wfile.write(kropp)

            def do_GET(self):
                jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(idp.nyckel.public_key()))
                self._svara(200, {"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})

            def do_POST(self):
                langd = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(langd).decode()).items()}
                self._svara(*idp.token(form))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Hanterare)
        self.bas = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def authorize(self, url: str, personnummer: str) -> dict[str, str]:
        """What the broker does after BankID: remember the request, answer with a code."""
        params = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
        kod = secrets.token_urlsafe(16)
        self.koder[kod] = {**params, "personnummer": personnummer}
        return {"code": kod, "state": params["state"]}

    def token(self, form: dict) -> tuple[int, dict]:
        post = self.koder.pop(form.get("code", ""), None)
        if post is None or form.get("client_id") != "bistand":
            return 400, {"error": "invalid_grant"}
        verifier = form.get("code_verifier", "")
        raknad = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if post.get("code_challenge_method") != "S256" or raknad.rstrip(b"=").decode() != post.get(
            "code_challenge"
        ):
            return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        self.verifierade.append(verifier)
        nu = int(time.time())
        id_token = jwt.encode(
            {
                "iss": self.bas,
                "aud": "bistand",
                "sub": post["personnummer"],
                "iat": nu,
                "exp": nu + 300,
                "nonce": self.falsk_nonce or post.get("nonce"),
                "personal_number": post["personnummer"],
            },
            self.nyckel,
            algorithm="RS256",
            headers={"kid": "k1"},
        )
        return 200, {"id_token": id_token, "access_token": "a", "token_type": "Bearer"}


@pytest.fixture
def idp(settings):
    falsk = FalskIdp()
    settings.OIDC_RP_CLIENT_ID = "bistand"
    settings.OIDC_RP_CLIENT_SECRET = "hemligt"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{falsk.bas}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{falsk.bas}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{falsk.bas}/jwks"
    settings.OIDC_OP_USER_ENDPOINT = ""
    yield falsk
    falsk.server.shutdown()
    falsk.server.server_close()


def _starta(client, idp, personnummer):
    svar = client.get(START)
    assert svar.status_code == 302
    assert svar["Location"].startswith(idp.bas + "/authorize?")
    return idp.authorize(svar["Location"], personnummer)


def test_a_login_with_pkce_state_and_nonce_maps_the_personnummer_to_the_person(
    client, idp, sokande
):
    anvandare = get_user_model().objects.count()
    svar_fran_idp = _starta(client, idp, sokande.identitet)
    post = next(iter(idp.koder.values()))
    assert post["code_challenge_method"] == "S256" and len(post["code_challenge"]) >= 43
    assert post["nonce"] and post["state"]

    svar = client.get(SVAR, svar_fran_idp)

    assert svar.status_code == 302
    assert client.session[PERSON] == sokande.pk
    assert len(idp.verifierade) == 1
    assert get_user_model().objects.count() == anvandare
    assert "_auth_user_id" not in client.session


def test_a_callback_with_another_state_logs_nobody_in(client, idp, sokande):
    svar_fran_idp = _starta(client, idp, sokande.identitet)
    svar = client.get(SVAR, {**svar_fran_idp, "state": "fel"})
    assert svar.status_code == 302
    assert PERSON not in client.session
    assert idp.verifierade == []
    assert "Inloggningen misslyckades" in client.get(svar["Location"]).content.decode()


def test_an_id_token_with_another_nonce_logs_nobody_in(client, idp, sokande):
    idp.falsk_nonce = "en-annan-nonce"
    svar = client.get(SVAR, _starta(client, idp, sokande.identitet))
    assert svar.status_code == 302
    assert PERSON not in client.session


def test_a_wrong_code_verifier_is_refused_by_the_provider_and_logs_nobody_in(client, idp, sokande):
    svar_fran_idp = _starta(client, idp, sokande.identitet)
    session = client.session
    session["oidc_states"][svar_fran_idp["state"]]["code_verifier"] = "x" * 64
    session.save()
    svar = client.get(SVAR, svar_fran_idp)
    assert svar.status_code == 302
    assert PERSON not in client.session
    assert idp.verifierade == []


def test_the_same_answer_cannot_be_used_twice(client, idp, sokande):
    svar_fran_idp = _starta(client, idp, sokande.identitet)
    client.get(SVAR, svar_fran_idp)
    client.post("/e-tjanst/logga-ut/")
    client.get(SVAR, svar_fran_idp)
    assert PERSON not in client.session
