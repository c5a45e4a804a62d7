"""Typed results of reading resumes and job postings.

Pure pydantic, no Django: the parser, the match report, the interview coach, management commands
and tests all exchange these. The JSON of `ParsedResume` (minus a few internal fields) is the
`parse_resume --json` contract, so field names here are part of it.
"""

from typing import Literal

from pydantic import BaseModel, Field

SectionName = Literal["summary", "experience", "education", "skills", "projects", "certifications", "other"]
Seniority = Literal["intern", "junior", "mid", "senior", "lead", "principal", "unknown"]


class Contact(BaseModel):
    name: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""  # "Town, Region"
    links: list[str] = Field(default_factory=list)
    address: str = ""  # the postal address as written, when the resume gives one ("4567 Main Street, Buffalo, NY 14201")


class ExperienceEntry(BaseModel):
    title: str = ""
    company: str = ""
    dates: str = ""  # as written, e.g. "Jan 2019 – Present"
    start: str | None = None  # ISO "YYYY-MM" when the dates could be read
    end: str | None = None  # ISO "YYYY-MM"; None with `current=True` means "to date"
    current: bool = False
    lines: list[str] = Field(default_factory=list)  # the bullet lines under this entry


class EducationEntry(BaseModel):
    degree: str = ""
    institution: str = ""
    dates: str = ""


class SkillEvidence(BaseModel):
    name: str  # canonical taxonomy name, e.g. "JavaScript"
    category: str = ""  # taxonomy category, e.g. "language", "cloud", "clinical"
    evidence: list[str] = Field(default_factory=list)  # resume lines that mention it, as written


class ParsedResume(BaseModel):
    contact: Contact = Field(default_factory=Contact)
    headline: str = ""
    sections: dict[str, str] = Field(default_factory=dict)  # SectionName -> text
    experience: list[ExperienceEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[SkillEvidence] = Field(default_factory=list)
    projects: list[str] = Field(default_factory=list)  # project names, for resume-specific questions
    years_experience: float | None = None
    pages: int = 0
    scanned_pages: int = 0  # pages read by OCR from a scanned PDF (the first ones; 0 for a text PDF)
    text: str = ""
    # Plain sentences for the candidate when the text shows little of a resume (a cover letter, an article).
    warnings: list[str] = Field(default_factory=list)

    def skill_names(self) -> list[str]:
        return [skill.name for skill in self.skills]

    def employers(self) -> list[str]:
        return [entry.company for entry in self.experience if entry.company]


class JobRequirements(BaseModel):
    title: str = ""
    company: str = ""
    skills_required: list[str] = Field(default_factory=list)  # canonical names
    skills_nice: list[str] = Field(default_factory=list)  # canonical names
    # Groups of required skills of which any one will do ("Strong Python or Go"): added by the parser.
    skills_alternatives: list[list[str]] = Field(default_factory=list)
    seniority: Seniority = "unknown"
    years_required: int | None = None
    responsibilities: list[str] = Field(default_factory=list)  # sentences from the posting
    key_terms: list[str] = Field(default_factory=list)  # distinctive words/phrases of the posting
    # Groups of `skills_alternatives` given as examples of a kind of tool ("database technology such as MySQL,
    # Oracle or SQL Server"): the kind is what is asked, and a sibling of the examples is related.
    skills_examples: list[list[str]] = Field(default_factory=list)
    degree_level: Literal["", "diploma", "associate", "bachelor", "master", "doctorate"] = ""  # the lowest that satisfies
    degree_fields: list[str] = Field(default_factory=list)  # "Computer Science"
    degree_required: bool = False  # False: preferred, when degree_level is set
    degree_equivalent: bool = False  # "or equivalent practical experience"
    role_family: str = ""  # the kind of work the title names: "software engineering", "product management"…
    # "For students in the final or penultimate year of a degree, and graduates": a first-year student is not yet one.
    final_years_only: bool = False


class Quote(BaseModel):
    """A sentence or bullet of the resume that shows a skill, with the words that show it."""

    text: str
    marks: list[tuple[int, int]] = Field(default_factory=list)  # character spans of the matched words
    where: Literal[
        "experience", "title", "project", "summary", "headline", "skills", "education", "certification", "other"
    ] = "other"  # experience: a bullet of a role; title: the role's own title
    role: str = ""  # "Senior Engineer at Stripe", when `where` is experience or title


Strength = Literal["shown", "listed", "related"]


class SkillMatch(BaseModel):
    skill: str
    required: bool  # True: a required skill of the job; False: a nice-to-have
    evidence: list[str] = Field(default_factory=list)  # resume sentences proving it, best first (the quotes' texts)
    # shown: used in a role or a project; listed: only named (skills list, summary, headline); related: the resume
    # shows a sibling of it (`via`), e.g. PostgreSQL for "database technology such as MySQL".
    strength: Strength = "shown"
    via: str = ""  # the resume's own skill that proves it, when not named itself (PostgreSQL for SQL)
    family: str = ""  # for related: what the two share ("relational databases")
    alternatives: list[str] = Field(default_factory=list)  # when asked as one of several ("such as Python, Ruby…")
    quotes: list[Quote] = Field(default_factory=list)


class RequirementCheck(BaseModel):
    """One requirement of the job checked against the resume, said in a sentence."""

    kind: Literal["skills", "years", "degree", "role"]
    label: str  # "3+ years of experience", "A bachelor's degree in Computer Science"
    required: bool = True
    status: Literal["met", "partly", "missing"] = "missing"
    detail: str = ""
    weight: float = 0.0  # how much it counts towards coverage
    credit: float = 0.0  # 0–1: how much of it the resume meets


class MatchReport(BaseModel):
    matched: list[SkillMatch] = Field(default_factory=list)
    missing_required: list[str] = Field(default_factory=list)
    missing_nice: list[str] = Field(default_factory=list)
    coverage: float = 0.0  # 0–100
    coverage_explained: str = ""  # how `coverage` was computed, in a sentence
    suggestions: list[str] = Field(default_factory=list)  # exactly three, concrete
    # Years, degree and kind of role, checked against the resume; the skills in one summary line.
    checks: list[RequirementCheck] = Field(default_factory=list)
    key_terms_missing: list[str] = Field(default_factory=list)  # the posting's own terms the resume never uses
