"""Dates as real resumes write them, beyond month names and years."""

import pytest

from resumes.reading.dates import find_entry_dates, find_range


def test_full_dates_read_day_first_unless_the_second_number_cannot_be_a_month():
    europass = find_range("15/09/2019 – 30/06/2021 Software Engineer")
    assert (europass.start, europass.end) == ("2019-09", "2021-06")
    american = find_range("09/15/2019 - 12/20/2020")
    assert (american.start, american.end) == ("2019-09", "2020-12")
    dotted = find_range("01.10.2020 – Present")
    assert (dotted.start, dotted.current) == ("2020-10", True)


def test_chinese_and_russian_dates():
    chinese = find_range("2026年09月 - 2029年06月")
    assert (chinese.start, chinese.end) == ("2026-09", "2029-06")
    assert find_range("2022年09月 - 至今").current
    assert find_range("2021 – н.в.").current


def test_a_month_alone_in_the_date_column_is_a_role_of_that_month():
    found = find_entry_dates("Graduate Research Assistant\tSeptember 2020")
    assert (found.start, found.end, found.current) == ("2020-09", "2020-09", False)
    assert find_entry_dates("Graduate Research Assistant, hired September 2020 for a year") is None


def test_academic_years_and_short_end_years():
    assert (find_range("2019/2020").start, find_range("2019/2020").end) == ("2019-01", "2020-01")
    fellow = find_range("Senior Resident Fellow, Massey College, 2016-17")
    assert (fellow.start, fellow.end) == ("2016-01", "2017-01")
    assert find_range("Phone 555-2019-20") is None


def test_an_arrow_between_two_dates_is_a_range():
    found = find_range("Jan 2019 → Dec 2020")
    assert (found.start, found.end) == ("2019-01", "2020-12")


def test_a_role_of_two_seasons_runs_from_the_first_to_the_last():
    found = find_entry_dates("Data Scientist\tSummer 2012 and 2013")
    assert (found.start, found.end) == ("2012-06", "2013-06")


def test_an_end_written_until_now_means_the_role_is_current():
    found = find_range("Sep 2020 – Until now")
    assert (found.start, found.current) == ("2020-09", True)


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Janvier 2019 – Mars 2020", "2019-01", "2020-03", False),
        ("Enero 2019 – Marzo 2020", "2019-01", "2020-03", False),
        ("Juin 2018 – Juillet 2019", "2018-06", "2019-07", False),
        ("März 2017 – heute", "2017-03", None, True),
        ("Setembro 2015 – atual", "2015-09", None, True),
        ("2018 – presente", "2018-01", None, True),
        ("1 March 2019 – 31 Dec 2020", "2019-03", "2020-12", False),
        ("15th June 2018 - Present", "2018-06", None, True),
    ],
)
def test_months_in_other_languages_days_before_months_and_present_in_other_languages(text, start, end, current):
    found = find_range(text)
    assert (found.start, found.end, found.current) == (start, end, current)


def test_a_name_that_starts_like_a_month_is_not_a_date():
    assert find_range("Mayo Clinic 2019 – 2020").text == "2019 – 2020"
