"""Role headers as people write them worldwide, reduced to synthetic lines (no corpus file behind them): title,
employer, place and dates in any order over one to three lines."""

import pytest

from resumes.reading.contact import strip_location
from resumes.reading.roles import parse_experience


def _read(lines: list[str]) -> list[tuple[str, str, str | None]]:
    return [(entry.title, entry.company, entry.start) for entry in parse_experience(lines)]


@pytest.mark.parametrize(
    "lines",
    [
        ["Software Engineer | Shopify | Ottawa, ON\tJan 2020 – Present", "• Built checkout features"],
        ["Shopify — Software Engineer\tJan 2020 – Present", "• Built checkout features"],
        ["Shopify, Ottawa, ON", "Software Engineer\tJan 2020 – Present", "• Built checkout features"],
        ["Software Engineer", "Shopify, Ottawa, ON", "Jan 2020 – Present", "• Built checkout features"],
        ["Jan 2020 – Present", "Software Engineer, Shopify, Ottawa, Canada", "• Built checkout features"],
        ["Jan 2020 – Present\tSoftware Engineer", "Shopify, Ottawa", "• Built checkout features"],
        ["Software Engineer · Shopify · Ottawa, Canada", "Jan 2020 – Present", "• Built checkout features"],
        ["Software Engineer at Shopify, Ottawa, Canada\tJan 2020 – Present", "• Built checkout features"],
    ],
)
def test_title_employer_place_and_dates_are_read_in_any_order(lines):
    assert _read(lines) == [("Software Engineer", "Shopify", "2020-01")]


def test_a_town_before_a_country_is_the_place_and_what_comes_before_it_is_not():
    assert strip_location("Software Engineer, Shopify, Ottawa, Canada") == ("Software Engineer, Shopify", "Ottawa, Canada")
    assert strip_location("Acme, Austin, TX, USA") == ("Acme", "Austin, TX, USA")


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("Frontend Developer (React, TypeScript)\tMar 2021 – Dec 2022", "Frontend Developer"),
        ("Full-Stack Engineer(Golang/JS)\tMar 2021 – Dec 2022", "Full-Stack Engineer"),
        ("Software Engineer (Front-End)\tMar 2021 – Dec 2022", "Software Engineer (Front-End)"),
        ("Teaching Assistant (Data Structures & Algorithms)\tMar 2021 – Dec 2022",
         "Teaching Assistant (Data Structures & Algorithms)"),
        ("Registered Nurse (RN)\tMar 2021 – Dec 2022", "Registered Nurse (RN)"),
    ],
)
def test_technologies_bracketed_after_a_title_are_not_part_of_it(header, title):
    assert _read([header, "Zalando SE, Berlin", "• Built the checkout."]) == [(title, "Zalando SE", "2021-03")]


def test_a_title_employer_town_and_country_keeps_the_employer_when_the_town_is_not_known():
    assert _read(["2014–2018\tSoftware Engineer, Cafe Bazaar, Tehran, Iran", "• Built the app store."]) == [
        ("Software Engineer", "Cafe Bazaar", "2014-01")]


def test_a_title_and_employer_in_capitals_with_nothing_between_them_are_two_fields():
    assert _read(["01/03/2019 – CURRENT Sofia, Bulgaria", "SOFTWARE ENGINEER ACME LTD", "Developed backend services.",
                  "01/06/2016 – 28/02/2019 Plovdiv, Bulgaria", "JUNIOR DEVELOPER GLOBEX AD", "Built web pages."]) == [
        ("Software Engineer", "Acme LTD", "2019-03"), ("Junior Developer", "Globex AD", "2016-06")]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Cedar Valley Homes, Carpenter\t2015 – 2019", ("Carpenter", "Cedar Valley Homes")),
        ("Greenfield Clinic, Physiotherapist\t2015 – 2019", ("Physiotherapist", "Greenfield Clinic")),
        ("Daily Nation, Reporter\t2015 – 2019", ("Reporter", "Daily Nation")),
    ],
)
def test_trades_and_professions_are_titles_beside_their_employer(header, expected):
    assert _read([header, "• Did the work well."]) == [(*expected, "2015-01")]
