"""Match scores on real people (issue 17): every corpus resume against its own posting (`evaluation_data/pairs.json`).

The pairs and their fit judgements were written apart from the matcher; the held-out third counts. The floors are
the figures reached (see the README's coach section), so a change that loses a fit, or lifts a mismatch over the
line it was under, fails here. Without the corpus beside the repository the test is skipped.
"""

from pathlib import Path

import pytest

from interviews.coach import evaluation_scoring as ES
from resumes.reading.taxonomy import get_taxonomy

# Reached on the held-out pairs: 7 of the 10 fits at 70% or more (the reader reads no roles from one of them, an
# academic CV), 2 of the 3 mismatches under 40% (a lecturer for a full-stack job is held there: another kind of work).
HELD_OUT_FITS_AT_70 = 7
HELD_OUT_MISMATCHES_UNDER_40 = 2
# The tuned-on pairs, for regressions: 16 of 17 fits (the Europass copy of a CV that names no programming is not),
# 10 of 10 mismatches (a PhD starter with under a year of work for a job asking 3+ years, a first-year student for a
# final-year and graduate programme, template demo CVs, an MS student for a job asking 3+ years are held there).
TUNE_FITS_AT_70 = 16
TUNE_MISMATCHES_UNDER_40 = 10


@pytest.fixture(scope="module")
def figures():
    from django.conf import settings

    corpus = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "resumes"
    if not corpus.is_dir():
        pytest.skip("the corpus resumes are not beside the repository")
    return ES.match_figures(corpus)


def _counts(figures, split):
    mine = [f for f in figures if f.split == split]
    fits = sum(f.coverage >= ES.MIN_FIT_COVERAGE for f in mine if f.fit)
    mismatches = sum(f.coverage < ES.MAX_MISMATCH_COVERAGE for f in mine if not f.fit)
    return fits, mismatches


def test_held_out_fits_score_at_least_70_and_mismatches_under_40(figures):
    fits, mismatches = _counts(figures, "held_out")
    assert fits >= HELD_OUT_FITS_AT_70 and mismatches >= HELD_OUT_MISMATCHES_UNDER_40


def test_tuned_on_pairs_keep_their_figures(figures):
    fits, mismatches = _counts(figures, "tune")
    assert fits >= TUNE_FITS_AT_70 and mismatches >= TUNE_MISMATCHES_UNDER_40


def test_required_skills_are_the_postings_requirements(figures):
    from resumes.reading.jobs import analyse_job

    by_posting = {f.posting: f.required for f in figures if not f.refused}
    for name in ("senior-frontend-engineer", "junior-frontend-developer"):
        title, text = ES.posting(name)
        assert "Backend Development" not in analyse_job(title=title, company="", text=text).skills_required
    # The product designer's posting names "Data Platform" in its title and B2B in its requirements; its duties
    # (design systems, product analytics) are the work, not requirements.
    assert {"Design Systems", "Product Analytics"}.isdisjoint(by_posting["senior-product-designer"])
    assert "Figma" in by_posting["senior-product-designer"]


def test_words_the_resume_does_not_use_are_skills_and_tools_only(figures):
    skills = set(get_taxonomy().skills)
    words = {word for f in figures for word in f.words_not_used}
    assert words and words <= skills
    assert {"people's lives", "san francisco", "talented", "various industries"}.isdisjoint({w.lower() for w in words})


def test_tuned_on_postings_are_read_in_their_own_fields():
    from resumes.reading.jobs import analyse_job

    def read(name):
        title, text = ES.posting(name)
        return analyse_job(title=title, company="", text=text)

    # "SOA/CAS exams" are actuarial exams; the title's credit risk is asked only as an asset; statistics is asked.
    credit = read("credit-risk-analyst")
    assert "Credit Analysis" in credit.skills_nice and "Statistical Analysis" in credit.skills_required
    assert "Actuarial Exams" in credit.skills_nice
    assert {"Microservices", "Service-Oriented Architecture"}.isdisjoint(credit.skills_required + credit.skills_nice)
    # "Deep experience with relational databases, ideally PostgreSQL: …"
    backend = read("senior-backend-engineer")
    assert "Relational Databases" in backend.skills_required and "PostgreSQL" in backend.skills_nice
    # Hardware skills, and "Student in the final year, or recent graduate, of electronics".
    embedded = read("junior-embedded-test-engineer")
    assert {"Soldering", "Schematics", "Electronic Test Equipment", "Electronic Circuits"} <= set(embedded.skills_required)
    assert (embedded.degree_level, embedded.degree_required) == ("bachelor", True)
    # "a degree or diploma in computer science or IT" for placement students.
    assert read("early-careers-software-engineer").degree_level == "diploma"
