"""One way to hand a private file to its owner."""

import io

from django.http import FileResponse


def private_file_response(request, content, *, filename: str, content_type: str) -> FileResponse:
    """Stream `content` (an open file or bytes) to the signed-in owner: never cached by shared
    caches, downloaded by default, shown in the browser with `?inline=1`."""
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    response = FileResponse(content, as_attachment=request.GET.get("inline") != "1", filename=filename,
                            content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
