"""Celery tasks and periodic jobs of beslut: thin wrappers that take ids and call services
(docs/arkitektur.md: Periodiska jobb). Every one is idempotent and has a periodic catch-up."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from bistand.periodiskt import periodisk

from .models import Beslutsbrev
from .services import beslutsbrev_rendera, delgivning_presumera, laga_kraft_markera

logger = logging.getLogger(__name__)


@shared_task(
    name="beslut.rendera_beslutsbrev",
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def rendera_beslutsbrev(brev_id: int) -> str:
    """Render and store one letter (a second run finds it rendered and does nothing).

    When the PDF engine cannot load (WeasyPrint needs the Pango library) the OSError
    propagates and Celery retries with backoff; the decision stands meanwhile, and the periodic
    catch-up renders whatever is still unrendered once the library is there."""
    return beslutsbrev_rendera(brev_id=brev_id).sha256


@periodisk("beslut-rendera-brev")
def rendera_ej_renderade(idag: datetime.date) -> int:
    """Catch-up for the rendering task: letters not rendered (the broker was down)."""
    antal = 0
    for pk in Beslutsbrev.objects.filter(sha256="").values_list("pk", flat=True):
        try:
            beslutsbrev_rendera(brev_id=pk, idag=idag)
        except OSError:
            logger.exception("Beslutsbrev %s kunde inte renderas; försöker igen senare.", pk)
            continue
        antal += 1
    return antal


@periodisk("beslut-delgivning")
def delgivning(idag: datetime.date) -> int:
    return delgivning_presumera(idag=idag)


@periodisk("beslut-laga-kraft")
def laga_kraft(idag: datetime.date) -> int:
    return laga_kraft_markera(idag=idag)
