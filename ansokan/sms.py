"""Pluggable SMS backends for notices (docs/arkitektur.md: E-tjänst), chosen by
settings.SMS_BACKEND.

A backend has `skicka(nummer, text)`. The console backend writes to stdout (development), the
locmem backend keeps messages in `utkorg` (tests), the disabled one only logs. A municipality's
SMS gateway is added as another class with the same method.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

utkorg: list[tuple[str, str]] = []


class ConsoleSmsBackend:
    def skicka(self, nummer: str, text: str) -> None:
        sys.stdout.write(f"SMS till {nummer}: {text}\n")


class LocmemSmsBackend:
    def skicka(self, nummer: str, text: str) -> None:
        utkorg.append((nummer, text))


class AvstangdSmsBackend:
    def skicka(self, nummer: str, text: str) -> None:
        logger.info("SMS-avisering avstängd; inget skickat.")


def sms_backend():
    return import_string(settings.SMS_BACKEND)()
