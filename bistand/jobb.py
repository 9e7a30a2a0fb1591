"""Enqueue Celery tasks only after the surrounding transaction commits (STYLE.md §4).

A task enqueued inside a transaction that later rolls back would act on rows that never
existed; one enqueued before commit may run before its rows are visible to the worker.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def koa_efter_commit(task: Task, *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """`task.delay(*args, **kwargs)` once the current transaction commits (at once if none).

    In the embedded mode (no broker) the task then runs eagerly in-process. When the broker is
    down the saved work stands and the failure is logged: the periodic jobs find work not yet
    done (a letter not rendered, a notice not sent) and do it when the broker is back
    (issue 8, point 7). So a task enqueued here must have such a periodic catch-up.
    """

    def skicka() -> None:
        try:
            task.delay(*args, **kwargs)
        except OperationalError:
            logger.warning("Kön nås inte; %s körs av det periodiska jobbet senare.", task.name)

    transaction.on_commit(skicka, using=using)
