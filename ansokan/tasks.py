"""Celery tasks of the ansokan app: thin, take ids, idempotent (STYLE.md §4)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .sms import sms_backend

# Issue 3, point 8: a notice says only that something is waiting, never its content.
SMS_TEXT = {
    "kvitto": "Vi har tagit emot din ansökan om ekonomiskt bistånd. Kvittot finns i e-tjänsten.",
    "komplettering": "Det finns något nytt att se i e-tjänsten för ekonomiskt bistånd. "
    "Logga in för att läsa.",
    "meddelande": "Du har ett nytt meddelande i e-tjänsten för ekonomiskt bistånd. "
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
