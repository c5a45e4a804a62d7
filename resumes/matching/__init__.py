"""How well a resume covers a job: each requirement checked with the resume's own words, and three things to do.

Deterministic: the same resume and job always give the same report, word for word.

    match_report(resume=..., job=...) -> MatchReport
    rank(reports) -> the reports ordered as a recruiter would read the resumes for one job
"""

import re

from resumes.matching.evidence import add_degree_proofs, add_inflected_proofs, find_proofs
from resumes.matching.requirements import (
    MISMATCH_CEILING,
    SkillResult,
    check_degree,
    check_role,
    check_skill,
    check_years,
    job_kinds,
    mismatch,
    skill_requirements,
)
from resumes.matching.suggestions import Gaps, suggestions
from resumes.reading.knowledge import knowledge
from resumes.reading.schemas import JobRequirements, MatchReport, ParsedResume, RequirementCheck
from resumes.reading.taxonomy import get_taxonomy

__all__ = ["match_report", "rank"]


def match_report(*, resume: ParsedResume, job: JobRequirements) -> MatchReport:
    """Which of the job's requirements the resume meets (with the sentences that show it), which are missing,
    coverage 0–100 with how it was computed in words, and exactly three concrete suggestions."""
    proofs = find_proofs(resume)
    add_inflected_proofs(resume, [*job.skills_required, *job.skills_nice], proofs)
    add_degree_proofs(resume, [*job.skills_required, *job.skills_nice], proofs)
    results = [check_skill(requirement, proofs) for requirement in skill_requirements(job)]
    unbacked = _unbacked(results, resume)
    if unbacked:
        results = _listed_counting_less(results)
    checks = [check for check in (check_years(job, resume), check_degree(job, resume), check_role(job, resume)) if check]
    checks = _years_in_kind(checks, job)
    matched = [result.match for result in results if result.match is not None]
    missing_required = [r.requirement.name for r in results if r.match is None and r.requirement.required]
    missing_nice = [r.requirement.name for r in results if r.match is None and not r.requirement.required]
    coverage, explained = _held_under(*_coverage(results, checks, unbacked=unbacked), mismatch(job, resume))
    key_terms_missing = _absent_skills(job, resume)
    return MatchReport(
        matched=matched,
        missing_required=missing_required,
        missing_nice=missing_nice,
        coverage=coverage,
        coverage_explained=explained,
        suggestions=suggestions(Gaps(resume=resume, job=job, proofs=proofs, matched=matched,
                                     missing_required=missing_required, missing_nice=missing_nice, checks=checks,
                                     key_terms_missing=key_terms_missing)),
        checks=checks,
        key_terms_missing=key_terms_missing,
    )


def rank(reports: list[tuple[object, MatchReport]]) -> list[tuple[object, MatchReport]]:
    """(item, report) pairs best first: by coverage, then by required requirements met, then fewer missing."""
    def key(pair: tuple[object, MatchReport]) -> tuple:
        report = pair[1]
        shown = sum(1 for match in report.matched if match.required and match.strength == "shown")
        return (-report.coverage, len(report.missing_required), -shown)

    return sorted(reports, key=key)


def _held_under(coverage: float, explained: str, reasons: list[str]) -> tuple[float, str]:
    """A pair a recruiter turns down on its stage, its years or its kind of work is held at `MISMATCH_CEILING` at
    most, and the reason comes first in the explanation."""
    if not reasons:
        return coverage, explained
    said = "; ".join(reasons)
    if coverage <= MISMATCH_CEILING:
        return coverage, f"{said}. {explained}"
    return float(MISMATCH_CEILING), (
        f"{said}, so the match is held at {MISMATCH_CEILING}% whatever the skills (they alone would give "
        f"{coverage:g}%). {explained}")


OTHER_WORK_YEARS = 0.5  # how much a year of another kind of work counts towards the years a job asks for


def _years_in_kind(checks: list[RequirementCheck], job: JobRequirements) -> list[RequirementCheck]:
    """Years asked are years of this kind of work: when none of the roles is of the job's kind, the dated years count
    half (ten years as a product manager are not three years of full-stack work; the role titles the reader finds are
    not always the whole story, so they are not thrown away)."""
    years = next((check for check in checks if check.kind == "years" and check.weight), None)
    role = next((check for check in checks if check.kind == "role"), None)
    if years is None or role is None or role.status != "missing" or not years.credit:
        return checks
    limited = years.model_copy(update={
        "credit": round(years.credit * OTHER_WORK_YEARS, 2), "status": "partly",
        "detail": years.detail + f" None of your roles is {' or '.join(job_kinds(job))} work, so they count half.",
    })
    return [limited if check is years else check for check in checks]


# A skills list is the candidate's word, believed as far as their roles and projects back it: when not one of the
# job's required skills is shown in a role or project, a skill only listed counts this share of what it would.
UNBACKED_LIST = 0.5


def _unbacked(results: list[SkillResult], resume: ParsedResume) -> bool:
    """Whether the resume has roles or projects and none of them shows any of the job's required (not soft) skills
    (a resume from which no role or project could be read is not judged so: what would back its list is unknown)."""
    core = [r for r in results if r.requirement.required and not r.requirement.soft]
    if not core or not (resume.experience or resume.projects or resume.sections.get("projects")):
        return False
    return not any(r.match is not None and r.match.strength == "shown" for r in core)


def _listed_counting_less(results: list[SkillResult]) -> list[SkillResult]:
    """The results, with skills only listed counting `UNBACKED_LIST` of their credit, for a list nothing backs (a
    clerk whose skills section names HTML, CSS and JavaScript, with no project or role that uses any of them)."""
    return [SkillResult(r.requirement, r.match, round(r.credit * UNBACKED_LIST, 2))
            if r.match is not None and r.match.strength == "listed" else r for r in results]


def _percent(part: float, whole: float) -> int:
    return int(100 * part / whole + 0.5) if whole else 0


# Nice-to-haves never count against a candidate, as a recruiter reads them: met, they close this share of what the
# required part left open (all of them met take 70% to 79%, none leave it at 70%).
NICE_BONUS = 0.3


def _coverage(results: list[SkillResult], checks: list[RequirementCheck], *, unbacked: bool) -> tuple[float, str]:
    """(coverage 0–100, the sentence that says how it was computed with these numbers).

    The required part is the required skills and the checks (years, degree, kind of role) by their weights; soft
    skills ("communication") are left to the interview, since a resume can claim them but not show them, and a check
    the resume cannot answer (no dates to count years by) weighs nothing. The nice-to-haves then close part of what
    is left open (`NICE_BONUS`): having them raises the score, lacking them never lowers it."""
    core = [r for r in results if r.requirement.required and not r.requirement.soft]
    soft = [r for r in results if r.requirement.required and r.requirement.soft]
    nice = [r for r in results if not r.requirement.required and not r.requirement.soft]
    counted = [check for check in checks if check.weight]
    total = sum(r.requirement.weight for r in core) + sum(check.weight for check in counted)
    nice_total = sum(r.requirement.weight for r in nice)
    if not total and not nice_total:
        if soft:
            return 0.0, (
                f"The job posting names only soft skills ({', '.join(r.requirement.name for r in soft)}), which a resume "
                "cannot show, so there is nothing to measure coverage against (0%); show them in the interview")
        return 0.0, (
            "The job posting names no skills we recognise, so there is nothing to measure coverage against (0%); "
            "read the posting and compare it with your resume yourself"
        )
    nice_share = sum(r.requirement.weight * r.credit for r in nice) / nice_total if nice_total else 0.0
    if total:
        base = _required_part(core, counted)
        value = base + (1 - base) * NICE_BONUS * nice_share
    else:
        base, value = nice_share, nice_share
    score = int(100 * value + 0.5)
    listed = f"counting {int(100 * knowledge().credits['listed'] * (UNBACKED_LIST if unbacked else 1) + 0.5)}%"
    why = ", since no role or project shows any of the required skills" if unbacked else ""
    parts = [part for part in (_skills_part(core, required=True, listed=listed + why),
                               _skills_part(nice, required=False, listed=listed)) if part]
    parts += [f"{check.label}: {_STATUS[check.status] if check.weight else 'not counted'}" for check in checks]
    if soft:
        parts.append(f"{_names(soft)} left to the interview")
    if total and nice_total:
        return float(score), "; ".join(parts) + (
            f" — the required part comes to {int(100 * base + 0.5)}%, and the nice-to-haves you have raise it to {score}%"
            if score > int(100 * base + 0.5) else f" — weighed together, {score}% (nice-to-haves only raise it)")
    return float(score), "; ".join(parts) + f" — weighed together, {score}%"


_STATUS = {"met": "met", "partly": "partly met", "missing": "not met"}

# How much each kind of requirement weighs in the required part, whatever the number of skills a posting lists: a
# recruiter reads the skills as one question, the years and the kind of role as two more.
PILLARS = {"skills": 0.55, "years": 0.2, "role": 0.15, "degree": 0.1}


def _required_part(core: list[SkillResult], counted: list[RequirementCheck]) -> float:
    weights = knowledge().weights
    parts: list[tuple[float, float]] = []  # (weight, credit)
    skills_total = sum(r.requirement.weight for r in core)
    if skills_total:
        parts.append((PILLARS["skills"], sum(r.requirement.weight * r.credit for r in core) / skills_total))
    for check in counted:
        full = weights["degree_required"] if check.kind == "degree" else weights[check.kind]
        parts.append((PILLARS[check.kind] * check.weight / full, check.credit))
    return sum(weight * credit for weight, credit in parts) / sum(weight for weight, _ in parts)


def _names(results: list[SkillResult]) -> str:
    names = [r.requirement.name for r in results]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} ({'a soft skill' if len(names) == 1 else 'soft skills'})"


def _skills_part(mine: list[SkillResult], *, required: bool, listed: str) -> str:
    if not mine:
        return ""
    counts = {"shown": 0, "listed": 0, "related": 0}
    for result in mine:
        if result.match is not None:
            counts[result.match.strength] += 1
    missing = sum(1 for r in mine if r.match is None)
    label = ("required skill" if required else "nice-to-have") + ("" if len(mine) == 1 else "s")
    pieces = [f"{counts['shown']} shown in your roles or projects"]
    if counts["listed"]:
        pieces.append(f"{counts['listed']} only listed ({listed})")
    if counts["related"]:
        pieces.append(f"{counts['related']} through a related skill (counting half or more)")
    pieces.append(f"{missing} missing")
    return f"{len(mine)} {label}: " + ", ".join(pieces)


def _absent_skills(job: JobRequirements, resume: ParsedResume) -> list[str]:
    """The skills and tools the job asks for, by name, that the resume never names — even when it shows them another
    way (PostgreSQL for "SQL"): a screening tool looks for the word. Only skills and tools: the posting's other words
    ("people's lives", "san francisco", "talented") are not something to add to a resume."""
    taxonomy = get_taxonomy()
    on_resume = {name for _, _, name in taxonomy.find_spans(resume.text or "")}
    on_resume |= {skill.name for skill in resume.skills}
    words = {word.lower() for word in re.findall(r"[A-Za-z]{4,}", resume.text or "")}
    return [name for name in dict.fromkeys([*job.skills_required, *job.skills_nice])
            if name not in on_resume and not _named_in_another_form(name, words)]


def _named_in_another_form(skill: str, words: set[str]) -> bool:
    """Whether every word of a skill's name starts a word of the resume by its stem: "Teaching" is named by
    "Science Teacher", "Product Strategy" by "product strategies" (a search for the word finds them)."""
    from resumes.matching.evidence import _stem

    parts = re.findall(r"[A-Za-z]+", skill.lower())
    stems = [_stem(part) for part in parts]
    return bool(parts) and all(len(stem) >= 4 and any(word.startswith(stem) for word in words) for stem in stems)
