"""Contact details as people write them, on synthetic lines: links beside an e-mail address, profile handles, and the
place among the other details."""

import pytest

from resumes.reading.contact import find_email, find_links, is_location, is_region
from resumes.reading.places import find_address


def test_a_website_glued_to_an_email_address_is_read_as_a_link_and_the_address_stays_whole():
    line = "Jane Doe\tjane73@gmail.comjanedoe.com"
    assert find_email([line]) == "jane73@gmail.com"
    assert find_links([line], header={line}) == ["janedoe.com"]


def test_an_x_profile_linked_by_its_handle_is_the_profile_without_the_at_sign():
    assert find_links([], header=set(), linked=("https://x.com/@janedoe", "https://medium.com/@janedoe")) == [
        "https://x.com/janedoe", "https://medium.com/@janedoe"]


@pytest.mark.parametrize(
    ("line", "location"),
    [
        ("jane@example.com +1 555 123 4567 San Francisco, CA", "San Francisco, CA"),
        ("Remote (Lisbon, Portugal) | jane@example.com", "Lisbon, Portugal"),
        ("Greater Boston Area | jane@example.com", "Boston"),
        ("London, UK · jane@example.com · 07700 900123", "London, UK"),
    ],
)
def test_the_place_on_a_contact_line_is_read_whatever_is_written_around_it(line, location):
    found = find_address([line], is_location=is_location, is_region=is_region, town_alone=True)
    assert found is not None and found.location == location
