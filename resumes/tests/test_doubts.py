"""What the reader is unsure of: each doubt names a field it could not find or that looks like something else."""

from resumes.reading.doubts import contact_doubts, degree_doubts, role_doubts
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry


def test_a_role_read_whole_has_no_doubt():
    assert role_doubts(ExperienceEntry(title="Backend Engineer", company="Stripe", start="2021-01", current=True)) == []


def test_a_missing_employer_or_dates_are_doubts():
    assert role_doubts(ExperienceEntry(title="Backend Engineer")) == ["employer not found", "dates not found"]


def test_an_employer_that_is_a_place_a_date_or_a_heading_is_a_doubt():
    def employer(company: str) -> list[str]:
        return role_doubts(ExperienceEntry(title="Engineer", company=company, start="2020-01"))

    assert employer("Austin, TX") == ["the employer looks like a place"]
    assert employer("June 2019") == ["the employer looks like a date"]
    assert employer("Education") == ["the employer looks like a section heading"]


def test_a_degree_that_is_a_grade_or_has_no_school_or_year_is_a_doubt():
    assert degree_doubts(EducationEntry(degree="BSc Physics", institution="University of Leeds", dates="2015 – 2018")) == []
    assert degree_doubts(EducationEntry(degree="GPA 3.9/4.0", institution="MIT", dates="2019")) == ["the degree may be a grade"]
    assert degree_doubts(EducationEntry(degree="MBA")) == ["school not found", "year not found"]


def test_contact_doubts_name_what_is_missing_and_a_number_no_phone_can_have():
    assert contact_doubts(Contact(name="Ada Example", email="ada@example.com", phone="+1 (902) 222-2084")) == []
    assert contact_doubts(Contact(phone="12")) == [
        "name not found", "e-mail address not found", "the phone number may be incomplete"]
