"""Section headings as templates and people write them, on synthetic lines."""

import pytest

from resumes.reading.sections import heading_of


@pytest.mark.parametrize(
    ("heading", "section"),
    [("Experience & Leadership", "experience"), ("Work Experience / Internships", "experience"),
     ("Certifications & Education", "education"), ("Education and Licensure", "education"),
     ("Tertiary Education", "education"), ("Activities & Certifications", None), ("Research and Development", None)],
)
def test_two_known_headings_joined_in_one_open_the_section_both_can_be_read_as(heading, section):
    found = heading_of(heading)
    assert (found.section if found else None) == section
