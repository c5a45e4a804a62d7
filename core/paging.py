"""A paginator told its total, for pages that count several things in one query."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """`Paginator` whose `count` is given instead of asked of the database: a page that counts its
    rows and something else (interviews taken and not taken) in one aggregate saves a round trip."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # `count` is a cached property: this is its value
