"""The skills taxonomy: its size and coverage, aliases, and no skills read out of ordinary English."""

import json
from collections import Counter

import pytest

from resumes.reading.taxonomy import DATA_FILE, canonical, find_skills, get_taxonomy, normalise_term

ORDINARY_PROSE = """
I will go to the store after work and rest for a while. We react calmly when plans change, and my
sister hopes to excel at swimming this summer. The node at the end of the branch held a small nest,
and the gardener kept the seeds in containers by the shed. Our family made a budget for the trip and
shared the reporting of costs with the other stakeholders in the house. It is a swift river with a
rusty bridge, and a spark from the fire lit the old lantern near the bootstrap of the boot. She wore a
ruby ring, sat in a pickup truck with a flask of tea, and watched the shell of a turtle on the sand.
Please sketch the garden, make a note of the weather, and express your thanks to the chef. Spring
came early; the hive buzzed and the bees flew past the window, and the lighthouse kept its beacon
on. Grade C was fine, John C. Smith said, and vitamin C helps. He wrote to his pen pal in Rome, took
the ap exam later, joined the R&D club at school, and said "py" was just a sound. The ml of water
was measured carefully. It takes a village, a compass and a map to find the way home.
"""


def test_taxonomy_has_several_hundred_skills_across_fields():
    taxonomy = get_taxonomy()
    assert len(taxonomy) >= 450
    categories = Counter(skill.category for skill in taxonomy.skills.values())
    fields = ["language", "frontend", "backend", "data", "ml", "cloud", "devops", "security", "mobile", "design", "product",
              "marketing", "sales", "customer_success", "finance", "accounting", "hr", "operations", "supply_chain",
              "clinical", "education", "legal", "soft"]
    thin = {field: categories[field] for field in fields if categories[field] < 8}
    assert not thin, f"fields with fewer than 8 skills: {thin}"


@pytest.mark.parametrize(
    ("term", "name"),
    [
        ("JS", "JavaScript"), ("js", "JavaScript"), ("k8s", "Kubernetes"), ("Postgres", "PostgreSQL"),
        ("golang", "Go"), ("Go", "Go"), ("ReactJS", "React"), ("sfdc", "Salesforce"), ("med-surg", "Medical-Surgical Nursing"),
        ("front end development", "Frontend Development"), ("ML", "Machine Learning"), ("TS", "TypeScript"),
        ("R", "R"), ("C", "C"), ("node.js", "Node.js"), ("Objective C", "Objective-C"),
        ("financial modelling", "Financial Modeling"),
        ("EHR", "Electronic Health Records"), ("Epic", "Epic"), ("FP&A", "FP&A"), ("talent acquisition", "Recruiting"),
        ("lesson plans", "Lesson Planning"), ("westlaw", "Westlaw"), ("problem-solving", "Problem Solving"),
    ],
)
def test_canonical_knows_common_aliases(term, name):
    assert canonical(term) == name


@pytest.mark.parametrize("term", ["rest", "node", "ap", "reporting", "budget", "stakeholders", "containers", "py", "ml",
                                  "leadership team", "purchasing", "closing"])
def test_ordinary_words_are_not_skills(term):
    assert canonical(term) is None


@pytest.mark.parametrize(("line", "term"), [("Go and see", "go"), ("react quickly", "react"), ("excel at sport", "excel")])
def test_case_sensitive_names_match_only_as_written_in_text(line, term):
    """Looking a typed term up is forgiving ("react" → React); reading prose is not."""
    taxonomy = get_taxonomy()
    assert taxonomy.canonical(term) is not None
    assert taxonomy.find_in_line(line.lower()) == []


def test_ordinary_english_prose_yields_no_skills():
    assert find_skills(ORDINARY_PROSE) == []


def test_skills_are_found_with_the_lines_that_mention_them():
    found = find_skills(
        "Languages: Python, Go, C, R, TS\n• Moved billing to k8s on AWS and Postgres\n\n• Led a React/Redux rewrite"
    )
    by_name = {skill.name: skill.evidence for skill in found}
    assert list(by_name) == ["Python", "Go", "C", "R", "TypeScript", "Kubernetes", "AWS", "PostgreSQL", "React", "Redux"]
    assert by_name["PostgreSQL"] == ["• Moved billing to k8s on AWS and Postgres"]
    assert found[0].category == "language"


def test_one_letter_languages_need_technical_company():
    taxonomy = get_taxonomy()
    assert taxonomy.find_in_line("Programming: C and R") == ["C", "R"]
    assert taxonomy.find_in_line("Earned a C in chemistry; R&D team lead") == []


def test_longest_match_wins_over_a_shorter_alias():
    taxonomy = get_taxonomy()
    assert taxonomy.find_in_line("Active TS/SCI clearance") == ["Security Clearance"]
    assert taxonomy.find_in_line("Java and JavaScript") == ["Java", "JavaScript"]
    assert taxonomy.find_in_line("ASP.NET Core services") == ["ASP.NET"]
    assert taxonomy.find_in_line("Built React Native apps") == ["React Native"]


def test_an_ambiguous_term_needs_its_context():
    taxonomy = get_taxonomy()
    assert taxonomy.find_in_line("Triaged patients in a busy ER") == ["Triage"]
    assert taxonomy.find_in_line("Skills: Triage, Telemetry, Epic") == ["Triage", "Telemetry", "Epic"]
    assert taxonomy.find_in_line("Triage product issues and fix bugs") == []


def test_web_and_email_addresses_are_not_read_for_skills():
    taxonomy = get_taxonomy()
    assert taxonomy.find_in_line("github.com/jane/django-kafka-demo | jane.python@example.com") == []


def test_implied_skills_follow_the_chain():
    taxonomy = get_taxonomy()
    assert taxonomy.implied("PostgreSQL") == ["SQL", "Relational Databases", "Databases"]
    assert taxonomy.implied("Next.js")[:2] == ["React", "Frontend Development"]
    assert "JavaScript" in taxonomy.implied("Next.js")


def test_the_data_file_is_consistent():
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    names = [entry["name"] for entry in entries]
    assert len(names) == len(set(names))
    known = set(names)
    owner: dict[str, str] = {}
    clashes = []
    for entry in entries:
        assert set(entry) <= {"name", "category", "aliases", "case_sensitive", "implies", "context", "other_senses"}
        for target in entry.get("implies", []):
            assert target in known, f"{entry['name']} implies unknown {target}"
        for alias in [entry["name"], *entry["aliases"]]:
            key = normalise_term(alias)
            if owner.setdefault(key, entry["name"]) != entry["name"]:
                clashes.append((alias, owner[key], entry["name"]))
    assert clashes == []


@pytest.mark.parametrize(("line", "found"), [
    ("Designed the communication between frontend and backend over GraphQL", False),
    ("Asynchronous communication between services with Kafka", False),
    ("Built inter-service communication on gRPC", False),
    ("Excellent communication skills with customers and stakeholders", True),
    ("Improved communication between engineering and sales teams", True),
])
def test_communication_between_systems_is_not_the_soft_skill(line, found):
    assert ("Communication" in get_taxonomy().find_in_line(line)) is found


@pytest.mark.parametrize(("line", "skill", "found"), [
    # A paper's title names its subject, not a skill of its author; a quoted term still counts.
    ("“The Union Army’s Northern Asset: African Canadian Recruitment and the Civil War,” Yale", "Recruiting", False),
    ("“The Union Army’s Northern Asset: African Canadian Recruitment", "Recruiting", False),  # wrapped title
    ('Presented "Recruitment of Teachers in Rural Schools" at the annual meeting', "Recruiting", False),
    ('Led full-cycle recruitment for 40 "hard to fill" roles', "Recruiting", True),
    ('Repaired a "Pilot C" perfusor and built an ECG signal generator', "Electronic Test Equipment", True),
    # A programme named for leadership is not leadership shown.
    ("Canadian Delegate to 5th UNESCO Human Rights Leadership Institute, Summer 2009", "Leadership", False),
    ("Team leadership of six analysts across two offices", "Leadership", True),
])
def test_titles_of_works_and_programmes_are_not_the_authors_skills(line, skill, found):
    read = {evidence.name for evidence in get_taxonomy().find(line, skip_quoted_titles=True)}
    assert (skill in read) is found


def test_a_question_quoting_the_candidate_still_names_the_skills_in_the_quote():
    question = 'You wrote: "Automated Power BI reports using SharePoint and Excel". Walk me through it.'
    assert {"Power BI", "Excel"} <= set(get_taxonomy().find_in_line(question))


def test_a_marketers_budget_and_channels_show_budgeting_and_digital_marketing():
    """Seen on a marketer's results page: "owned a £2.4M media budget" left Budgeting "not heard yet" and the
    match report called it missing; paid media and SEO are digital marketing."""
    taxonomy = get_taxonomy()
    assert "Budgeting" in taxonomy.find_in_line("Owned £2.4M annual media budget across 13+ purchase orders")
    for channel in ("PPC Advertising", "SEO", "Social Media Marketing"):
        assert "Digital Marketing" in taxonomy.implied(channel)
