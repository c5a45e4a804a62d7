"""Reading job postings: required and nice-to-have skills, seniority, years, duties and key terms."""

import pytest

from resumes.reading.jobs import alternative_groups, analyse_job, key_terms_of, seniority_of, years_required_in
from resumes.reading.taxonomy import get_taxonomy
from resumes.tests import samples


@pytest.fixture(scope="module")
def jobs():
    return {key: analyse_job(**job) for key, job in samples.JOBS.items()}


def test_software_engineer_posting(jobs):
    job = jobs["software_engineer"]
    assert (job.title, job.company, job.seniority, job.years_required) == (
        "Senior Backend Engineer, Payments Platform", "Acme Pay", "senior", 5
    )
    # The requirements section's skills are required; the duties' own ("on-call", "mentor") only nice to have.
    assert job.skills_required == ["Backend Development", "Python", "Go", "SQL", "PostgreSQL", "Kubernetes", "AWS",
                                   "Event-Driven Architecture", "Kafka"]
    assert job.skills_nice == ["Incident Management", "Mentoring", "Terraform", "Infrastructure as Code", "gRPC"]
    assert ["Python", "Go"] in job.skills_alternatives
    assert job.responsibilities[0] == "Design, build and operate Go and Python services that move money reliably."
    assert len(job.responsibilities) == 4
    assert {"ledger", "double-entry"} <= set(job.key_terms)


def test_nurse_posting(jobs):
    job = jobs["nurse"]
    assert (job.seniority, job.years_required) == ("mid", 2)
    assert job.skills_required == ["Registered Nurse License", "Critical Care", "BLS", "ACLS", "Epic"]
    # Named only in the duties: the work, not a requirement.
    assert {"Medication Administration", "Ventilator Management", "Discharge Planning"} <= set(job.skills_nice)
    assert job.skills_nice[-3:] == ["CCRN", "Dialysis", "ECMO"]
    assert "Administer medications and titrate vasoactive infusions per protocol." in job.responsibilities
    assert "critically ill" in job.key_terms


def test_sales_posting(jobs):
    job = jobs["sales"]
    assert (job.seniority, job.years_required) == ("mid", 3)
    assert {"B2B Sales", "Quota Attainment", "MEDDIC"} <= set(job.skills_required)
    assert job.skills_nice == ["Product Demonstrations", "Negotiation", "Salesforce", "Gong"]  # the duties' skills
    assert "named territory" in job.key_terms


def test_finance_posting(jobs):
    job = jobs["finance"]
    assert (job.seniority, job.years_required) == ("senior", 4)
    assert {"FP&A", "Excel", "Financial Modeling", "SQL", "Power BI", "Tableau"} <= set(job.skills_required)
    assert job.skills_nice == ["Budgeting", "Forecasting", "Variance Analysis", "Financial Reporting", "Anaplan",
                               "Oracle Hyperion", "E-commerce"]
    assert ["Power BI", "Tableau"] in job.skills_alternatives
    assert ["ACCA", "CIMA", "CFA"] in job.skills_alternatives
    assert "retail business" in job.key_terms


def test_new_grad_posting(jobs):
    job = jobs["new_grad"]
    assert (job.seniority, job.years_required) == ("junior", None)
    assert job.skills_required == ["Python", "Java", "JavaScript", "Web Development"]
    # "Familiarity with SQL" under the requirements is a nice-to-have, and so are the skills only the duties name.
    assert job.skills_nice == ["React", "Frontend Development", "Django", "Backend Development", "Code Review", "SQL",
                               "TypeScript", "AWS", "Docker"]


def test_a_clause_cue_outweighs_its_section():
    job = analyse_job(title="Data Engineer", company="", text=(
        "Requirements\n- Python and SQL.\n- Kafka is a plus.\n- Exposure to Airflow.\n\n"
        "Preferred\n- BLS certification required for site visits.\n- Spark."
    ))
    assert job.skills_required == ["Python", "SQL", "BLS"]
    assert job.skills_nice == ["Kafka", "Apache Airflow", "Apache Spark"]


def test_a_posting_without_headings_requires_what_it_names_unless_it_says_otherwise():
    job = analyse_job(title="", company="", text=(
        "We need a React developer who knows TypeScript and GraphQL. Experience with Storybook would be nice."
    ))
    assert job.title == ""  # a sentence is not a title
    assert job.skills_required == ["React", "TypeScript", "GraphQL"]
    assert job.skills_nice == ["Storybook"]


def test_a_duty_that_starts_like_a_heading_is_not_one():
    job = analyse_job(title="Business Analyst", company="", text=(
        "What you'll do\nRequirements gathering with sales and finance\nAbout Acme Pay\nWe sell Kubernetes tooling."
    ))
    assert job.skills_required == ["Business Analysis", "Requirements Gathering"]
    assert job.responsibilities == ["Requirements gathering with sales and finance"]


def test_about_us_and_benefits_do_not_add_skills():
    job = analyse_job(title="Office Manager", company="Acme", text=(
        "About us\nWe build Kubernetes tooling in Go.\n\nRequirements\n- Excel and Microsoft Office.\n\n"
        "Benefits\n- Free Python courses and a Slack community."
    ))
    assert job.skills_required == ["Excel", "Microsoft Office"]
    assert job.skills_nice == []


@pytest.mark.parametrize(
    ("title", "text", "years", "level"),
    [
        ("Software Engineering Intern", "", None, "intern"),
        ("Junior Data Analyst", "", 5, "junior"),
        ("Graduate Accountant", "", None, "junior"),
        ("Staff Engineer", "", None, "lead"),
        ("Principal Product Designer", "", None, "principal"),
        ("Senior Nurse", "", None, "senior"),
        ("Software Engineer II", "", None, "mid"),
        ("Teacher", "Open to recent graduates.", None, "junior"),
        ("Account Executive", "", 6, "senior"),
        ("Account Executive", "", 10, "lead"),
        ("Account Executive", "", None, "unknown"),
    ],
)
def test_seniority_from_title_then_text_then_years(title, text, years, level):
    assert seniority_of(title, text=text, years=years) == level


@pytest.mark.parametrize(
    ("line", "years"),
    [
        ("5+ years of backend engineering experience", 5),
        ("3-5 years in FP&A", 3),
        ("At least two years of experience in an ICU", 2),
        ("Minimum of 7 years' experience", 7),
        ("Four years of professional nursing experience", 4),
        ("We have been around for 40 years", None),
        ("Python 3.11, 2 weeks of onboarding", None),
        ("5 years in an HR generalist role", 5),
    ],
)
def test_years_required(line, years):
    assert years_required_in([line]) == years


def test_alternative_groups():
    assert alternative_groups("Strong Python or Go, and solid SQL on PostgreSQL.") == [["Python", "Go"]]
    assert alternative_groups("Python, Java or JavaScript") == [["Python", "Java", "JavaScript"]]
    assert alternative_groups("2 years with one or more languages (e.g., Python, C++, Java)") == [["Python", "C++", "Java"]]
    assert alternative_groups("BLS and ACLS certification") == []
    assert alternative_groups("Python, Django, PostgreSQL") == []


def test_a_posting_in_prose_gives_its_you_will_sentences_and_years():
    job = analyse_job(title="HR Business Partner", company="Acme", text=(
        "We're looking for an HRBP to support our engineering org.\n"
        "You'll partner with leaders on workforce planning and employee relations cases.\n"
        "You have 5 years in an HR generalist role and know employment law.\nNice to have: CIPD Level 7."
    ))
    assert job.responsibilities == ["You'll partner with leaders on workforce planning and employee relations cases."]
    assert (job.years_required, job.seniority) == (5, "senior")
    assert job.skills_required == ["HR Business Partnering", "Workforce Planning", "Employee Relations", "Employment Law"]
    assert job.skills_nice == ["CIPD"]


def test_key_terms_are_distinctive_words_not_skills_or_boilerplate(jobs):
    taxonomy = get_taxonomy()
    for job in jobs.values():
        assert 8 <= len(job.key_terms) <= 15
        for term in job.key_terms:
            assert taxonomy.canonical(term) is None, f"{term!r} is a skill"
            assert term not in {"experience", "team", "strong", "opportunity", "benefits", "years"}
    assert "acme" not in " ".join(jobs["software_engineer"].key_terms)  # the company's own name


def test_key_terms_prefer_what_the_posting_repeats():
    terms = key_terms_of(
        "Own the loyalty programme roadmap.\nMeasure loyalty programme uptake.\nGrow loyalty programme revenue.\n"
        "Work with store managers.", company="Shopco",
    )
    assert terms[0] == "loyalty programme"


def test_required_skills_come_from_the_requirements_not_the_duties():
    job = analyse_job(title="Senior Product Designer", company="", text=(
        "What you'll do\n- Evolve our design system in Figma.\n- Use product analytics to decide what to improve.\n\n"
        "What we're looking for\n- Expert in Figma, including prototyping.\n\nAssets\n- Some HTML and CSS.\n"
        "- Experience with Webflow is an asset.\n"))
    assert job.skills_required == ["Figma", "Prototyping"]
    assert {"Design Systems", "Product Analytics", "HTML", "CSS"} <= set(job.skills_nice)


def test_another_language_in_brackets_and_a_kind_with_its_example_are_alternatives():
    groups = alternative_groups("Strong Go, or strong experience in another statically typed language (Java, Rust, C#)")
    assert groups == [["Go", "Java", "Rust", "C#"]]
    assert alternative_groups("Basic understanding of databases and version control (Git)") == [["Version Control", "Git"]]


def test_a_list_closed_by_or_similar_is_a_list_of_choices():
    assert alternative_groups("Hands-on experience with large datasets (Spark, Hive, BigQuery or similar)") == [
        ["Apache Spark", "Apache Hive", "BigQuery"]]


def test_essential_and_desirable_headings_and_essential_functions():
    job = analyse_job(title="Junior Front-End Developer", company="", text=(
        "Key Responsibilities\n- Build screens in Angular from designs in Figma\n\n"
        "Essential Skills and Experience\n- Solid HTML, CSS and JavaScript\n\nDesirable\n- TypeScript\n"))
    assert job.skills_required[-3:] == ["HTML", "CSS", "JavaScript"] and "Figma" in job.skills_nice
    assert "TypeScript" in job.skills_nice
    nurse = analyse_job(title="Staff Nurse", company="", text=(
        "Essential Functions\n- Administer medications safely\n\nMinimum Qualifications\n- BLS certification\n"))
    assert "BLS" in nurse.skills_required and "Medication Administration" not in nurse.skills_required


def test_a_preference_among_alternatives_asks_for_any_of_them():
    job = analyse_job(title="Junior Front-End Developer", company="", text=(
        "Essential Skills and Experience\n"
        "- Solid HTML, CSS and JavaScript\n"
        "- Some experience with a modern framework: Angular preferred, but React or Vue experience is fine and we "
        "will train you\n"
        "Desirable\n- TypeScript"))
    assert {"Angular", "React", "Vue.js"} <= set(job.skills_required)
    assert job.skills_alternatives == [["Angular", "React", "Vue.js"]]
    assert job.skills_nice == ["TypeScript"]
    # A preference on its own is still a nice-to-have.
    alone = analyse_job(title="Junior Front-End Developer", company="", text=(
        "Essential Skills and Experience\n- Solid HTML, CSS and JavaScript\n- Angular experience preferred"))
    assert "Angular" in alone.skills_nice


@pytest.mark.parametrize(("line", "optional", "asked"), [
    ("A portfolio, GitHub profile or examples of work you can talk us through", "GitHub", None),
    ("Ability to read a company's financial statements, or willingness to learn quickly", "Financial Reporting", None),
    ("3+ years working with Linux in production, in a sysadmin, DevOps, SRE or platform role",
     "Site Reliability Engineering", "Linux"),
    # Choices of the kind, and a skill named after "or", stay asked.
    ("Strong Go, or strong experience in another statically typed language (Java, Rust, C#)", None, "Go"),
    ("Solid SQL or similar query languages", None, "SQL"),
    ("3+ years in an applied data science or ML engineering role", None, "Machine Learning"),
    ("Python or Java in production", None, "Python"),
])
def test_a_skill_offered_as_one_way_among_others_is_not_required(line, optional, asked):
    job = analyse_job(title="Engineer", company="", text=f"Requirements\n- {line}\n")
    if optional:
        assert optional not in job.skills_required and optional in job.skills_nice
    if asked:
        assert asked in job.skills_required
