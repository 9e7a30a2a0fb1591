"""Enqueue Celery tasks only after the surrounding transaction commits.

See docs/arkitektur.md: Periodiska jobb.

A task enqueued inside a transaction that later rolls back would act on rows that never
existed; one enqueued before commit may run before its rows are visible to the worker.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from celery.exceptions import Retry
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def koa_efter_commit(task: Task, *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """`task.delay(*args, **kwargs)` once the current transaction commits (at once if none).

    In the embedded mode (no broker) the task then runs eagerly in-process. When the broker is
    down the saved work stands and the failure is logged: the periodic jobs find work not yet
    done (a letter not rendered, a notice not sent) and do it when the broker is back. So a
    task enqueued here must have such a periodic catch-up. In the embedded mode a task that
    still fails after its retries (OSError: mail server, PDF engine) is logged the same way
    instead of failing the request whose work is already committed.
    """

    def skicka() -> None:
        try:
            task.delay(*args, **kwargs)
        except OperationalError:
            logger.warning("Kön nås inte; %s körs av det periodiska jobbet senare.", task.name)
        except (OSError, Retry):
            if not task.app.conf.task_always_eager:
                raise
            logger.exception("%s misslyckades; det periodiska jobbet försöker igen.", task.name)

    transaction.on_commit(skicka, using=using)
