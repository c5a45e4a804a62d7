"""The job reader and the taxonomy outside web software (issue 17): actuarial exams, a title's skill asked only as an
asset, statistics, a preference inside a requirement, diplomas and students, electronics hardware, distributed
data tools. Each case failed on the reader before it was written."""

import pytest

from resumes.matching.requirements import check_degree
from resumes.reading.jobs import analyse_job
from resumes.reading.schemas import EducationEntry, JobRequirements, ParsedResume
from resumes.reading.taxonomy import get_taxonomy


def _skills(line: str) -> list[str]:
    return get_taxonomy().find_in_line(line)


# --- An ambiguous abbreviation needs its own field's context -------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Credit for SOA Exam FM/CAS Exam 2 – Canadian Institute of Actuaries.",
    "Progress toward an actuarial designation (SOA/CAS exams), CFA or FRM",
    "Exam support: paid study days and exam fees for SOA, CAS, CFA or FRM",
])
def test_soa_beside_actuarial_exams_is_not_software_architecture(line):
    found = _skills(line)
    assert "Service-Oriented Architecture" not in found and "Microservices" not in found


def test_actuarial_exams_are_read_as_such():
    assert _skills("Passed Society of Actuaries Exam P/CAS Exam 1 (Probability).") == ["Actuarial Exams"]
    assert "Actuarial Exams" in _skills("Progress toward an actuarial designation (SOA/CAS exams), CFA or FRM")


def test_soa_in_software_is_service_oriented_architecture_and_not_microservices():
    assert _skills("Designed SOA web services with Java and SOAP")[0] == "Service-Oriented Architecture"
    assert get_taxonomy().canonical("service-oriented architecture") == "Service-Oriented Architecture"
    assert "Microservices" not in get_taxonomy().implied("Service-Oriented Architecture")


# --- Statistics ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Working knowledge of statistics: regression, probability, hypothesis testing",
    "Courses: Probability and Statistics, Methods of Data Analysis",
    "Built a statistical model of churn",
])
def test_statistics_is_statistical_analysis(line):
    assert "Statistical Analysis" in _skills(line)


def test_regression_proves_statistical_analysis_but_regression_tests_do_not():
    assert "Regression Analysis" in _skills("Predicting fire losses with a multiple linear regression model")
    assert "Statistical Analysis" in get_taxonomy().implied("Regression Analysis")
    assert "Regression Analysis" not in _skills("Wrote regression tests for the checkout API")
    assert "Regression Analysis" not in _skills("Fixed a performance regression in the search page")
    assert "Statistical Analysis" not in _skills("Pulled wage data from the Bureau of Labor Statistics")


# --- A title's skill asked only as an asset -----------------------------------------------------------------------

_ANALYST = """Credit Risk Analyst

About the role
You will monitor delinquency and loss trends in our credit card portfolio.

What you bring
- Bachelor's degree in statistics, economics or a related quantitative field
- Experience with SQL and with R or Python

Assets
- Coursework or project work in credit risk or time series
"""


def test_a_title_skill_the_posting_calls_an_asset_is_nice_to_have():
    job = analyse_job(title="Credit Risk Analyst", company="", text=_ANALYST)
    assert "Credit Analysis" in job.skills_nice and "Credit Analysis" not in job.skills_required
    assert "SQL" in job.skills_required


def test_a_title_skill_is_required_when_the_posting_also_asks_for_it_or_says_nothing_of_it():
    asked = _ANALYST.replace("- Experience with SQL", "- Experience in credit risk analysis\n- Experience with SQL")
    assert "Credit Analysis" in analyse_job(title="Credit Risk Analyst", company="", text=asked).skills_required
    silent = _ANALYST.replace("credit risk or ", "")
    assert "Credit Analysis" in analyse_job(title="Credit Risk Analyst", company="", text=silent).skills_required


# --- A preference inside a requirement --------------------------------------------------------------------------------

def test_ideally_inside_a_requirement_makes_only_what_follows_it_nice_to_have():
    text = """Backend Engineer

Requirements
- Deep experience with relational databases, ideally PostgreSQL: schema design, transactions, query tuning
"""
    job = analyse_job(title="Backend Engineer", company="", text=text)
    assert job.skills_required == ["Backend Development", "Relational Databases"]
    assert {"PostgreSQL", "Database Design", "Query Optimization"} <= set(job.skills_nice)
    assert "Relational Databases" in get_taxonomy().implied("PostgreSQL")


# --- Diplomas and students ------------------------------------------------------------------------------------------

def _degree_job(line: str) -> JobRequirements:
    return analyse_job(title="Graduate Engineer", company="", text=f"Graduate Engineer\n\nRequirements\n- {line}\n")


def test_a_degree_or_diploma_is_met_by_a_diploma():
    job = _degree_job("In the final year of a degree or diploma in computer science or IT")
    assert (job.degree_level, job.degree_required) == ("diploma", True)
    resume = ParsedResume(education=[EducationEntry(degree="Diploma in Computer Science", institution="UiTM",
                                                    dates="2023 – 2026")])
    assert check_degree(job, resume).status == "met"


def test_the_lowest_track_of_a_posting_is_its_degree_requirement():
    text = ("Graduate Engineer\n\nRequirements\n- Graduates: a bachelor's degree in computer science\n"
            "- Placement students: in the penultimate year of a degree or diploma in computer science\n")
    assert analyse_job(title="Graduate Engineer", company="", text=text).degree_level == "diploma"


def test_a_student_or_recent_graduate_of_a_field_is_a_degree_requirement():
    job = _degree_job("Student in the final year, or recent graduate, of electronics, electrical engineering or similar")
    assert (job.degree_level, job.degree_required) == ("bachelor", True)


def test_a_degree_named_where_no_education_was_read_is_left_out_of_the_coverage():
    job = _degree_job("Bachelor's degree in electronics")
    unread = check_degree(job, ParsedResume(text="EDUCATION AND TRAINING\nBachelor's Degree\nTechnical University of Sofia"))
    assert unread.weight == 0 and "Bachelor's Degree" in unread.detail
    # A resume that names no degree at all still lacks one, and a job title with "Master" in it is no degree.
    assert check_degree(job, ParsedResume(text="Scrum Master, Acme\nRan sprints")).weight > 0


# --- Electronics hardware and distributed data tools ---------------------------------------------------------------

@pytest.mark.parametrize("line, skills", [
    ("Practical hardware experience: soldering, reading schematics, using an oscilloscope and a multimeter",
     ["Soldering", "Schematics", "Electronic Test Equipment"]),
    ("Understanding of analog and digital circuits and microcontrollers", ["Electronic Circuits", "Embedded Systems"]),
    ("Some hardware work involving patching PCBs, soldering of external components.",
     ["Printed Circuit Boards", "Soldering"]),
    ("Tools: Altium Designer, LTspice, LabVIEW", ["PCB Design", "Circuit Simulation", "LabVIEW"]),
])
def test_electronics_hardware_skills_are_known(line, skills):
    assert _skills(line) == skills


@pytest.mark.parametrize("tool", ["Hadoop", "Cassandra", "Apache Beam", "Apache Spark"])
def test_distributed_data_tools_prove_distributed_systems(tool):
    assert "Distributed Systems" in get_taxonomy().implied(tool)
