"""Paths of one object's pages, built without resolving the URL configuration for every row.

`reverse()` walks the resolver for every call: a list of 20 interviews, each with two or three
links, and a chart of 30 points spent about 2 ms a request in it (`make loadtest`'s breakdown). A
page's path differs between objects only in their id, so the path is reversed once per URL name
(and script prefix) with a marker id, and each row's path is the marker replaced by its id.
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse

_MARKER = 9_876_543_210  # an id no table reaches, so it appears in the path only where the id goes


@lru_cache(maxsize=64)
def _template(name: str, prefix: str) -> tuple[str, str]:
    head, marker, tail = reverse(name, args=[_MARKER]).partition(str(_MARKER))
    if not marker or str(_MARKER) in tail:
        raise ValueError(f"{name} does not take one id")
    return head, tail


def path_for(name: str, pk: int) -> str:
    """The path of `name` for the object `pk`, as `reverse(name, args=[pk])` gives it."""
    head, tail = _template(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"
