"""Upload handler that refuses an oversized file while the body streams in.

Django's default handlers spool a large upload to a temporary file before any view can check
its size. This one is the only handler: it keeps a file in memory up to
`ETJANST_MAX_FILSTORLEK` and, past that, stops keeping it — the rest of that file is read off
the connection and dropped, only counted. Nothing is ever written to disk here. The view then
gets an empty file that knows its real size, and the form says "Filen är för stor" next to the
field (ansokan/filer.py). A body larger than `UPPLADDNING_MAX_BEGARAN` (by its
Content-Length) is refused before a byte of it is read: the answer is the 400 page.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class ForStorFil(InMemoryUploadedFile):
    """What is left of a file over the limit: no content, only its real size."""

    for_stor = True


class BegransadUppladdning(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        if content_length > settings.UPPLADDNING_MAX_BEGARAN:
            raise RequestDataTooBig("Begäran är större än UPPLADDNING_MAX_BEGARAN.")

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.storlek = 0
        self.for_stor = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.storlek += len(raw_data)
        if self.storlek > settings.ETJANST_MAX_FILSTORLEK:
            if not self.for_stor:
                self.for_stor = True
                self.buffer = io.BytesIO()  # drop what was kept
            return None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int):
        klass = ForStorFil if self.for_stor else InMemoryUploadedFile
        self.buffer.seek(0)
        fil = klass(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.storlek,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        return fil
