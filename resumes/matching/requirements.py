"""The job's requirements, each checked against the resume and weighed as a recruiter would.

A requirement is a skill, or a group of skills of which any one will do ("such as Python, Ruby, Java,
PHP and .NET" is one requirement, met by Python); the years of experience asked for; the degree; and
having done the same kind of work (the job title's kind). Each gets a credit from 0 to 1 — a skill
shown in a role counts whole, one only listed counts less, a sibling of the skill (PostgreSQL for
"database technology such as MySQL") counts as related — and a weight (required skills more than
nice-to-haves, soft skills less than the rest). Coverage is the weighted share met. The numbers live
in `resumes/reading/data/matching.json`.
"""

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from resumes.matching.evidence import Proof
from resumes.reading.dates import find_range, years_of_experience
from resumes.reading.knowledge import (
    DEGREE_NAMES,
    DEGREE_ORDER,
    degree_level,
    family_of,
    interchangeable,
    knowledge,
    level_at_least,
    role_family,
    roles_adjacent,
    shared_family,
)
from resumes.reading.schemas import JobRequirements, ParsedResume, RequirementCheck, SkillMatch
from resumes.reading.taxonomy import get_taxonomy


@dataclass(frozen=True)
class SkillRequirement:
    skills: tuple[str, ...]  # one, or alternatives
    required: bool
    examples: bool = False  # "such as …": the kind of tool is asked, the named ones are examples

    @property
    def name(self) -> str:
        """How it is named to the candidate: "Kubernetes", or "Python, Ruby, Java, PHP or .NET"."""
        if len(self.skills) == 1:
            return self.skills[0]
        return ", ".join(self.skills[:-1]) + " or " + self.skills[-1]

    @property
    def soft(self) -> bool:
        return all(get_taxonomy().category(skill) == "soft" for skill in self.skills)

    @property
    def weight(self) -> float:
        weights = knowledge().weights
        if self.required:
            return weights["required_soft"] if self.soft else weights["required"]
        return weights["nice_soft"] if self.soft else weights["nice"]


@dataclass
class SkillResult:
    requirement: SkillRequirement
    match: SkillMatch | None  # None: missing
    credit: float


def skill_requirements(job: JobRequirements) -> list[SkillRequirement]:
    """The job's skills as requirements: each group of alternatives once, then the single skills, required first."""
    required, nice = set(job.skills_required), set(job.skills_nice)
    grouped: list[SkillRequirement] = []
    seen: set[str] = set()
    examples = [list(group) for group in job.skills_examples]
    for group in [*job.skills_alternatives, *(g for g in examples if g not in job.skills_alternatives)]:
        members = tuple(skill for skill in group if skill in required or skill in nice and skill not in seen)
        if len(members) < 2:
            continue
        grouped.append(SkillRequirement(members, any(skill in required for skill in members), list(group) in examples))
        seen.update(members)
    singles = [SkillRequirement((skill,), True) for skill in job.skills_required if skill not in seen]
    singles += [SkillRequirement((skill,), False) for skill in job.skills_nice if skill not in seen]
    # In the posting's order within required and nice-to-have: a group where its first skill was named.
    order = {skill: index for index, skill in enumerate([*job.skills_required, *job.skills_nice])}
    return sorted(grouped + singles, key=lambda r: (not r.required, min(order.get(s, 0) for s in r.skills)))


def check_skill(requirement: SkillRequirement, proofs: dict[str, Proof]) -> SkillResult:
    credits = knowledge().credits
    present = [(skill, proofs[skill]) for skill in requirement.skills if skill in proofs]
    alternatives = list(requirement.skills) if len(requirement.skills) > 1 else []
    if present:
        skill, proof = max(present, key=lambda item: item[1].strength == "shown")
        strength = proof.strength
        return SkillResult(requirement, SkillMatch(
            skill=skill, required=requirement.required, evidence=proof.lines[:3], strength=strength, via=proof.via,
            alternatives=alternatives, quotes=proof.quotes[:3]), credits[strength])
    family = shared_family(list(requirement.skills)) if len(requirement.skills) > 1 else family_of(requirement.skills[0])
    if family and not (requirement.examples or interchangeable(family)):
        family = ""  # "Rust" asked by name: knowing Go is not knowing Rust
    siblings = [(skill, proof) for skill, proof in proofs.items()
                if family and family_of(skill) == family and skill not in requirement.skills and (proof.quotes or proof.claimed)]
    if siblings:
        skill, proof = max(siblings, key=lambda item: item[1].strength == "shown")
        credit = credits["related_example" if requirement.examples else "related"]
        credit *= 1.0 if proof.strength == "shown" else credits["listed"]
        return SkillResult(requirement, SkillMatch(
            skill=requirement.skills[0] if len(requirement.skills) == 1 else requirement.name, required=requirement.required,
            evidence=proof.lines[:3], strength="related", via=skill, family=family, alternatives=alternatives,
            quotes=proof.quotes[:3]), credit)
    return SkillResult(requirement, None, 0.0)


# --- Years, degree, kind of role ----------------------------------------------------------------

def _plural(value: float, word: str) -> str:
    return f"{value:g} {word}{'' if value == 1 else 's'}"


def check_years(job: JobRequirements, resume: ParsedResume) -> RequirementCheck | None:
    if not job.years_required:
        return None
    wanted, found = job.years_required, years_beyond_school(resume)
    label = f"{wanted}+ years of experience"
    school = "" if found == resume.years_experience else " (not counting what you did while at school)"
    weight = knowledge().weights["years"]
    if found is None:  # unknown is not none: it is left out of the coverage, and the candidate told why
        return RequirementCheck(kind="years", label=label, status="missing", weight=0.0, credit=0.0, detail=(
            f"The job asks for {wanted}+ years; your resume gives no dates for its roles, so they cannot be counted "
            "(and are left out of the coverage). Add the months or years to each role."))
    if found >= wanted:
        return RequirementCheck(kind="years", label=label, status="met", weight=weight, credit=1.0, detail=(
            f"The job asks for {wanted}+ years; your dated roles add up to {_plural(found, 'year')}{school}."))
    return RequirementCheck(kind="years", label=label, status="partly" if found else "missing", weight=weight,
                            credit=round(found / wanted, 2), detail=(
        f"The job asks for {wanted}+ years; your dated roles add up to {_plural(found, 'year')}{school}."))


# Jobs for students and graduates: having held a role of the kind already counts when it is there, and is not
# counted against anyone when it is not.
ENTRY_LEVELS = frozenset({"intern", "junior"})


# A degree whose dates say it is not finished ("2022 – Present", "Since August 2024", "Expected May 2026") counts half
# for a job that is not for students and graduates.
DEGREE_IN_PROGRESS = 0.5
_IN_PROGRESS_RE = re.compile(r"\b(?:present|current|now|ongoing|expected|anticipated|in progress|since|to date)\b",
                             re.IGNORECASE)


def in_progress(entry) -> bool:
    return bool(_IN_PROGRESS_RE.search(entry.dates or "") or _IN_PROGRESS_RE.search(entry.degree or ""))


# A line that names a degree by its kind ("Bachelor's Degree", "MSc Physics"), not a job title with "Master" in it.
_DEGREE_LINE_RE = re.compile(r"\b(?:degree|bachelor'?s?|master'?s|diploma|b\.?sc|m\.?sc|ph\.?\s?d)\b", re.IGNORECASE)


def _unplaced_degree(resume: ParsedResume) -> str:
    """The first line naming a degree, on a resume from which no education entry was read (the reader missed its
    Education section), or ""."""
    if resume.education:
        return ""
    for line in (resume.text or "").splitlines():
        line = line.strip()
        if len(line) <= 80 and _DEGREE_LINE_RE.search(line) and degree_level(line):
            return line
    return ""


# A university's own name ("Technical University of Sofia", "Universität Wien"): someone studying there without a
# degree named ("Student", "Field(s) of study: Electronics", as the Europass form writes it) is studying for a first
# degree.
_A_UNIVERSITY_RE = re.compile(r"\b(?:universit(?:y|ies|ät|é|à|ad|eit|et|ate)|politecnico|polytechnic)\b|университет",
                              re.IGNORECASE)


def _level_studied(entry) -> str:
    """The level of an education entry's degree; for a university entry that names none, but is in progress, a first
    degree."""
    level = degree_level(entry.degree)
    if not level and in_progress(entry) and _A_UNIVERSITY_RE.search(entry.institution or ""):
        return _FIRST_DEGREE
    return level


def check_degree(job: JobRequirements, resume: ParsedResume) -> RequirementCheck | None:
    if not job.degree_level:
        return None
    weights = knowledge().weights
    weight = weights["degree_required" if job.degree_required else "degree_preferred"]
    wanted = DEGREE_NAMES[job.degree_level]
    field = f" in {' or '.join(job.degree_fields[:2])}" if job.degree_fields else ""
    label = f"{wanted[0].upper()}{wanted[1:]}{field}" + ("" if job.degree_required else " (preferred)")
    unplaced = _unplaced_degree(resume)
    if unplaced:  # a degree named where no education entry was read: unknown, like undated years — left out, said why
        return RequirementCheck(kind="degree", label=label, required=job.degree_required, status="missing", weight=0.0,
                                credit=0.0, detail=(
            f"The job asks for {wanted}{field}; your resume names a degree ('{unplaced}') but it could not be read "
            "with its school and dates, so it is left out of the coverage. Give it the school, the degree and the "
            "dates on lines of their own under Education."))
    held = [(_level_studied(entry), entry) for entry in resume.education]
    met = [entry for level, entry in held if level_at_least(level, job.degree_level)]
    done = [entry for entry in met if not in_progress(entry)]
    if met:
        entry = (done or met)[0]
        where = f" from {entry.institution}" if entry.institution else ""
        named = bool(degree_level(entry.degree))  # else a university entry with no degree named ("Student")
        if not done and job.seniority not in ENTRY_LEVELS:  # "2022 – Present": not yet held
            yours = f"your {entry.degree}{where} is" if named else f"your studies at {entry.institution} are"
            return RequirementCheck(kind="degree", label=label, required=job.degree_required, status="partly",
                                    weight=weight, credit=DEGREE_IN_PROGRESS, detail=(
                f"The job asks for {wanted}{field}; {yours} still in progress ({entry.dates}). "
                "Say when you expect to finish."))
        have = (f"you have {entry.degree}{where}" if named
                else f"you are studying at {entry.institution} ({entry.dates})")
        return RequirementCheck(kind="degree", label=label, required=job.degree_required, status="met", weight=weight,
                                credit=1.0, detail=f"The job asks for {wanted}{field}; {have}.")
    years = resume.years_experience or 0.0
    if job.degree_equivalent and years >= max(4, job.years_required or 0):
        return RequirementCheck(kind="degree", label=label, required=job.degree_required, status="met", weight=weight,
                                credit=1.0, detail=(
            f"The job asks for {wanted}{field} or equivalent experience; your {_plural(years, 'year')} of dated roles "
            "are that experience — be ready to say so."))
    have = next((entry.degree for _, entry in held if entry.degree), "")
    detail = (f"The job asks for {wanted}{field}; your resume shows {have}." if have
              else f"The job asks for {wanted}{field}; your resume shows no degree.")
    if job.degree_equivalent:
        detail += " It accepts equivalent experience instead: say in your summary what stands in for the degree."
    return RequirementCheck(kind="degree", label=label, required=job.degree_required, status="missing", weight=weight,
                            credit=0.0, detail=detail)


def job_kinds(job: JobRequirements) -> list[str]:
    """The kinds of work the job is: its own, then any other its title names ("Web Designer & SEO Specialist" is
    design work as much as marketing work, and a role of either kind is a role like it)."""
    if not job.role_family:
        return []
    return [job.role_family, *sorted(_families(job.title) - {job.role_family})]


def check_role(job: JobRequirements, resume: ParsedResume) -> RequirementCheck | None:
    """Whether the candidate has done this kind of work: the latest role counts whole, an earlier one less, a
    neighbouring kind (infrastructure for software engineering) less again. For an entry-level job, not having
    held such a role weighs nothing."""
    if not job.role_family:
        return None
    credits = knowledge().credits
    weight = knowledge().weights["role"]
    kinds = job_kinds(job)
    kind = " or ".join(kinds)
    label = f"Experience in {kind}"
    titled = [(entry, role_family(entry.title)) for entry in resume.experience if entry.title]
    for position, (entry, family) in enumerate(titled):
        if family in kinds:
            credit = 1.0 if position == 0 else credits["earlier_role"]
            when = "Your latest role" if position == 0 else "An earlier role of yours"
            return RequirementCheck(kind="role", label=label, status="met" if position == 0 else "partly", weight=weight,
                                    credit=credit, detail=f"{when}, {entry.title}, is {family} work, like this job.")
    near = next(((entry, family) for entry, family in titled
                 if any(roles_adjacent(family, kind) for kind in kinds)), None)
    if near:
        return RequirementCheck(kind="role", label=label, status="partly", weight=weight, credit=credits["adjacent_role"],
                                detail=f"Your role as {near[0].title} is {near[1]} work, close to this job's {kind}.")
    latest = titled[0][0].title if titled else ""
    if not titled:  # no role could be read: unknown, like undated years — left out, and the candidate told why
        return RequirementCheck(kind="role", label=label, status="missing", weight=0.0, credit=0.0, detail=(
            f"No role with a title could be read from your resume, so whether you have done {kind} work "
            "is left out of the coverage. Give each role its title, employer and dates on lines of their own."))
    entry_level = job.seniority in ENTRY_LEVELS
    return RequirementCheck(kind="role", label=label, status="missing", weight=0.0 if entry_level else weight, credit=0.0,
                            detail=(
        f"None of your roles is {kind} work" + (f" (your latest is {latest})" if latest else "") +
        ": show the projects or parts of your work that were." +
        (" An entry-level job does not ask for an earlier role like it, so this is left out of the coverage."
         if entry_level else "")))


# --- Mismatches a recruiter rejects on sight ------------------------------------------------------

# A pair a recruiter turns down before reading the skills (the stage, the years, the kind of work) is held under 40%,
# whatever the skills: "60% match" would not be true of it. Only where the evidence is clear on both sides.
MISMATCH_CEILING = 35
# Fewer than this share of the years a posting states is a different stage of career ("about 1" where 5+ are asked);
# a third or more is left to the years check, which gives it partial credit.
YEARS_FAR_SHORT = 1 / 3
YEARS_FOR_A_STAGE = 3  # "1–2 years" in a junior posting is no stage of career to be short of
SENIOR_LEVELS = frozenset({"senior", "lead", "principal"})
STUDENT_YEARS = 3  # a resume with a first degree in progress and fewer dated years than this (or the years asked)
_FIRST_DEGREE = "bachelor"


def _years_in_words(years: float) -> str:
    return "less than a year" if years < 1 else f"about {_plural(round(years), 'year')}"


def _families(title: str) -> set[str]:
    """Every kind of work a title names: one for "Lecturer", two for "Web Designer & SEO Specialist"."""
    return {family for pattern, family, _ in knowledge().role_patterns if pattern.search(title or "")}


def _years_far_short(job: JobRequirements, resume: ParsedResume) -> str:
    wanted, found = job.years_required, years_beyond_school(resume)
    if not wanted or wanted < YEARS_FOR_A_STAGE or found is None or found >= wanted * YEARS_FAR_SHORT:
        return ""  # no years stated, a junior's few, or no dates read: unsure, so no ceiling
    if any(entry.title and not entry.start for entry in resume.experience):
        return ""  # a role whose dates could not be read may hold the missing years
    return f"The job asks for {wanted}+ years and your resume shows {_years_in_words(found)}"


# Work done while at secondary school (a summer research project, a school's website) is not years in a job: an
# education entry at a school below university names when that time ended.
_SECONDARY_SCHOOL_RE = re.compile(
    r"\b(?:high school|secondary school|secondary education|sixth form|gymnasium|lyc[eé]e|a[- ]levels?|gcses?|"
    r"matriculation|baccalaur[eé]at|abitur)\b", re.IGNORECASE)


def _school_end(resume: ParsedResume) -> str | None:
    """When the candidate left secondary school ("YYYY-MM"), from a dated school entry in the education, or None."""
    ends = [found.end for entry in resume.education
            if _SECONDARY_SCHOOL_RE.search(f"{entry.degree} {entry.institution}")
            and (found := find_range(entry.dates or "")) is not None and found.end]
    return max(ends) if ends else None


def years_beyond_school(resume: ParsedResume) -> float | None:
    """The resume's dated years without the roles held while at secondary school: those that end in or before the year
    school did (a school's dates are often years alone, and the summer after it is not a career either)."""
    found, school_end = resume.years_experience, _school_end(resume)
    if found is None or school_end is None:
        return found
    at_school = [(entry.start, entry.end) for entry in resume.experience
                 if entry.start and entry.end and entry.end[:4] <= school_end[:4]]
    return max(0.0, round(found - (years_of_experience(at_school) or 0.0), 1)) if at_school else found


def _student_for_experienced_role(job: JobRequirements, resume: ParsedResume) -> str:
    """A student's resume for a senior role, or for any role past entry level that asks for years of work a stage of
    career long: the highest degree is still in progress and the years of work (school-age work not counted) are
    fewer than the posting asks."""
    asks_a_stage = job.seniority not in ENTRY_LEVELS and (job.years_required or 0) >= YEARS_FOR_A_STAGE
    if job.seniority not in SENIOR_LEVELS and not asks_a_stage:
        return ""
    degrees = [(degree_level(entry.degree), entry) for entry in resume.education]
    degrees = [(level, entry) for level, entry in degrees if level_at_least(level, _FIRST_DEGREE)]
    if not degrees:
        return ""
    highest = max(DEGREE_ORDER.index(level) for level, _ in degrees)
    studying = [entry for level, entry in degrees if in_progress(entry) and DEGREE_ORDER.index(level) == highest]
    held = [entry for level, entry in degrees if not in_progress(entry) and DEGREE_ORDER.index(level) == highest]
    if not studying or held:  # the highest degree is not in progress, or one of its level is already held
        return ""
    found = years_beyond_school(resume)
    if found is None or found >= max(job.years_required or 0, STUDENT_YEARS):
        return ""  # no dates read, or years of work beside the studies: not clearly a student's resume
    role = f"a {job.seniority} role" if job.seniority in SENIOR_LEVELS else f"a role asking {job.years_required}+ years"
    return f"The posting is for {role} and your resume is a student's (your {studying[0].degree} is still in progress)"


# A resume that says its writer is in the first year of a university degree: "1st year", "first-year", "freshman",
# "1 курс" (the Russian for first year at university); a first year of a shorter diploma may already be its penultimate.
_FIRST_YEAR_RE = re.compile(r"\b(?:1st|first)[- ]year\b|\bfreshman\b|\byear 1\b|(?<!\d)1\s*курс", re.IGNORECASE)
_UNIVERSITY_RE = re.compile(r"\buniversity\b|\bbachelor|университет|бакалавр", re.IGNORECASE)


def _first_year_for_final_years(job: JobRequirements, resume: ParsedResume) -> str:
    if not job.final_years_only or job.seniority not in ENTRY_LEVELS:
        return ""  # "prepare final-year students for their exams" in a teacher's posting is no student programme
    for entry in resume.education:
        said = " ".join(part for part in (entry.degree, entry.dates) if part)
        place = " ".join((said, entry.institution, *(other.degree for other in resume.education)))
        if _FIRST_YEAR_RE.search(said) and (_UNIVERSITY_RE.search(place) or level_at_least(degree_level(place), _FIRST_DEGREE)):
            return (f"The posting is for students in their final years and graduates, and your resume says you are in "
                    f"the first year of your degree ('{said}')")
    return ""


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def _words_of_kind(family: str) -> set[str]:
    """The words of the titles that name this kind of work or a neighbouring one ("software", "developer", "data"…)."""
    return {word for pattern, other, _ in knowledge().role_patterns
            if other == family or roles_adjacent(other, family) for word in _words(pattern.pattern.replace("\\", " "))}


def _other_kind_of_work(job: JobRequirements, resume: ParsedResume) -> str:
    if job.seniority in ENTRY_LEVELS or _families(job.title) != {job.role_family} or not job.role_family:
        return ""  # a student's job, or a title naming no kind of work or two ("Web Designer & SEO Specialist")
    titled = [entry.title for entry in resume.experience if entry.title]
    if not titled or len(_families(titled[0])) != 1:
        return ""  # the latest role's kind is unknown or unclear: unsure
    latest = next(iter(_families(titled[0])))
    if any(family == job.role_family or roles_adjacent(family, job.role_family)
           for title in titled for family in _families(title)):
        return ""
    near = _words_of_kind(job.role_family)
    if any(word == hint or len(hint) > 3 and word.startswith(hint)
           for title in titled if not _families(title) for word in _words(title) for hint in near):
        return ""  # "Software Engineering Intern", "Engineering Manager": named by no pattern, but maybe this kind
    return (f"The work is of another kind: this job is {job.role_family} work, your role as {titled[0]} is "
            f"{latest} work, and none of your roles is {job.role_family} work or close to it")


PLACEHOLDERS = Path(__file__).resolve().parent / "data" / "placeholders.json"


@functools.lru_cache(maxsize=1)
def _placeholder_names() -> frozenset[str]:
    return frozenset(json.loads(PLACEHOLDERS.read_text(encoding="utf-8"))["names"])


def _template_sample(resume: ParsedResume) -> str:
    """A resume under a template's sample name ("John Doe"): the template's example, not someone's application.
    (Addresses at the domains kept for examples are not a sign: tests and demonstrations use them for real-looking
    people.)"""
    if " ".join(resume.contact.name.lower().split()) not in _placeholder_names():
        return ""
    return (f"Your resume still carries a template's sample name ('{resume.contact.name}'), which a recruiter reads "
            "as the template's example rather than an application")


def mismatch(job: JobRequirements, resume: ParsedResume) -> list[str]:
    """The plain reasons, if any, a recruiter would turn this resume down for this job before weighing its skills:
    a template's sample details still in place, far fewer years than the posting states, a student's resume for a
    senior role, a first-year student for a job for final-year students and graduates, or another kind of work."""
    reasons = (_template_sample(resume), _years_far_short(job, resume), _student_for_experienced_role(job, resume),
               _first_year_for_final_years(job, resume), _other_kind_of_work(job, resume))
    return [reason for reason in reasons if reason]
