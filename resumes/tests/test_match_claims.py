"""The match report asks for what the posting asks for, and "words your resume does not use" holds skills and
tools only (issue 17)."""

from resumes.matching import match_report
from resumes.reading import parse_resume_text
from resumes.reading.jobs import analyse_job

FRONT_END = """Front-End Engineer

About the role
- Build our storefront in React and TypeScript and keep it fast on mobile.
- Work closely with backend engineers and designers on every release.
- Present your work to leadership and customers every quarter.

Requirements
- 3+ years building web applications in React and TypeScript.
- Strong HTML, CSS and accessibility.

About us
We are a talented, friendly team in San Francisco improving people's lives across various industries.
"""

RESUME = """Jane Doe
jane@example.com

Experience
Front-End Engineer, Shopwise — 2019–2024
- Built the checkout in React and TypeScript; conversion rose 12%.
- Rewrote the design system in semantic HTML and CSS with full keyboard accessibility.
- Developing product strategies with the head of product for the mobile web.

Skills
React, TypeScript, HTML, CSS
"""


def test_a_front_end_posting_does_not_require_backend_work_or_leadership():
    job = analyse_job(title="", company="", text=FRONT_END)
    assert "Backend Development" not in job.skills_required  # "with backend engineers" are colleagues
    assert "Leadership" not in job.skills_required  # leadership is who hears the work, not a skill asked
    assert {"React", "TypeScript", "HTML", "CSS"} <= set(job.skills_required)


def test_words_the_resume_does_not_use_are_skills_and_tools_only():
    job = analyse_job(title="", company="", text=FRONT_END + "\nNice to have\n- Experience with Figma and Storybook.\n")
    report = match_report(resume=parse_resume_text(RESUME), job=job)
    for phrase in ("people's lives", "san francisco", "talented", "various industries"):
        assert phrase not in [term.lower() for term in report.key_terms_missing]
    assert "Figma" in report.key_terms_missing
    assert "React" not in report.key_terms_missing  # the resume names it


def test_a_skill_written_in_another_form_is_not_called_missing():
    job = analyse_job(title="", company="", text="Product Manager\n\nRequirements\n- Product strategy for a consumer app.\n")
    report = match_report(resume=parse_resume_text(RESUME), job=job)
    assert "Product Strategy" not in report.missing_required
    assert any(match.skill == "Product Strategy" and "product strategies" in match.evidence[0] for match in report.matched)
