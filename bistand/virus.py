"""A small client for ClamAV's clamd (docs/drift.md: Virusskanning).

Every uploaded file is sent to clamd with the INSTREAM command before it is stored where anyone
can open it. clamd listens on a Unix socket (`CLAMD_SOCKET`) or TCP (`CLAMD_ADRESS`,
"host:port", as in docker-compose). Without either — `make run` — nothing is scanned and files
are marked "ej virusskannad"; production requires the scanner (`check --deploy`).
"""

from __future__ import annotations

import socket
import struct

from django.conf import settings

BIT = 64 * 1024


class SkanningEjMojlig(Exception):
    """clamd is not configured, not reachable, or answered with an error."""


def konfigurerad() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_ADRESS)


def _anslut() -> socket.socket:
    if settings.CLAMD_SOCKET:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(settings.CLAMD_TIMEOUT)
        s.connect(settings.CLAMD_SOCKET)
        return s
    host, _, port = settings.CLAMD_ADRESS.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=settings.CLAMD_TIMEOUT)


def _fraga(kommando: bytes, data: bytes | None = None) -> str:
    if not konfigurerad():
        raise SkanningEjMojlig("Ingen virusskanner är inställd.")
    try:
        with _anslut() as s:
            s.sendall(b"z" + kommando + b"\0")
            if data is not None:
                for i in range(0, len(data), BIT):
                    bit = data[i : i + BIT]
                    s.sendall(struct.pack("!L", len(bit)) + bit)
                s.sendall(struct.pack("!L", 0))
            svar = b""
            while not svar.endswith(b"\0"):
                del_ = s.recv(4096)
                if not del_:
                    break
                svar += del_
    except OSError as fel:
        raise SkanningEjMojlig(f"clamd svarar inte: {fel}") from fel
    return svar.rstrip(b"\0").decode("utf-8", "replace").strip()


def svarar() -> bool:
    try:
        return _fraga(b"PING") == "PONG"
    except SkanningEjMojlig:
        return False


def skanna(data: bytes) -> str | None:
    """None when clamd finds nothing; the signature's name when it finds malware. Raises
    SkanningEjMojlig when no answer can be had (then the file is not treated as clean)."""
    svar = _fraga(b"INSTREAM", data)
    if svar.endswith("OK"):
        return None
    if svar.endswith("FOUND"):
        return svar.removeprefix("stream:").removesuffix("FOUND").strip() or "okänd"
    raise SkanningEjMojlig(f"clamd: {svar}")
