"""Celery tasks of the ansokan app: thin, take ids, idempotent (docs/arkitektur.md: Periodiska
jobb)."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from bistand.periodiskt import jobblas, periodisk

from . import filer
from .models import Avisering, Bilaga
from .sms import sms_backend

logger = logging.getLogger(__name__)

# Longer than one send takes; a worker that dies holding it frees it after this long.
AVISERING_LAS_SEKUNDER = 300

# OSL 26 kap. 1 §: a notice says only that something is waiting, never its content.
SMS_TEXT = {
    "kvitto": "Vi har tagit emot din ansökan om ekonomiskt bistånd. Kvittot finns i e-tjänsten.",
    "komplettering": "Det finns något nytt att se i e-tjänsten för ekonomiskt bistånd. "
    "Logga in för att läsa.",
    "meddelande": "Du har ett nytt meddelande i e-tjänsten för ekonomiskt bistånd. "
    "Logga in för att läsa.",
    "beslut": "Det finns ett beslut att läsa i e-tjänsten för ekonomiskt bistånd. "
    "Logga in för att läsa.",
    "kommunicering": "Vi vill veta vad du tycker om uppgifter i din ansökan om ekonomiskt "
    "bistånd. Logga in i e-tjänsten för att läsa och svara.",
    "forsening": "Det finns ett besked om din ansökan om ekonomiskt bistånd i e-tjänsten. "
    "Logga in för att läsa.",
}


@shared_task(
    name="ansokan.skicka_avisering",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def skicka_avisering(avisering_id: int) -> bool:
    """Send one notice by e-mail and SMS. Running it twice sends nothing the second time.

    Idempotent by key: a cache lock on the notice's id lets one worker send it at a time, and
    `skickad` is set only if still empty. No database row lock is held while the mail server
    or the SMS gateway answers. A failure there (OSError, SMTP errors included) propagates, so
    Celery retries with backoff; the periodic catch-up sends what is still unsent."""
    with jobblas(f"avisering-{avisering_id}", sekunder=AVISERING_LAS_SEKUNDER) as fatt:
        if not fatt:
            return False
        avisering = (
            Avisering.objects.select_related("ansokan")
            .filter(pk=avisering_id, skickad__isnull=True)
            .first()
        )
        if avisering is None:
            return False
        kontext = {
            "typ": avisering.typ,
            "ansokan": avisering.ansokan,
            "kommun_namn": settings.KOMMUN_NAMN,
        }
        if avisering.epost:
            send_mail(
                subject=render_to_string("emails/avisering_amne.txt", kontext).strip(),
                message=render_to_string("emails/avisering.txt", kontext),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[avisering.epost],
            )
        if avisering.telefon:
            sms_backend().skicka(
                avisering.telefon, SMS_TEXT.get(avisering.typ, SMS_TEXT["meddelande"])
            )
        Avisering.objects.filter(pk=avisering.pk, skickad__isnull=True).update(
            skickad=timezone.now()
        )
    return True


@periodisk("aviseringar")
def skicka_ej_skickade(idag) -> int:
    """Catch-up (docs/arkitektur.md: Periodiska jobb): notices whose task never ran — the
    broker was down when the decision or request was saved — are sent when the periodic job next
    runs. A notice younger than a few minutes is left to its own task. Idempotent through
    `skickad`."""
    grans = timezone.now() - timedelta(minutes=5)
    ids = list(
        Avisering.objects.filter(skickad__isnull=True, skapad__lt=grans).values_list(
            "pk", flat=True
        )
    )
    antal = 0
    for pk in ids:
        try:
            antal += bool(skicka_avisering(pk))
        except OSError:
            logger.exception("Avisering %s kunde inte skickas; försöker igen senare.", pk)
    return antal


@periodisk("bilagor-utan-rad", nattlig=True)
def stada_filer_utan_bilaga(idag) -> int:
    """Remove uploaded files that never got their Bilaga row (the request failed or was rolled
    back after the file was written). Only files under ansokan/ older than a day, and only when
    no Bilaga points at them; each removal is logged by name, never silent."""
    bas = filer.rot() / "ansokan"
    if not bas.is_dir():
        return 0
    grans = time.time() - 24 * 3600
    kandidater = {
        str(p.relative_to(filer.rot())): p
        for p in bas.glob("*/*")
        if p.is_file() and p.stat().st_mtime < grans
    }
    kanda = set(Bilaga.objects.filter(sokvag__in=kandidater).values_list("sokvag", flat=True))
    antal = 0
    for sokvag, path in kandidater.items():
        if sokvag not in kanda:
            path.unlink()
            logger.warning("Tog bort fil utan bilaga: %s", sokvag)
            antal += 1
    return antal
