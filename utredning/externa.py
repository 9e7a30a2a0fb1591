"""External look-ups of the applicant's income and benefits (docs/regler.md: Utredning).

Swedish municipalities ask other authorities (Försäkringskassan, Arbetsförmedlingen, CSN, the
unemployment funds, Skatteverket, Pensionsmyndigheten) through SSBTEK, or its successor, before a
decision (docs/regler.md: Bakgrund — "kontroll av inkomster"). The system talks to such a service
only through `ExterntUppslag`; the backend is chosen by the setting `EXTERNA_UPPSLAG`:

- `utredning.externa.TestUppslag` — invented, deterministic answers for development and tests,
  clearly marked as test data. Only allowed with DEBUG on (or in tests).
- `utredning.externa.EjAnslutet` — the default in production until a real connection is
  configured: every look-up answers that the service is not connected, so a handläggare does
  the control by hand instead of trusting an empty answer.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class UppslagEjTillgangligt(Exception):
    """The service cannot answer; the message says so in Swedish."""


@dataclass(frozen=True)
class Uppgift:
    kalla: str  # the authority that answered
    text: str  # what the answer says, in plain Swedish
    belopp: int | None  # kronor per month, when the answer is an amount


class ExterntUppslag(Protocol):
    namn: str
    testdata: bool

    def hamta(self, *, personnummer: str, manad: datetime.date) -> list[Uppgift]:
        """Answers for one person and month; raises UppslagEjTillgangligt."""


class EjAnslutet:
    namn = "SSBTEK (inte anslutet)"
    testdata = False

    def hamta(self, *, personnummer: str, manad: datetime.date) -> list[Uppgift]:
        raise UppslagEjTillgangligt(
            "Kommunen har inte anslutit något externt uppslag (SSBTEK). Gör kontrollen manuellt."
        )


class TestUppslag:
    """Invented answers that depend only on the number and month, so tests can rely on them."""

    namn = "SSBTEK (testdata)"
    testdata = True

    def hamta(self, *, personnummer: str, manad: datetime.date) -> list[Uppgift]:
        fro = int(hashlib.sha256(f"{personnummer}{manad:%Y%m}".encode()).hexdigest()[:8], 16)
        svar = [
            Uppgift("Arbetsförmedlingen", "Inskriven som arbetssökande.", None)
            if fro % 3
            else Uppgift("Arbetsförmedlingen", "Inte inskriven.", None),
            Uppgift("Försäkringskassan", "Bostadsbidrag", 500 + fro % 20 * 50)
            if fro % 4 == 0
            else Uppgift("Försäkringskassan", "Inga utbetalningar.", None),
            Uppgift("Arbetslöshetskassan", "Ersättning från a-kassa", 4000 + fro % 30 * 100)
            if fro % 5 == 0
            else Uppgift("Arbetslöshetskassan", "Ingen ersättning.", None),
            Uppgift("CSN", "Inga studiemedel.", None),
        ]
        return svar


def uppslag() -> ExterntUppslag:
    """The configured backend; test data only when DEBUG is on or the test settings say so."""
    klass = import_string(settings.EXTERNA_UPPSLAG)
    backend = klass()
    if backend.testdata and not (settings.DEBUG or getattr(settings, "TESTDATA_TILLATEN", False)):
        raise UppslagEjTillgangligt("Testdata får inte användas i produktion.")
    return backend
