"""Enqueue Celery tasks only after the surrounding transaction commits (STYLE.md §4).

A task enqueued inside a transaction that later rolls back would act on rows that never
existed; one enqueued before commit may run before its rows are visible to the worker.
"""

from __future__ import annotations

from typing import Any

from celery import Task
from django.db import transaction


def koa_efter_commit(task: Task, *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """`task.delay(*args, **kwargs)` once the current transaction commits (at once if none).

    In the embedded mode (no broker) the task then runs eagerly in-process.
    """
    transaction.on_commit(lambda: task.delay(*args, **kwargs), using=using)
