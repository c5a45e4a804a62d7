"""Uploaded files are measured while they arrive, never after they have been read whole.

`SizeLimitedUploadHandler` runs first among FILE_UPLOAD_HANDLERS (settings). A request whose
Content-Length already says it is larger than a resume plus the form's fields keeps none of its
files; a file that grows past RESUME_MAX_BYTES while it streams (a missing or lying length) stops
being kept at that point. Either way the form receives a `RefusedUpload` that only knows its name
and how many bytes were seen, so it can say "This file is 100 MB, over the 10 MB limit" while the
server held no more than one chunk of it in memory and nothing on disk. The rest of the body is
still read (and dropped), so the browser gets the page with the message rather than a reset
connection.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers


class RefusedUpload(UploadedFile):
    """Stands in for a file that was too large to keep: `size` is what was seen of it (at least)."""

    refused = True

    def __init__(self, name: str, size: int, content_type: str = ""):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class SizeLimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        margin = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
        self.request_too_large = bool(content_length and content_length > settings.RESUME_MAX_BYTES + margin)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = getattr(self, "request_too_large", False)
        if self.over:
            raise StopFutureHandlers  # no later handler opens a buffer or a temporary file for it

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if not self.over and self.received > settings.RESUME_MAX_BYTES:
            self.over = True
            self._drop_partial_files()
        return None if self.over else raw_data

    def _drop_partial_files(self):
        """The handlers after this one hold the part received so far (in memory or in a temporary
        file): close it now, which deletes a temporary file, instead of when the request ends."""
        for handler in getattr(self.request, "upload_handlers", []) or []:
            partial = getattr(handler, "file", None) if handler is not self else None
            if partial is not None:
                partial.close()
                handler.file = None

    def file_complete(self, file_size):
        if not self.over:
            return None  # the next handler (memory or temporary file) hands over the file
        return RefusedUpload(self.file_name, self.received, self.content_type or "")
