"""`core.paths.path_for` gives what `reverse()` gives; `core.paging.CountedPaginator` pages by the count it is told."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.paging import CountedPaginator
from core.paths import path_for


@pytest.mark.parametrize("name", ["interviews:results", "interviews:detail", "interviews:room", "jobs:match"])
@pytest.mark.parametrize("pk", [1, 7, 42, 987654])
def test_path_for_is_what_reverse_gives(name, pk):
    assert path_for(name, pk) == reverse(name, args=[pk])


def test_path_for_follows_the_script_prefix():
    try:
        set_script_prefix("/saylo/")
        assert path_for("interviews:results", 3) == reverse("interviews:results", args=[3]) == "/saylo/interviews/3/results/"
    finally:
        set_script_prefix("/")
    assert path_for("interviews:results", 3) == "/interviews/3/results/"


def test_path_for_refuses_a_page_without_one_id():
    with pytest.raises(NoReverseMatch):
        path_for("interviews:history", 3)
    with pytest.raises(ValueError):
        path_for("interviews:results", "3/../admin")


def test_counted_paginator_pages_by_the_count_it_is_told():
    rows = list(range(45))
    page = CountedPaginator(rows, 20, count=45).get_page(3)
    assert (page.paginator.num_pages, list(page.object_list)) == (3, list(range(40, 45)))
    assert CountedPaginator(rows, 20, count=45).get_page(99).number == 3
