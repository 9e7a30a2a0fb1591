"""Checking and storing uploaded files (issue 3, point 4).

The type is decided by the file's first bytes, never by its name or the browser's claim, and
files are stored under FILE_STORAGE_DIR, which no URL serves.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

FEL_TOM = "Filen är tom. Välj en annan fil."
FEL_TYP = (
    "Filen går inte att ta emot. Vi tar emot PDF, JPEG, PNG och HEIC (bilder från mobilen). "
    "Kontrollera att filen verkligen är en sådan fil och försök igen."
)


def fel_storlek() -> str:
    mb = settings.ETJANST_MAX_FILSTORLEK // (1024 * 1024)
    return f"Filen är för stor. Den får vara högst {mb} MB. Försök med en mindre fil."


# HEIF brands written by phones (ISO/IEC 23008-12): the 'ftyp' box at offset 4.
HEIF_MARKEN = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def kand_typ(borjan: bytes) -> str | None:
    """The content type from the file's magic bytes, or None when it is not one we accept."""
    if borjan.startswith(b"%PDF-"):
        return "application/pdf"
    if borjan.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if borjan.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(borjan) >= 12 and borjan[4:8] == b"ftyp" and borjan[8:12] in HEIF_MARKEN:
        return "image/heic"
    return None


def kontrollera_fil(fil: UploadedFile) -> str:
    """Validate size and content; return the content type. Raises a Swedish ValidationError."""
    if fil.size == 0:
        raise ValidationError(FEL_TOM)
    if fil.size > settings.ETJANST_MAX_FILSTORLEK:
        raise ValidationError(fel_storlek())
    fil.seek(0)
    borjan = fil.read(16)
    fil.seek(0)
    typ = kand_typ(borjan)
    if typ is None:
        raise ValidationError(FEL_TYP)
    return typ


@dataclass(frozen=True)
class LagradFil:
    sokvag: str
    storlek: int
    sha256: str


def rot() -> Path:
    return Path(settings.FILE_STORAGE_DIR)


def lagra(fil: UploadedFile, *, mapp: str) -> LagradFil:
    """Write the upload under FILE_STORAGE_DIR/<mapp>/<random name>, without its extension."""
    relativ = f"{mapp}/{uuid.uuid4().hex}"
    mal = rot() / relativ
    mal.parent.mkdir(parents=True, exist_ok=True)
    summa = hashlib.sha256()
    storlek = 0
    fil.seek(0)
    with mal.open("xb") as ut:
        for bit in fil.chunks():
            summa.update(bit)
            storlek += len(bit)
            ut.write(bit)
    return LagradFil(sokvag=relativ, storlek=storlek, sha256=summa.hexdigest())


def oppna(sokvag: str):
    """Open a stored file for reading; refuses paths that leave the storage directory."""
    bas = rot().resolve()
    mal = (bas / sokvag).resolve()
    if bas not in mal.parents:
        raise FileNotFoundError(sokvag)
    return mal.open("rb")
