"""Profile pages in-process on the seeded database (docs/prestanda.md: Profilering):

    BENCHMARK=1 .venv/bin/python manage.py shell -c \
        "from bench.profil import main; main('handlaggare1', ['/arbetslista/'])"

For each URL: median wall time of BENCH_VARV requests (after one warm-up), the number of
queries and their total time, the slowest queries, and cProfile's top functions by
cumulative time (BENCH_PROFIL_RADER lines). The Django test client goes through the full
middleware stack as the given user (logged in with force_login, second factor marked done).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _klient(anvandare: str) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bistand.models import User
    from bistand.sakerhet import SENAST

    user = User.objects.get(username=anvandare)
    enhet = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="benchsession", confirmed=True)
    )
    klient = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    klient.force_login(user)
    session = klient.session
    session[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
    session[SENAST] = int(time.time())
    session.save()
    return klient


def _var_fragor(klient: Client, url: str) -> None:
    """Every query of one request with the project's frames that issued it (BENCH_SQL=1)."""
    import traceback

    def spara(execute, sql, params, many, context):
        ramar = [
            f"{r.filename.rsplit('/', 2)[-2]}/{r.filename.rsplit('/', 1)[-1]}:{r.lineno} {r.name}"
            for r in traceback.extract_stack()
            if "/work/" in r.filename and ".venv" not in r.filename and "bench/" not in r.filename
        ]
        print(f"  SQL {sql[:160]}\n      " + " < ".join(reversed(ramar[-4:])))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spara):
        klient.get(url, secure=True)


def main(anvandare: str, urls: list[str]) -> None:
    varv = int(os.environ.get("BENCH_VARV", "10"))
    rader = int(os.environ.get("BENCH_PROFIL_RADER", "25"))
    klient = _klient(anvandare)
    for url in urls:
        svar = klient.get(url, secure=True)
        print(f"\n=== {url}: {svar.status_code}")
        tider = []
        for _ in range(varv):
            t0 = time.perf_counter()
            klient.get(url, secure=True)
            tider.append(time.perf_counter() - t0)
        with CaptureQueriesContext(connection) as fangade:
            klient.get(url, secure=True)
        fragor = sorted(fangade.captured_queries, key=lambda q: -float(q["time"]))
        print(
            f"median {statistics.median(tider) * 1000:.1f} ms, {len(fragor)} queries, "
            f"{sum(float(q['time']) for q in fragor) * 1000:.1f} ms in the database"
        )
        for q in fragor[:5]:
            print(f"  {float(q['time']) * 1000:.1f} ms: {q['sql'][:300]}")
        if os.environ.get("BENCH_SQL"):
            _var_fragor(klient, url)
        profil = cProfile.Profile()
        profil.enable()
        for _ in range(3):
            klient.get(url, secure=True)
        profil.disable()
        ut = io.StringIO()
        pstats.Stats(profil, stream=ut).sort_stats("cumulative").print_stats(rader)
        print(ut.getvalue())
