"""Where a page's CPU goes under load: the gunicorn workers' share and PostgreSQL's, per request
(docs/prestanda.md: Profilering, "The database's share under load").

    DATABASE_URL=postgres://…/bistand_skala .venv/bin/python bench/delning.py \
        /arbetslista/ / /akter/4361/

Starts the project under gunicorn (production settings, 2 workers) on loopback, makes a
session for the user (`--anvandare`, default handlaggare1) with `benchsession`, and for each
path loads it for a moment to warm up, then for `--sekunder` at 10 connections, reading the
CPU time of the workers and of every PostgreSQL server process on this machine from
/proc/<pid>/stat (user and system ticks) before and after. Prints requests/s and the
milliseconds of CPU per request on each side. Linux only, PostgreSQL on the same machine,
nothing else running: every PostgreSQL process counts, a test run's too.
"""

from __future__ import annotations

import argparse
import os
import pwd
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROT / "bench"))

from last import _last  # noqa: E402 - bench/ is not a package on the path when run as a script

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _processer(*, foralder: int | None = None, uid: int | None = None) -> list[int]:
    ut = []
    for namn in os.listdir("/proc"):
        try:
            pid = int(namn)  # /proc's numbered entries are the processes
        except ValueError:
            continue
        falt = _stat(pid)
        if falt is None:
            continue
        if foralder is not None and int(falt[1]) == foralder:
            ut.append(pid)
        elif uid is not None:
            try:
                if os.stat(f"/proc/{pid}").st_uid == uid:
                    ut.append(pid)
            except OSError:
                continue
    return ut


def _tick(pids: list[int]) -> dict[int, int]:
    ut = {}
    for pid in pids:
        falt = _stat(pid)
        if falt is not None:
            ut[pid] = int(falt[11]) + int(falt[12])
    return ut


def _skillnad(fore: dict[int, int], efter: dict[int, int]) -> int:
    return sum(efter[p] - fore[p] for p in efter if p in fore)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("sokvagar", nargs="+", help="paths, e.g. /arbetslista/")
    p.add_argument("--anvandare", default="handlaggare1")
    p.add_argument("--sekunder", type=float, default=8.0)
    p.add_argument("--port", type=int, default=8040)
    a = p.parse_args()
    miljo = {
        **os.environ,
        "DEBUG": "0",
        "BENCHMARK": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "SECRET_KEY": os.environ.get("SECRET_KEY", f"delning-{int(time.time())}"),
        "STATIC_ROOT": os.environ.get("STATIC_ROOT") or tempfile.mkdtemp(),
    }
    python = sys.executable
    # Our own manage.py and gunicorn, with arguments from this command line only.
    subprocess.run(  # noqa: S603
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROT, env=miljo, check=True
    )
    nyckel = subprocess.run(  # noqa: S603
        [python, "manage.py", "benchsession", a.anvandare],
        cwd=ROT,
        env=miljo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    gunicorn = str(Path(python).with_name("gunicorn"))
    adress = f"127.0.0.1:{a.port}"
    server = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [gunicorn, "bistand.wsgi", "-w", "2", "-b", adress, "--log-level", "warning"],
        cwd=ROT,
        env=miljo,
    )
    try:
        time.sleep(4)
        postgres = pwd.getpwnam("postgres").pw_uid
        huvuden = {
            "X-Forwarded-Proto": "https",
            "Host": "127.0.0.1",
            "Cookie": f"sessionid={nyckel}",
        }
        print("| sida | req/s | fel | arbetare ms/förfrågan | PostgreSQL ms/förfrågan |")
        print("|---|---|---|---|---|")
        for sokvag in a.sokvagar:
            url = f"http://127.0.0.1:{a.port}{sokvag}"
            _last(url, sekunder=2, samtidiga=10, huvuden=huvuden)
            arbetare = _processer(foralder=server.pid)
            databas = _processer(uid=postgres)
            a0, d0 = _tick(arbetare), _tick(databas)
            svar = _last(url, sekunder=a.sekunder, samtidiga=10, huvuden=huvuden)
            a1, d1 = _tick(arbetare), _tick(databas)
            n = max(svar["n"], 1)
            print(
                f"| {sokvag} | {svar['rps']:.1f} | {svar['fel']} "
                f"| {_skillnad(a0, a1) * TICK_MS / n:.2f} | {_skillnad(d0, d1) * TICK_MS / n:.2f} |"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
