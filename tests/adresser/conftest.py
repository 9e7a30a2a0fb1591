"""One demo world for every URL walk in this package (the matrix, the forms against the matrix,
the fuzz): `seed_demo` takes about a minute and a half, so it is built once, inside a transaction
that is rolled back when the package's last test has run. Each test runs in a savepoint inside
it (pytest-django's `django_db`), and each request of a walk in a savepoint of its own, so no
test sees another's writes.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings

from tests.adresser.varld import Varld, _komplettera

INSTALLNINGAR = {
    "ETJANST_TESTLEGITIMATION": True,
    "OIDC_RP_CLIENT_ID": "bistand-test",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
}


@pytest.fixture(scope="package")
def demovarld(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(**INSTALLNINGAR):
        yttre = transaction.atomic()
        yttre.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", "--force", stdout=io.StringIO())
                varld = Varld()
                _komplettera(varld)
            yield varld
        finally:
            transaction.set_rollback(True)
            yttre.__exit__(None, None, None)
