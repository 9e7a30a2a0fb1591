"""The real services: PostgreSQL in CI, a real Celery worker on Redis (docs/arkitektur.md: Kodstil —
never flatter)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import connection

from bistand import jobb, tasks
from bistand.models import Atkomstlogg
from tests.conftest import krav_tjanst, port_svarar

ROT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    """With REQUIRE_SERVICES=1 the suite must really run on PostgreSQL, not fall back."""
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    with connection.cursor() as c:
        c.execute("SELECT version()")
        assert "PostgreSQL" in c.fetchone()[0]


@pytest.mark.django_db
def test_koa_efter_commit_runs_the_task_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        jobb.koa_efter_commit(tasks.logga_systemhandelse, "efter commit")
        assert not Atkomstlogg.objects.filter(sokvag="efter commit").exists()
    assert len(callbacks) == 1
    callbacks[0]()
    assert Atkomstlogg.objects.filter(sokvag="efter commit").exists()


def _redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def celery_worker_process(transactional_db, django_db_serialized_rollback):
    url = _redis_url()
    delar = urlparse(url)
    krav_tjanst("Redis", port_svarar(delar.hostname or "127.0.0.1", delar.port or 6379))
    env = {
        **os.environ,
        "CELERY_BROKER_URL": url,
        "DJANGO_SETTINGS_MODULE": "bistand.settings_test",
    }
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        # The worker must see the test database, not the development one.
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{db['TEST']['NAME'] or db['NAME']}"
    proc = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "bistand",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            "celery",
        ],
        cwd=ROT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_real_celery_worker_on_redis_completes_a_task(celery_worker_process):
    """Not eager: the task travels through Redis to a separate worker process, which writes
    to the test database; the test sees the row appear."""
    from bistand.celery import app

    markor = f"från arbetaren {time.time_ns()}"
    app.conf.task_always_eager = False
    try:
        with app.connection_for_write(celery_worker_process) as conn:
            tasks.logga_systemhandelse.apply_async(args=[markor], connection=conn)
    finally:
        app.conf.task_always_eager = True
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if Atkomstlogg.objects.filter(sokvag=markor).exists():
            break
        time.sleep(0.25)
    assert Atkomstlogg.objects.filter(sokvag=markor, anvandarnamn="system").count() == 1
