"""Structure read from resumes: contact details, sections, jobs, schooling, projects and years."""

from datetime import date

import pytest
from freezegun import freeze_time

from resumes.reading import parse_resume_bytes, parse_resume_text
from resumes.reading.contact import find_location, find_name, find_phone, is_location
from resumes.reading.dates import find_range, years_of_experience
from resumes.reading.roles import read_header
from resumes.reading.sections import heading_of
from resumes.tests import samples

TODAY = "2026-06-15"


def _jobs(resume) -> list[tuple]:
    return [(e.title, e.company, e.dates, e.start, e.end, e.current) for e in resume.experience]


def _schools(resume) -> list[tuple]:
    return [(e.degree, e.institution, e.dates) for e in resume.education]


# --- Each sample resume, end to end --------------------------------------------------------------

@freeze_time(TODAY)
def test_software_engineer_resume():
    resume = parse_resume_text(samples.SOFTWARE_ENGINEER_RESUME)
    assert resume.contact.model_dump(exclude={"address"}) == {
        "name": "Maya Patel", "email": "maya.patel@example.com", "phone": "+49 30 1234 5678", "location": "Berlin, Germany",
        "links": ["linkedin.com/in/mayapatel", "github.com/mayapatel"],
    }
    assert resume.headline == "Senior Backend Engineer"
    assert list(resume.sections) == ["summary", "experience", "education", "skills", "projects"]
    assert resume.sections["skills"].split("\n")[0] == "Languages: Python, Go, Java, SQL"
    assert _jobs(resume) == [
        ("Senior Backend Engineer", "Stripe", "Jan 2021 – Present", "2021-01", None, True),
        ("Backend Engineer", "N26", "Mar 2018 – Dec 2020", "2018-03", "2020-12", False),
        ("Software Developer", "Zalando", "Jul 2016 – Feb 2018", "2016-07", "2018-02", False),
    ]
    assert resume.experience[1].lines[1] == "Built reporting on Postgres that replaced manual finance spreadsheets."
    assert len(resume.experience[0].lines) == 3
    assert _schools(resume) == [("B.Sc. Computer Science", "Technical University of Munich", "2012 – 2016")]
    assert resume.projects == ["ledgerlint", "Payments Simulator"]
    assert resume.years_experience == 10.0  # Jul 2016 to Jun 2026, without gaps
    assert resume.pages == 1


@freeze_time(TODAY)
def test_nurse_resume():
    resume = parse_resume_text(samples.NURSE_RESUME)
    assert resume.contact.name == "Jessica M. Rivera"  # capitals and credentials are not part of the name
    assert (resume.contact.email, resume.contact.phone, resume.contact.location) == (
        "jessica.rivera@example.com", "(512) 555-0147", "Austin, TX"
    )
    assert resume.headline == "Registered Nurse — Intensive Care"
    assert list(resume.sections) == ["summary", "certifications", "experience", "education", "skills"]
    assert _jobs(resume) == [
        ("Registered Nurse, Medical ICU", "St. David's Medical Center", "Jun 2020 – Present", "2020-06", None, True),
        ("Staff Nurse, Medical-Surgical Unit", "Seton Medical Center", "May 2018 – May 2020", "2018-05", "2020-05", False),
    ]
    assert _schools(resume) == [("Bachelor of Science in Nursing", "The University of Texas at Austin", "2014 – 2018")]
    assert resume.years_experience == 8.2  # 98 months
    assert {"BLS", "ACLS", "PALS", "CCRN", "Epic", "Ventilator Management"} <= set(resume.skill_names())


@freeze_time(TODAY)
def test_sales_resume():
    resume = parse_resume_text(samples.SALES_RESUME)
    contact = resume.contact
    assert (contact.name, contact.phone, contact.location) == ("Daniel Okafor", "312-555-0188", "Chicago, IL")
    assert resume.contact.links == ["linkedin.com/in/danielokafor"]
    assert resume.headline == "Account Executive | B2B SaaS"
    assert _jobs(resume) == [
        ("Account Executive, Mid-Market", "Salesforce", "Feb 2022 – Present", "2022-02", None, True),
        ("Sales Development Representative", "HubSpot", "Jun 2019 – Jan 2022", "2019-06", "2022-01", False),
    ]
    assert resume.experience[0].lines[0] == "Closed $2.4M in new annual recurring revenue in FY2024, 128% of quota."
    assert _schools(resume) == [
        ("Bachelor of Business Administration (BBA), Marketing", "University of Illinois Chicago", "2015 - 2019")
    ]
    assert resume.years_experience == 7.1


@freeze_time(TODAY)
def test_finance_resume_with_two_roles_at_one_employer():
    resume = parse_resume_text(samples.FINANCE_RESUME)
    contact = resume.contact
    assert (contact.name, contact.phone, contact.location) == ("Priya Nair", "+44 20 7946 0958", "London, UK")
    assert list(resume.sections) == ["summary", "experience", "education", "certifications"]
    assert _jobs(resume) == [
        ("Senior Financial Analyst, FP&A", "Barclays", "Apr 2022 – Present", "2022-04", None, True),
        ("Financial Analyst", "Barclays", "Sep 2020 – Mar 2022", "2020-09", "2022-03", False),
        ("Audit Associate", "Deloitte", "Sep 2019 – Aug 2020", "2019-09", "2020-08", False),
    ]
    assert _schools(resume) == [
        ("MSc Finance", "London School of Economics", "2018 – 2019"),
        ("BA Economics", "University of Warwick", "2015 – 2018"),
    ]
    assert resume.years_experience == 6.8


def test_new_graduate_resume():
    resume = parse_resume_text(samples.NEW_GRAD_RESUME)
    assert resume.contact.model_dump(exclude={"address"}) == {
        "name": "Alex Chen", "email": "alex.chen@example.edu", "phone": "(415) 555-0123", "location": "San Francisco, CA",
        "links": ["github.com/alexchen", "alexchen.dev"],
    }
    assert "summary" in resume.sections  # the Objective
    assert _jobs(resume) == [
        ("Software Engineering Intern", "Plaid", "Jun 2024 – Aug 2024", "2024-06", "2024-08", False),
        ("Teaching Assistant", "UC Berkeley", "Jan 2023 – May 2024", "2023-01", "2024-05", False),
    ]
    assert _schools(resume) == [
        ("B.S. Electrical Engineering and Computer Sciences", "University of California, Berkeley", "Expected May 2025")
    ]
    assert resume.projects == ["Course Planner", "Pathfinder"]
    assert resume.headline == "Software Engineering Intern"  # no line under the name: the latest title
    assert resume.years_experience == 1.7  # 17 + 3 months


@freeze_time(TODAY)
def test_two_column_pdf_structure():
    resume = parse_resume_bytes(samples.two_column_pdf())
    assert (resume.contact.name, resume.contact.location, resume.contact.phone) == (
        "Sofia Martins", "Lisbon, Portugal", "+351 912 345 678"
    )
    assert resume.headline == "Data Analyst"
    assert list(resume.sections) == ["experience", "skills", "education", "other"]
    assert [(e.title, e.company, e.dates) for e in resume.experience] == [
        ("Senior Data Analyst", "Farfetch", "Mar 2021 – Present"), ("Data Analyst", "OutSystems", "Jan 2019 – Feb 2021"),
    ]
    assert _schools(resume) == [("MSc Data Science", "University of Lisbon", "2016 – 2018")]
    assert resume.sections["skills"] == "SQL and dbt\nPython and Pandas\nTableau and Looker\nStatistical analysis"


@pytest.mark.parametrize("side", ["left", "right"])
def test_sidebar_pdf_structure(side):
    resume = parse_resume_bytes(samples.sidebar_pdf(side=side))
    # The name is read from the largest type, even when the sidebar comes first in reading order.
    assert resume.contact.model_dump(exclude={"address"}) == {
        "name": "Tomás Herrera", "email": "tomas.herrera@example.com", "phone": "+34 612 345 678",
        "location": "Madrid, Spain", "links": ["tomasherrera.design"],
    }
    assert resume.headline == "Product Designer"
    assert set(resume.sections) == {"summary", "experience", "skills", "education"}
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Senior Product Designer", "Cabify"), ("Product Designer", "BBVA"),
    ]
    assert _schools(resume) == [("BA Graphic Design", "Complutense University of Madrid", "2012 – 2016")]


@freeze_time(TODAY)
def test_dates_left_pdf_structure():
    resume = parse_resume_bytes(samples.dates_left_pdf())
    assert (resume.contact.name, resume.contact.location, resume.headline) == (
        "Lena Fischer", "Hamburg, Germany", "Machine Learning Engineer"
    )
    assert [(e.title, e.company, e.dates) for e in resume.experience] == [
        ("ML Engineer", "Otto Group", "2021–present"), ("Data Scientist", "XING", "2018–2021"),
        ("Working Student", "Airbus", "2016–2018"),
    ]
    assert _schools(resume) == [("M.Sc. Computer Science", "University of Hamburg", "2014–2018")]


def test_unaligned_two_column_pdf_structure():
    resume = parse_resume_bytes(samples.unaligned_two_column_pdf())
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Charge Nurse", "Toronto General Hospital"), ("Staff Nurse", "Sunnybrook Health Sciences"),
        ("Staff Nurse", "Mount Sinai Hospital"),
    ]
    assert _schools(resume) == [("BScN", "University of Toronto", "2009 – 2013")]
    assert resume.sections["skills"] == "Telemetry\nEpic\nPatient education\nWound care"


def test_job_site_details_are_not_read_as_bullets():
    resume = parse_resume_text(
        "Priya Raman\nSenior Software Engineer at Google\n\nExperience\nGoogle\nSenior Software Engineer\nGoogle · Full-time\n"
        "Jan 2020 - Present · 4 yrs 11 mos\nMountain View, California, United States\nLed the indexing pipeline migration."
    )
    assert [(e.title, e.company, e.dates, e.lines) for e in resume.experience] == [
        ("Senior Software Engineer", "Google", "Jan 2020 - Present", ["Led the indexing pipeline migration."]),
    ]
    assert resume.contact.location == "Mountain View, California, United States"


def test_a_street_address_is_contact_not_headline():
    resume = parse_resume_text(
        "John Smith\n123 Oak Street, Springfield, IL 62704 | (217) 555-0143\n\nWORK HISTORY\nShift Lead\n"
        "Amazon Fulfillment Center | Joliet, IL | 03/2021 - Present\n- Supervise a team of 12 associates\n\n"
        "EDUCATION\nHigh School Diploma, Springfield High School, 2018"
    )
    assert (resume.contact.location, resume.headline) == ("Springfield, IL", "Shift Lead")
    assert _schools(resume) == [("High School Diploma", "Springfield High School", "2018")]
    assert resume.experience[0].start == "2021-03"


def test_docx_structure_matches_the_text_version():
    from_word = parse_resume_bytes(samples.resume_docx())
    from_text = parse_resume_text(samples.NURSE_RESUME)
    assert from_word.contact == from_text.contact
    assert _jobs(from_word) == _jobs(from_text)
    assert _schools(from_word) == [("Bachelor of Science in Nursing", "The University of Texas at Austin", "2014 – 2018")]


def test_skills_carry_the_resume_lines_that_mention_them():
    resume = parse_resume_text(samples.SOFTWARE_ENGINEER_RESUME)
    evidence = {skill.name: skill.evidence for skill in resume.skills}
    assert evidence["PostgreSQL"] == [
        "Built reporting on Postgres that replaced manual finance spreadsheets.", "Data: PostgreSQL, Kafka, Redis",
    ]
    assert evidence["Kubernetes"][0].startswith("Led the migration of the ledger service")
    categories = {skill.name: skill.category for skill in resume.skills}
    assert categories["Python"] == "language"


# --- Pieces ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("WORK EXPERIENCE", "experience"), ("Professional Experience", "experience"), ("Employment History:", "experience"),
        ("Relevant Clinical Experience", "experience"), ("Technical Skills", "skills"), ("CORE COMPETENCIES", "skills"),
        ("Profile", "summary"), ("About", "summary"), ("E X P E R I E N C E", None), ("Education & Training", "education"),
        ("Licenses & Certifications", "certifications"), ("Volunteer Experience", "involvement"), ("AWARDS", "other"),
        ("01. Projects", "projects"), ("Contact", "contact"),
        ("Customer Experience", None), ("Senior Software Engineer", None), ("• Skills in Python", None),
        ("Managed the education budget for the district.", None),
        ("DATA ANALYSIS PROJECTS DONE:", "projects"), ("Projects Completed:", "projects"), ("PROJECTS DONE", "projects"),
        ("Work done", None), ("Projects done for the client", None),
    ],
)
def test_heading_of_recognises_common_headings(line, section):
    heading = heading_of(line)
    assert (heading.section if heading else None) == section


def test_letterspaced_headings_are_read_once_cleaned():
    resume = parse_resume_text(
        "Jane Doe\njane@example.com\n\nE X P E R I E N C E\nAnalyst, Acme Corp, 2019 – 2021\n• Did things well"
    )
    assert list(resume.sections) == ["experience"]
    assert resume.experience[0].company == "Acme Corp"


def test_inline_label_starts_a_section_but_not_inside_skills():
    resume = parse_resume_text(
        "Jane Doe\njane@example.com\nSkills: Python, SQL, Tableau\nLanguages: Python, Go\nInterests: chess, climbing"
    )
    assert resume.sections["skills"] == "Python, SQL, Tableau\nLanguages: Python, Go"
    assert resume.sections["other"] == "chess, climbing"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Senior Engineer — Acme Corp, Jan 2020 – Present"], ("Senior Engineer", "Acme Corp")),
        (["Acme Corp | Senior Engineer | 2019–2021"], ("Senior Engineer", "Acme Corp")),
        (["Data Analyst at Globex (2018 - 2020)"], ("Data Analyst", "Globex")),
        (["Registered Nurse", "Mercy Hospital, Boston, MA    2017 – 2019"], ("Registered Nurse", "Mercy Hospital")),
        (["Initech Labs — Austin, TX", "Product Manager\t2016 – 2018"], ("Product Manager", "Initech Labs")),
        (["Software Engineer, Payments", "Stripe\tMar 2019 – Present"], ("Software Engineer, Payments", "Stripe")),
        (["Sales Representative, Vandelay Industries, Newark, NJ, 2012 – 2014"], ("Sales Representative", "Vandelay Industries")),
    ],
)
def test_read_header_knows_common_job_layouts(lines, expected):
    from resumes.reading.text import clean_text

    header = read_header(clean_text("\n".join(lines)).split("\n"))
    assert (header.title, header.company) == expected
    assert header.dates is not None


@pytest.mark.parametrize(
    ("line", "phone"),
    [
        ("jane@example.com | +1 (512) 555-0199", "+1 (512) 555-0199"),
        ("Tel: 512.555.0199", "512.555.0199"),
        ("+44 20 7946 0958 · London", "+44 20 7946 0958"),
        ("+49 30 1234567", "+49 30 1234567"),
        ("Mobile 07700 900123", "07700 900123"),
        ("+91 98765 43210", "+91 98765 43210"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("Acme Corp 2019 - 2021", ""),
        ("Grew revenue 1,250,000 in 2020", ""),
    ],
)
def test_find_phone_reads_international_formats_and_skips_dates(line, phone):
    assert find_phone([line]) == phone


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Berlin, Germany", True), ("Austin, TX", True), ("San Francisco, CA 94105", True), ("Leeds, West Yorkshire, UK", True),
        ("São Paulo, Brazil", True), ("St. David's Medical Center, Austin, TX", False), ("Python, SQL", False),
        ("Senior Engineer, Google", False),
    ],
)
def test_is_location(text, location):
    assert is_location(text) is location


def test_find_location_reads_a_street_address_and_a_label():
    assert find_location(["12 Main St, Austin, TX 78701"]) == "Austin, TX"
    assert find_location(["Location: Toronto, ON"]) == "Toronto, ON"


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["JOHN O'NEIL", "Welder"], "John O'Neil"),
        (["Curriculum Vitae", "Ana María López-García"], "Ana María López-García"),
        (["Resume", "Name: Li Wei"], "Li Wei"),
        (["Maria van der Berg | maria@example.com"], "Maria van der Berg"),
        (["Senior Software Engineer", "Project Management", "Python Django"], ""),
    ],
)
def test_find_name(lines, name):
    assert find_name(lines)[0] == name


def test_dates_are_read_in_common_formats():
    assert find_range("Sept 2017 – Current").start == "2017-09"
    numeric = find_range("03/2018 - 06/2020")
    assert (numeric.start, numeric.end, numeric.current) == ("2018-03", "2020-06", False)
    years_only = find_range("2019–2021")
    assert (years_only.text, years_only.start, years_only.end) == ("2019–2021", "2019-01", "2021-01")
    seasons = find_range("Summer 2022 - Fall 2022")
    assert (seasons.start, seasons.end) == ("2022-06", "2022-09")
    assert find_range("Since 2019").current is True
    assert find_range("Increased revenue 40% in 2021") is None


def test_years_of_experience_counts_overlapping_jobs_once():
    ranges = [("2018-01", "2019-12"), ("2019-01", "2020-06"), ("2022-01", None)]
    # 2018-01..2020-06 is 30 months; 2022-01..2024-06 is 30 more; the 2019 overlap counts once.
    assert years_of_experience(ranges, today=date(2024, 6, 1)) == 5.0
    assert years_of_experience([], today=date(2024, 6, 1)) is None
    assert years_of_experience([("2030-01", None)], today=date(2024, 6, 1)) is None


def test_resume_without_headings_still_finds_its_jobs():
    resume = parse_resume_text(
        "Sam Lee\nsam.lee@example.com\n\nBarista, Blue Bottle Coffee, 2021 – Present\n• Trained six new baristas\n"
        "Cashier, Target, 2019 – 2021\n• Handled 200 transactions a day\nB.A. History, Oberlin College, 2015 – 2019"
    )
    assert [(e.title, e.company) for e in resume.experience] == [("Barista", "Blue Bottle Coffee"), ("Cashier", "Target")]
    assert _schools(resume) == [("B.A. History", "Oberlin College", "2015 – 2019")]


def test_headings_and_fields_of_study_name_no_skill_but_bullets_under_a_degree_do():
    text = """Priya Raman
priya.raman@example.com

EDUCATION
B.Tech in Electronics and
Communication
Anna University, 2011 – 2015
• Completed collaborative software projects in Java

LEADERSHIP AND INVOLVEMENT
Treasurer, Robotics Club, 2013 – 2014

PANELS AND OTHER PRESENTATIONS
Regional robotics panel, 2014

SKILLS
Python, SQL, Presentations
"""
    skills = {skill.name: skill.evidence for skill in parse_resume_text(text).skills}
    assert "Communication" not in skills  # the second line of a degree's name
    assert "Leadership" not in skills  # a heading
    assert skills["Presentation Skills"] == ["Python, SQL, Presentations"]  # listed, not the capitals heading
    assert skills["Teamwork"] == ["Completed collaborative software projects in Java"]
    assert {"Python", "SQL", "Java"} <= set(skills)
