import hashlib

import factory

from accounts.tests.factories import UserFactory
from resumes.models import JobDescription, Resume
from resumes.reading.schemas import JobRequirements, ParsedResume
from resumes.reading.taxonomy import find_skills

RESUME_TEXT = """Ada Example
Backend Engineer
ada@example.com | +44 20 7946 0958 | London, UK

EXPERIENCE
Senior Engineer — Acme Payments, Jan 2020 – Present
- Built Python services on Kubernetes handling 3,000 requests per second.
- Designed PostgreSQL schemas and cut query time by 40%.

SKILLS
Python, Django, PostgreSQL, Docker, Kubernetes, AWS
"""

JOB_TEXT = """We are hiring a Senior Backend Engineer.
Responsibilities
- Build and run Python services.
- Own our PostgreSQL data model.
Requirements
- Python, PostgreSQL, Kubernetes and Terraform.
Nice to have
- GraphQL.
"""


def _parsed(text: str) -> dict:
    return ParsedResume(text=text, headline="Backend Engineer", skills=find_skills(text), pages=1).model_dump(mode="json")


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    user = factory.SubFactory(UserFactory)
    kind = Resume.Kind.PASTED
    original_filename = factory.Sequence(lambda n: f"resume-{n}.pdf")
    text = RESUME_TEXT
    sha256 = factory.LazyAttributeSequence(lambda o, n: hashlib.sha256(f"{o.text}{n}".encode()).hexdigest())
    pages = 1
    parsed = factory.LazyAttribute(lambda o: _parsed(o.text))
    headline = "Backend Engineer"
    skills = factory.LazyAttribute(lambda o: o.parsed["skills"])
    parse_status = Resume.Status.PARSED


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobDescription

    user = factory.SubFactory(UserFactory)
    title = "Senior Backend Engineer"
    company = "Northwind"
    text = JOB_TEXT
    requirements = factory.LazyFunction(lambda: JobRequirements(
        title="Senior Backend Engineer", skills_required=["Python", "PostgreSQL", "Kubernetes", "Terraform"],
        skills_nice=["GraphQL"], seniority="senior", responsibilities=["Build and run Python services."],
    ).model_dump(mode="json"))
