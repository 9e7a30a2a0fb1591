"""The letter-rendering task retries a failure instead of swallowing it; the decision stands
and the periodic catch-up renders the letter later (docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import pytest
from celery.signals import task_retry

from beslut import services
from beslut.tasks import rendera_beslutsbrev, rendera_ej_renderade
from tests.beslut.conftest import post_beslut

pytestmark = pytest.mark.django_db


@pytest.fixture
def oren_brev(utredd, handlaggare):
    """A decided letter whose rendering task has not run (its on_commit never fired)."""
    brev = services.beslut_fatta(
        ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
    )
    brev.refresh_from_db()
    assert brev.sha256 == ""
    return brev


@pytest.fixture
def forsok():
    retries: list[int] = []

    def mottagare(sender=None, request=None, **kwargs):
        retries.append(request.retries)

    task_retry.connect(mottagare, weak=False)
    yield retries
    task_retry.disconnect(mottagare)


def test_a_letter_that_cannot_be_stored_is_retried_and_the_error_is_not_swallowed(
    oren_brev, forsok, settings, tmp_path
):
    inte_en_mapp = tmp_path / "fil"
    inte_en_mapp.write_text("")
    settings.FILE_STORAGE_DIR = str(inte_en_mapp)

    # Eagerly (as here) the retry runs at once; after the last one the error comes out.
    with pytest.raises(OSError):
        rendera_beslutsbrev.apply(args=[oren_brev.pk], retries=4, throw=False)

    assert forsok == [4], "the task was not retried"
    oren_brev.refresh_from_db()
    assert oren_brev.sha256 == ""

    settings.FILE_STORAGE_DIR = str(tmp_path / "filer")
    assert rendera_ej_renderade(None) >= 1
    oren_brev.refresh_from_db()
    assert len(oren_brev.sha256) == 64
