"""JSON request bodies, read one way by every endpoint that takes them.

A body is refused here — with a sentence and a 4xx, before anything reaches the database — when it
is larger than the endpoint allows (judged from Content-Length before it is read, then from what
arrived), not UTF-8 JSON, nested deeply enough to exhaust the parser, not a JSON object, or holds
text a database cannot store anywhere in it, keys included: a NUL character (PostgreSQL refuses
it in text and JSON: a `DataError`, once a 500) or half of a UTF-16 surrogate pair (`"\\ud800"`,
which no UTF-8 column can hold).
"""

import json

from core.ids import parse_content_length

MAX_DEPTH = 32  # far deeper than any body Saylo takes; the stack is never the limit


class BadJsonBody(Exception):
    """The body cannot be used; `message` is a plain sentence, `status` the HTTP status (400 or 413)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def json_object(request, *, max_bytes: int, what: str = "request") -> dict:
    """The request body as a JSON object that is safe to store, or BadJsonBody."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    length = parse_content_length(declared)
    if length is None:
        raise BadJsonBody("The Content-Length header is not a number.")
    if length > max_bytes or len(request.body) > max_bytes:
        raise BadJsonBody(f"That {what} is too large: at most {max_bytes:,} bytes.", 413)
    return json_object_from(request.body, what=what)


def json_object_from(body: bytes, *, what: str = "request") -> dict:
    try:
        payload = json.loads(body or b"{}")
    except RecursionError:
        raise BadJsonBody(f"That {what} is nested too deeply. Send one flat JSON object.") from None
    except (ValueError, UnicodeDecodeError):
        raise BadJsonBody(f"That {what} is not JSON.") from None
    if not isinstance(payload, dict):
        raise BadJsonBody(f"That {what} must be a JSON object.")
    _check_storable(payload, what=what)
    return payload


def _check_storable(value, *, what: str, path: str = "", depth: int = 0) -> None:
    """BadJsonBody naming where in `value` (parsed JSON) there is text a database cannot store."""
    if depth > MAX_DEPTH:
        raise BadJsonBody(f"That {what} is nested too deeply. Send one flat JSON object.")
    if isinstance(value, str):
        _check_text(value, what=what, path=path)
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            _check_text(key, what=what, path=f"key in {path}" if path else "key")
            _check_storable(item, what=what, path=where, depth=depth + 1)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            _check_storable(item, what=what, path=f"{path}[{number}]", depth=depth + 1)


def _check_text(text: str, *, what: str, path: str) -> None:
    if "\x00" in text:
        problem = "a NUL character"
    else:
        try:
            text.encode("utf-8")
            return
        except UnicodeEncodeError:  # a lone surrogate such as "\ud800"
            problem = "a broken Unicode character"
    where = f"{what}'s {_printable(path)}" if path else what
    raise BadJsonBody(f"The {where} contains characters that cannot be saved ({problem}). Remove them and send it again.")


def _printable(path: str) -> str:
    """`path` safe to echo back in a message (it may hold the very characters refused)."""
    cleaned = path.replace("\x00", "\\u0000").encode("utf-8", "backslashreplace").decode("utf-8")
    return cleaned[:80]
