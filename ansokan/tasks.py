"""Celery tasks of the ansokan app: thin, take ids, idempotent (STYLE.md §4)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from bistand.periodiskt import periodisk

from .sms import sms_backend

# Issue 3, point 8: a notice says only that something is waiting, never its content.
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
    max_retries=8,
)
def skicka_avisering(avisering_id: int) -> bool:
    """Send one notice by e-mail and SMS. Running it twice sends nothing the second time."""
    from .models import Avisering

    with transaction.atomic():
        avisering = (
            Avisering.objects.select_for_update()
            .select_related("ansokan")
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
        avisering.skickad = timezone.now()
        avisering.save(update_fields=["skickad"])
    return True


@periodisk("aviseringar")
def skicka_ej_skickade(idag) -> int:
    """Catch-up (issue 8, point 7): notices whose task never ran — the broker was down when the
    decision or request was saved — are sent when the periodic job next runs. A notice younger
    than a few minutes is left to its own task. Idempotent through `skickad`."""
    from datetime import timedelta

    from .models import Avisering

    grans = timezone.now() - timedelta(minutes=5)
    ids = list(
        Avisering.objects.filter(skickad__isnull=True, skapad__lt=grans).values_list(
            "pk", flat=True
        )
    )
    return sum(1 for pk in ids if skicka_avisering(pk))


@periodisk("bilagor-utan-rad", nattlig=True)
def stada_filer_utan_bilaga(idag) -> int:
    """Remove uploaded files that never got their Bilaga row (the request failed or was rolled
    back after the file was written). Only files under ansokan/ older than a day, and only when
    no Bilaga points at them; each removal is logged by name, never silent."""
    import logging
    import time

    from . import filer
    from .models import Bilaga

    logger = logging.getLogger(__name__)
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
