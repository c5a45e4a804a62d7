"""Numbers that arrive as text — ids, list positions, Content-Length — read one strict way.

`str.isdigit()` is true for "²", "١" and other Unicode digits, and `int()` refuses some of them
("²") and quietly accepts others ("١٢" is 12): checking with one and converting with the other made
`POST …/tavus/%C2%B2.abc/` and `index=²` server errors. Here a number is one to nineteen ASCII
digits, nothing else (no sign, no spaces, no underscores), within the range the caller names. A
database id is also positive and within PostgreSQL's 64-bit `bigint`, past which the query itself
fails. Every function answers None for anything else; callers turn that into a 404 or a 400.
"""

import re

from django.http import Http404

MAX_ID = 2**63 - 1  # the largest value of a bigint primary key
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def ascii_int(value, *, maximum: int = MAX_ID) -> int | None:
    """`value` (a str of ASCII digits) as an int from 0 to `maximum`, else None."""
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if number <= maximum else None


def parse_id(value) -> int | None:
    """`value` as a primary key, or None when it is not a plain positive number within 64 bits."""
    if isinstance(value, bool):
        return None
    number = value if isinstance(value, int) else ascii_int(value)
    return number if number is not None and 0 < number <= MAX_ID else None


def parse_index(value, *, maximum: int = 999) -> int | None:
    """A position in a list as posted (`index=2`): 0 to `maximum`, else None."""
    return ascii_int(value, maximum=maximum)


def parse_content_length(value) -> int | None:
    """A Content-Length header's value; None when absent or not a plain number."""
    return ascii_int(value)


def query_id(request, name: str) -> int | None:
    """The id in `?name=`: None when the parameter is absent or empty; 404 when it is not an id."""
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    number = parse_id(raw)
    if number is None:
        raise Http404(f"{name} must be the number of one of your own items.")
    return number
