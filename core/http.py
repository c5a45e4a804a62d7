"""One way to hand a private file to its owner.

Files are streamed through the view that checked the owner, from local disk or from the S3 bucket
alike — never handed out as a presigned bucket URL. A presigned URL is a bearer link: for its
lifetime it works for anyone it reaches (a shared screen, a proxy log, browser history), which
breaks the rule that every object URL answers 404 to anyone but the owner, and it needs the bucket
reachable from browsers. The cost of streaming is a web worker busy for the download; resumes are
at most RESUME_MAX_BYTES (10 MB) and PDFs about 100 KB, so that cost is small.
"""

import io

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from core.storage import is_s3

CHUNK = 64 * 1024


class _S3Body(io.RawIOBase):
    """A file-like view of a boto3 StreamingBody, read in chunks as the response is sent."""

    def __init__(self, body):
        self._body = body

    def readable(self):
        return True

    def read(self, size=-1):
        return self._body.read(None if size is None or size < 0 else size)

    def close(self):
        self._body.close()
        super().close()


def _open_for_streaming(field_file: FieldFile):
    storage = field_file.storage
    if not is_s3(storage):
        return field_file.open("rb")
    field_file.close()  # FieldFile.open() may have wrapped it; stream the object itself instead
    key = storage._normalize_name(field_file.name)
    reply = storage.connection.meta.client.get_object(Bucket=storage.bucket_name, Key=key)
    return _S3Body(reply["Body"]), reply.get("ContentLength")


def private_file_response(request, content, *, filename: str, content_type: str) -> FileResponse:
    """Stream `content` (bytes, an open file, or a file field) to the signed-in owner: never cached
    by shared caches, downloaded by default, shown in the browser with `?inline=1`."""
    length = None
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    elif isinstance(content, FieldFile):
        opened = _open_for_streaming(content)
        content, length = opened if isinstance(opened, tuple) else (opened, None)
    response = FileResponse(content, as_attachment=request.GET.get("inline") != "1", filename=filename,
                            content_type=content_type)
    if length is not None:
        response["Content-Length"] = str(length)
    response["Cache-Control"] = "private, no-store"
    return response
