"""Real layouts (moderncv, Awesome-CV, Deedy, Google Docs, Word), read as a candidate uploads them.

The PDFs and .docx files in `fixtures/resumes/` were made once with texlive and LibreOffice (see the
README there); each test names the defect it guards against.
"""

from functools import cache

import pytest

from resumes.reading import ResumeRejected, parse_resume_file, parse_resume_text
from resumes.reading.evaluation import DEFAULT_FOLDER
from resumes.reading.pdfwords import DEFAULT_WORD_GAP, Char, word_gap_ratio
from resumes.reading.schemas import ParsedResume
from resumes.tests import samples


@cache
def read(name: str) -> ParsedResume:
    return parse_resume_file(DEFAULT_FOLDER / name, time_limit=60)


# --- Word spacing -----------------------------------------------------------------------------

def test_latex_words_keep_their_spaces_in_small_type():
    text = read("awesome_cv.pdf").text
    assert "Seasoned SRE/DevOps leader" in text
    assert "Dunamu Inc." in text and "DunamuInc." not in text
    assert "Lead Site Reliability Engineer" in text
    assert "Senior Software Engineer" in read("deedy.pdf").text


def test_tex_accents_join_their_letter_and_hyphenated_words_join_again():
    assert "Sveavägen" in read("moderncv_casual.pdf").text
    assert "halving deployment time" in read("moderncv_classic.pdf").text


def _chars(text: str, *, letter_gap: float, word_gap: float, size: float = 8.0) -> list[Char]:
    chars, x = [], 0.0
    for word in text.split():
        for letter in word:
            chars.append(Char(letter, x, x + 0.5 * size, 100.0, 100.0 + size, size, "Lato"))
            x += 0.5 * size + letter_gap * size
        x += (word_gap - letter_gap) * size
    return chars


def test_word_gap_is_measured_between_letters_and_words():
    sentence = "Seasoned reliability engineer running large platforms on cloud providers " * 4
    assert word_gap_ratio(_chars(sentence, letter_gap=0.0, word_gap=0.28)) == pytest.approx(DEFAULT_WORD_GAP)
    # Letter-spaced type: letters 0.12 em apart, words 0.4 em: the threshold moves above the letters.
    spaced = word_gap_ratio(_chars(sentence, letter_gap=0.12, word_gap=0.4))
    assert 0.15 < spaced <= 0.25
    assert word_gap_ratio(_chars("too short", letter_gap=0.0, word_gap=0.3)) == DEFAULT_WORD_GAP


def _roles(resume: ParsedResume) -> list[tuple]:
    return [(e.title, e.company, e.start, "present" if e.current else e.end) for e in resume.experience]


def _degrees(resume: ParsedResume) -> list[tuple]:
    return [(e.degree, e.institution) for e in resume.education]


# --- Dated columns (moderncv) -------------------------------------------------------------------

def test_dated_column_roles_keep_title_employer_and_both_dates():
    resume = read("moderncv_classic.pdf")
    assert _roles(resume) == [
        ("Senior Full-Stack Developer", "Farfetch", "2022-06", "present"),  # the current role is kept
        ("Software Developer", "Talkdesk", "2019-03", "2022-05"),
        ("Junior Web Developer", "Uniplaces", "2017-09", "2019-02"),  # dates over four rows: "September" … "2019"
        ("Web Development Intern", "Codeminer 42", "2016-07", "2016-08"),
    ]
    first_bullets = [entry.lines[0] for entry in resume.experience]
    assert not any(word in line for line in first_bullets for word in ("Present", "May 2022", "February", "2017"))


def test_dated_column_degrees_all_have_their_school_and_page_markers_are_not_data():
    resume = read("moderncv_classic.pdf")
    assert _degrees(resume) == [
        ("MSc in Software Engineering", "University of Porto"),
        ("BSc in Computer Science", "University of Lagos"),
        ("West African Senior School Certificate", "King’s College Lagos"),
    ]
    assert "1/2" not in resume.text and "2/2" not in resume.text
    assert resume.contact.phone == "+351 912 345 678"  # not the postal code 1100-053
    assert (resume.contact.location, resume.contact.address) == ("Lisbon, Portugal", "Rua Augusta 120, 1100-053 Lisbon, Portugal")
    assert resume.headline == "Full-Stack Developer"


def test_contact_details_in_a_footer_are_read():
    contact = read("moderncv_casual.pdf").contact
    assert (contact.location, contact.phone) == ("Stockholm, Sweden", "+46 70 123 45 67")
    assert contact.address == "Sveavägen 44, 113 59 Stockholm, Sweden"


# --- LaTeX small type (Awesome-CV, Deedy) -------------------------------------------------------

def test_awesome_cv_roles_are_employer_title_and_dates_not_places():
    resume = read("awesome_cv.pdf")
    assert _roles(resume) == [
        ("Lead Site Reliability Engineer", "Dunamu Inc.", "2021-04", "present"),
        ("DevOps Engineer", "Omnious. Co., Ltd.", "2018-07", "2021-03"),
        ("System Engineer", "Naver Corp.", "2016-01", "2018-06"),
    ]
    assert resume.years_experience is not None and resume.years_experience >= 9


def test_a_footer_date_is_not_a_graduation_year_and_links_are_read():
    resume = read("awesome_cv.pdf")
    assert [(e.degree, e.institution, e.dates) for e in resume.education] == [
        ("B.S. in Computer Science and Engineering", "Korea University", "Mar. 2009 - Feb. 2015")]
    assert "Résumé" not in resume.text and "March 3, 2025" not in resume.text
    assert resume.contact.links == ["https://github.com/mjpark-sre", "https://www.linkedin.com/in/minjun-park"]
    assert resume.contact.phone == "(+82) 10-9876-5432"
    assert {"Kubernetes", "Terraform", "Prometheus", "Grafana", "Go", "Bash", "GitHub Actions"} <= set(resume.skill_names())


def test_deedy_columns_roles_and_corner_note():
    resume = read("deedy.pdf")
    assert _roles(resume) == [
        ("Senior Software Engineer", "DATADOG", "2021-06", "present"),  # one word in capitals: as written
        ("Software Engineer", "WAYFAIR", "2018-07", "2021-05"),
        ("Software Engineering Intern", "MICROSOFT", "2017-05", "2017-08"),
    ]
    assert _degrees(resume) == [("MEng in Computer Science", "Cornell University"),
                                ("BA in Computer Science", "Cornell University")]
    assert resume.contact.name == "Priya Sharma"
    assert "Last Updated" not in resume.text


# --- Two-column Google Docs ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["google_docs_serif.pdf", "google_docs_serif.docx"])
def test_google_docs_two_columns_find_every_role_and_keep_awards_out_of_projects(name):
    resume = read(name)
    assert _roles(resume) == [
        ("Senior Product Manager", "Shopify", "2021-03", "present"),
        ("Product Manager", "Wealthsimple", "2018-06", "2021-02"),
        ("Business Analyst", "Deloitte", "2015-09", "2018-05"),
    ]
    assert resume.projects == ["Merchant Pulse"]
    assert "Shopify Impact Award" not in resume.sections.get("experience", "")
    assert (resume.contact.location, resume.contact.address) == ("Toronto, ON", "88 Harbour Street, Toronto, ON M5J 2L6")


@pytest.mark.parametrize("name", ["google_docs_swiss.pdf", "google_docs_swiss.docx"])
def test_side_headings_open_their_sections(name):
    resume = read(name)
    assert _roles(resume) == [
        ("Senior Frontend Engineer", "Zalando", "2021-04", "present"),
        ("Frontend Engineer", "N26", "2018-05", "2021-03"),
        ("Junior Web Developer", "Jimdo", "2016-08", "2018-04"),
    ]
    assert _degrees(resume) == [("B.Sc. Applied Computer Science", "HTW Berlin")]
    assert "Zalando Hack Week" in resume.sections["other"]


# --- Word -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["word_bold_modern.pdf", "word_bold_modern.docx"])
def test_word_name_over_two_lines_en_dash_phone_and_address(name):
    resume = read(name)
    contact = resume.contact
    assert contact.name == "Angela Whitfield"
    assert contact.phone == "(716) 555–0143"
    assert (contact.location, contact.address) == ("Buffalo, NY", "4567 Main Street, Buffalo, NY 14201")
    assert _roles(resume) == [
        ("Office Manager", "Nod Publishing", "2019-03", "present"),
        ("Administrative Assistant", "Trey Research", "2015-06", "2019-02"),
        ("Receptionist", "Lakeshore Dental Group", "2013-08", "2015-05"),
    ]
    assert _degrees(resume) == [
        ("Associate of Applied Science in Business Administration", "Erie Community College"),
        ("High School Diploma", "Buffalo Academy for Visual and Performing Arts"),
    ]


@pytest.mark.parametrize("name", ["word_sidebar.pdf", "word_sidebar.docx"])
def test_word_sidebar_keeps_every_role_and_the_phone_is_not_the_headline(name):
    resume = read(name)
    assert resume.contact.name == "Carlos Mendoza"
    assert resume.contact.phone == "(909) 555-0199"  # written with U+2010
    assert resume.headline == "Marketing Manager"
    assert _roles(resume) == [
        ("Marketing Manager", "Bright Horizons Media", "2021-01", "present"),
        ("Marketing Coordinator", "Sunwave Solar", "2018-04", "2020-12"),
        ("Social Media Specialist", "Pixel & Pine Agency", "2016-06", "2018-03"),
        ("Marketing Intern", "City of Pasadena", "2015-06", "2015-08"),
    ]
    assert resume.years_experience is not None and resume.years_experience > 8


# --- Not a resume ---------------------------------------------------------------------------------

@pytest.mark.parametrize("job", sorted(samples.JOBS))
def test_a_job_posting_pasted_as_a_resume_is_refused_in_a_plain_sentence(job):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_text(samples.JOBS[job]["text"])
    assert refused.value.code == "not_a_resume"
    assert refused.value.message.startswith("This reads like a job posting, not a resume (headings such as “")
    assert "Add it under Jobs instead" in refused.value.message


@pytest.mark.parametrize("name", sorted(samples.RESUMES))
def test_resumes_are_not_mistaken_for_postings(name):
    assert parse_resume_text(samples.RESUMES[name]).warnings == []


def test_a_cover_letter_is_kept_with_a_warning():
    letter = (
        "Dear Hiring Manager,\n\nI am writing to apply for the Senior Backend Engineer role at Acme Pay. For eight years I "
        "have built payment systems in Python and Go, and I would love to bring that to your ledger team.\n\n"
        "Thank you for considering my application.\n\nKind regards,\nMaya Patel"
    )
    resume = parse_resume_text(letter)
    assert resume.warnings == [
        "This reads like a cover letter rather than a resume: Saylo found no roles with dates. Questions work best "
        "from your resume — upload it, or add your roles below."
    ]
