"""Checking and storing uploaded files (docs/arkitektur.md: E-tjänst).

The type is decided by the file's first bytes, never by its name or the browser's claim, and
files are stored under FILE_STORAGE_DIR, which no URL serves.
"""

from __future__ import annotations

import hashlib
import re
import uuid
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.loader import render_to_string
from PIL import Image

from bistand import virus
from bistand.pdf import TYPSNITT, html_till_pdf

from .models import Skanning

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


FEL_PDF_AKTIV = (
    "PDF-filen innehåller program eller automatiska åtgärder (till exempel JavaScript) och kan "
    "inte tas emot. Skriv ut den till en ny PDF eller fotografera dokumentet och försök igen."
)
FEL_PDF_KRYPTERAD = (
    "PDF-filen är lösenordsskyddad och kan inte tas emot. Spara den utan lösenord och försök igen."
)
FEL_BILD_STOR = (
    "Bilden är för stor (för många bildpunkter). Ta en ny bild med lägre upplösning eller "
    "spara den som PDF."
)
FEL_BILD_TRASIG = "Bilden går inte att öppna. Kontrollera filen och försök igen."

# PDF names that run code, act on opening, start programs or carry other files.
AKTIVA_PDF_NAMN = {
    b"/JavaScript",
    b"/JS",
    b"/OpenAction",
    b"/AA",
    b"/Launch",
    b"/EmbeddedFile",
    b"/EmbeddedFiles",
    b"/RichMedia",
    b"/XFA",
    b"/SubmitForm",
    b"/ImportData",
}
_PDF_NAMN = re.compile(rb"/[A-Za-z0-9#]+")
_PDF_STROM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def _namn_i(data: bytes) -> set[bytes]:
    """Every PDF name in the bytes, with #xx escapes decoded (/J#61vaScript is /JavaScript)."""
    namn = set()
    for m in _PDF_NAMN.finditer(data):
        n = re.sub(rb"#([0-9A-Fa-f]{2})", lambda x: bytes([int(x.group(1), 16)]), m.group(0))
        namn.add(n)
    return namn


def pdf_har_aktivt_innehall(data: bytes) -> bool:
    """True when the PDF holds JavaScript, actions run on opening, launch actions or embedded
    files — in its plain text or inside any compressed stream (object streams hide
    dictionaries there). docs/drift.md: Uppladdningar."""
    if _namn_i(data) & AKTIVA_PDF_NAMN:
        return True
    for m in _PDF_STROM.finditer(data):
        try:
            inne = zlib.decompressobj().decompress(m.group(1), 50 * 1024 * 1024)
        except zlib.error:
            continue
        if _namn_i(inne) & AKTIVA_PDF_NAMN:
            return True
    return False


def pdf_krypterad(data: bytes) -> bool:
    return b"/Encrypt" in _namn_i(data)


def bild_for_stor(fil: UploadedFile) -> bool | None:
    """True when the image declares more pixels than BILD_MAX_PIXLAR (a decompression bomb is
    a small file that unpacks to billions of pixels); None when it cannot be read. Only the
    header is read, nothing is decoded."""
    fil.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(fil) as bild:
                bredd, hojd = bild.size
    except Image.DecompressionBombError:
        return True
    except Exception:  # noqa: BLE001 - any unreadable image is refused the same way
        return None
    finally:
        fil.seek(0)
    return bredd * hojd > settings.BILD_MAX_PIXLAR


def kontrollera_fil(fil: UploadedFile) -> str:
    """Validate size and content; return the content type. Raises a Swedish ValidationError.

    The size was already enforced while the upload streamed in (bistand/uppladdning.py): an
    oversized file arrives empty, knowing only its size."""
    if getattr(fil, "for_stor", False) or fil.size > settings.ETJANST_MAX_FILSTORLEK:
        raise ValidationError(fel_storlek())
    if fil.size == 0:
        raise ValidationError(FEL_TOM)
    fil.seek(0)
    borjan = fil.read(16)
    fil.seek(0)
    typ = kand_typ(borjan)
    if typ is None:
        raise ValidationError(FEL_TYP)
    if typ == "application/pdf":
        data = fil.read()
        fil.seek(0)
        if pdf_har_aktivt_innehall(data):
            raise ValidationError(FEL_PDF_AKTIV)
        if pdf_krypterad(data):
            raise ValidationError(FEL_PDF_KRYPTERAD)
    elif typ in ("image/png", "image/jpeg"):
        stor = bild_for_stor(fil)
        if stor is None:
            raise ValidationError(FEL_BILD_TRASIG)
        if stor:
            raise ValidationError(FEL_BILD_STOR)
    return typ


def skanna(fil: UploadedFile) -> tuple[str, str]:
    """(status, finding) from clamd (bistand/virus.py) for the whole file, before it is stored:
    `ren`, `karantan` with the signature's name, `ej_skannad` when no scanner is configured
    (`make run`), `vantar` when the configured scanner does not answer."""
    if not virus.konfigurerad():
        return Skanning.EJ_SKANNAD, ""
    fil.seek(0)
    data = fil.read()
    fil.seek(0)
    try:
        fynd = virus.skanna(data)
    except virus.SkanningEjMojlig:
        return Skanning.VANTAR, ""
    if fynd:
        return Skanning.KARANTAN, fynd[:200]
    return Skanning.REN, ""


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


def som_pdf(bilaga) -> bytes | None:
    """A stored attachment as PDF pages for a bundle: a PDF as it is, a JPEG or PNG on a page
    of its own. None for a kind a PDF cannot hold (HEIC): the bundle lists it to be sent apart."""
    if not bilaga.kan_oppnas:  # not yet scanned, or quarantined: never put in a document
        return None
    if bilaga.innehallstyp == "application/pdf":
        with oppna(bilaga.sokvag) as fil:
            return fil.read()
    if bilaga.innehallstyp in ("image/jpeg", "image/png"):
        bild = (rot() / bilaga.sokvag).resolve()
        if not bild.is_relative_to(rot().resolve()):
            return None
        html = render_to_string(
            "pdf/bild.html",
            {"bilaga": bilaga, "src": bild.as_uri(), "fonts": TYPSNITT.as_uri()},
        )
        return html_till_pdf(html, ocksa=(bild,))
    return None
