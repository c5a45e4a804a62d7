"""How well a resume covers a job: matched skills with proof, what is missing, and three things to do.

Deterministic: the same resume and job always give the same report, word for word.
"""

import re
from dataclasses import dataclass

from resumes.parsing.text import strip_bullet
from resumes.schemas import JobRequirements, MatchReport, ParsedResume, SkillMatch
from resumes.taxonomy import TECH_CATEGORIES, get_taxonomy

REQUIRED_WEIGHT = 0.8  # when a job lists both, required skills carry 80 % of the score, nice-to-haves 20 %
_QUOTE_LENGTH = 90


@dataclass(frozen=True)
class _Proof:
    lines: list[str]
    via: str = ""  # the narrower skill on the resume that proves it ("PostgreSQL" proves "SQL"), if not named itself


def _percent(part: int, whole: int) -> int:
    return int(100 * part / whole + 0.5) if whole else 0


def _quote(line: str) -> str:
    line = " ".join(line.split())
    return f"'{line}'" if len(line) <= _QUOTE_LENGTH else f"'{line[:_QUOTE_LENGTH - 1].rstrip()}…'"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _proofs(resume: ParsedResume) -> dict[str, _Proof]:
    """Every skill the resume proves: named on it, or implied by a narrower skill on it (first one wins)."""
    taxonomy = get_taxonomy()
    proofs = {skill.name: _Proof(list(skill.evidence)) for skill in resume.skills}
    for skill in resume.skills:
        for broader in taxonomy.implied(skill.name):
            proofs.setdefault(broader, _Proof(list(skill.evidence), via=skill.name))
    return proofs


def coverage_of(*, required: int, required_total: int, nice: int, nice_total: int) -> tuple[float, str]:
    """(coverage 0–100, the sentence that shows how it was computed with these numbers)."""
    if required_total and nice_total:
        value = (REQUIRED_WEIGHT * required / required_total + (1 - REQUIRED_WEIGHT) * nice / nice_total) * 100
        score = int(value + 0.5)
        return float(score), (
            f"{required} of {required_total} required ({_percent(required, required_total)} %) × {REQUIRED_WEIGHT:g} + "
            f"{nice} of {nice_total} nice-to-have ({_percent(nice, nice_total)} %) × {1 - REQUIRED_WEIGHT:.1g} = {score} %"
        )
    if required_total:
        score = _percent(required, required_total)
        return float(score), (
            f"{required} of {required_total} required ({score} %) = {score} % — the job lists no nice-to-haves, "
            "so required skills carry all the weight"
        )
    if nice_total:
        score = _percent(nice, nice_total)
        return float(score), (
            f"{nice} of {nice_total} nice-to-have ({score} %) = {score} % — the job lists no required skills, "
            "so its nice-to-haves carry all the weight"
        )
    return 0.0, (
        "The job posting names no skills we recognise, so there is nothing to measure coverage against (0 %); "
        "read the posting and compare it with your resume yourself"
    )


def match_report(*, resume: ParsedResume, job: JobRequirements) -> MatchReport:
    """Which of the job's skills the resume proves (with the lines that prove them), which are missing,
    coverage 0–100 with its formula in words, and exactly three concrete suggestions."""
    proofs = _proofs(resume)
    matched: list[SkillMatch] = []
    missing_required: list[str] = []
    missing_nice: list[str] = []
    for skills, required, missing in ((job.skills_required, True, missing_required), (job.skills_nice, False, missing_nice)):
        for skill in skills:
            proof = proofs.get(skill)
            if proof is None or not proof.lines:
                missing.append(skill)
            else:
                matched.append(SkillMatch(skill=skill, required=required, evidence=proof.lines))
    # "Strong Python or Go": with Python proven, Go is neither missing nor counted.
    have = {m.skill for m in matched}
    excused: dict[str, str] = {}
    for group in job.skills_alternatives:
        present = [skill for skill in group if skill in have]
        for skill in group:
            if present and skill in missing_required and skill not in excused:
                excused[skill] = present[0]
    missing_required = [skill for skill in missing_required if skill not in excused]
    required_total = len(job.skills_required) - len(excused)
    coverage, explained = coverage_of(
        required=required_total - len(missing_required), required_total=required_total,
        nice=len(job.skills_nice) - len(missing_nice), nice_total=len(job.skills_nice),
    )
    if excused:
        notes = _and([f"{skill} (the job accepts {alternative} instead)" for skill, alternative in excused.items()])
        explained += f"; not counted: {notes}"
    return MatchReport(
        matched=matched,
        missing_required=missing_required,
        missing_nice=missing_nice,
        coverage=coverage,
        coverage_explained=explained,
        suggestions=_suggestions(resume=resume, job=job, proofs=proofs, matched=matched,
                                 missing_required=missing_required, missing_nice=missing_nice),
    )


# --- Suggestions ------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"\d")
# What "scale" means in each field, for the suggestion to quantify a line.
_SCALE_HINTS = {
    "clinical": "patients per shift, unit size and acuity",
    "healthcare": "patients, volume and outcomes",
    "sales": "deal size, quota attainment, number of accounts",
    "customer_success": "accounts, retention or satisfaction figures",
    "finance": "budget or portfolio size, time saved, error reduced",
    "accounting": "entities, accounts or close days saved",
    "marketing": "audience, budget, conversion or growth figures",
    "hr": "hires, time to fill, retention figures",
    "education": "class size, grade levels, results",
    "operations": "volume, cost or time saved",
    "supply_chain": "volume, cost or time saved",
    "soft": "team size, people involved, result",
    "legal": "matters, contract value or turnaround",
    "design": "users, conversion or usability results",
    "product": "users, revenue or adoption figures",
    "project": "budget, team size, delivered on time",
    "business": "budget, team size, result",
}
_TECH_SCALE = "users, requests, data volume, time saved"


def _suggestions(
    *,
    resume: ParsedResume,
    job: JobRequirements,
    proofs: dict[str, _Proof],
    matched: list[SkillMatch],
    missing_required: list[str],
    missing_nice: list[str],
) -> list[str]:
    """Exactly three, most useful first: each names a skill, a resume line or a number from the job."""
    candidates: list[str] = []
    skills_lines = _plain_lines(resume.sections.get("skills", ""))
    bullets = [_plain(line) for entry in resume.experience for line in entry.lines]
    required_matches = [m for m in matched if m.required]

    # 1. The first required skill the resume does not show.
    if missing_required:
        candidates.append(
            f"{missing_required[0]} is required and not on your resume: {_if_you_have(missing_required[0])}, add a line "
            "that says where and what you did with it; if not, prepare to explain how you would learn it."
        )
    # 2. Required skills the resume shows only weakly: by a narrower skill, only in the skills list, or in one
    #    line without a number.
    for match in required_matches:
        proof = proofs[match.skill]
        lines = [line for line in proof.lines if line not in skills_lines]
        if proof.via:
            candidates.append(
                f"The job asks for {match.skill} by name; your resume shows it only through {proof.via} "
                f"({_quote(proof.lines[0])}). Name {match.skill} explicitly so a keyword search finds it."
            )
        elif not lines:
            candidates.append(
                f"Your resume lists {match.skill} only in your skills list ({_quote(proof.lines[0])}). {match.skill} is "
                "required, so add a bullet under a role that shows where you used it and what changed because of it."
            )
        elif len(lines) == 1 and not _NUMBER_RE.search(lines[0]):
            candidates.append(
                f"Your resume shows {match.skill} only in {_quote(lines[0])} — add the scale "
                f"({_SCALE_HINTS.get(get_taxonomy().category(match.skill), _TECH_SCALE)}) and the result, "
                "because the job requires it."
            )
        else:
            continue
        break
    # 3. The other missing required skills, together.
    if len(missing_required) == 2:
        candidates.append(
            f"{missing_required[1]} is also required and missing from your resume: {_if_you_have(missing_required[1])}, "
            "add where and how; if not, prepare an honest answer about how you would close the gap."
        )
    elif len(missing_required) > 2:
        candidates.append(
            f"{_and(missing_required[1:5])} are also required and missing from your resume: for each one you have "
            "used, add where and how; for the others, prepare an honest answer about how you would close the gap."
        )
    # 4. Years.
    if job.years_required and resume.years_experience is not None and resume.years_experience < job.years_required:
        candidates.append(
            f"The job asks for {job.years_required}+ years; the dated roles on your resume add up to "
            f"{resume.years_experience:g}. Make sure every relevant role (internships, freelance work) has dates, and "
            "prepare to show the depth of what you did in the time you have."
        )
    # 5. A required skill that appears only far down: the oldest role, projects or the end of the resume.
    move = _buried_required(resume, required_matches, skills_lines)
    if move:
        candidates.append(move)
    # 6. Words the posting keeps using that the resume never does.
    resume_words = {_stem(word) for word in re.findall(r"[a-z][a-z'-]+", resume.text.lower())}
    absent_terms = [term for term in job.key_terms if not any(_stem(word) in resume_words for word in term.lower().split())][:2]
    if absent_terms:
        quoted = _and([f"'{term}'" for term in absent_terms])
        candidates.append(
            f"The posting speaks of {quoted}, which your resume never mentions — if your work touched "
            f"{'it' if len(absent_terms) == 1 else 'them'}, say so in a bullet in the posting's words."
        )
    # 7. Nice-to-haves.
    if missing_nice:
        candidates.append(
            f"{_and(missing_nice[:3])} {'is a nice-to-have' if len(missing_nice[:3]) == 1 else 'are nice-to-haves'}: "
            "if you have used them, mention where; if not, leave them out and lead with the required skills."
        )
    # 8. A story to prepare around the strongest proof of the first required skill.
    for match in required_matches:
        experience_lines = [line for line in match.evidence if line in bullets]
        if experience_lines:
            candidates.append(
                f"Prepare a two-minute story behind {_quote(experience_lines[0])}: {match.skill} is one of the job's "
                "requirements, so expect to be asked what you did, how, and what changed because of it."
            )
            break
    # 9. Bullets without a number.
    unquantified = next((line for line in bullets if not _NUMBER_RE.search(line) and len(line.split()) >= 5), "")
    if unquantified:
        candidates.append(
            f"Add a number to {_quote(unquantified)} — how many people, how much money or time, how much faster — so "
            "the result is as clear as the task."
        )
    # 10. Always something to do, even for an empty match.
    title = job.title or "this role"
    candidates.append(
        f"Open your resume with a two-line summary that names the role ({title}) and the two or three strengths "
        "you would bring to it, so a recruiter sees the fit in the first seconds."
    )
    candidates.append(
        "Put your most relevant role first and end each of its bullets with a result (a number, a before and after)."
    )
    candidates.append(
        "Prepare one example for each requirement in the posting, using the situation, task, action and result."
    )
    unique: list[str] = []
    for suggestion in candidates:
        if suggestion not in unique:
            unique.append(suggestion)
    return unique[:3]


def _if_you_have(skill: str) -> str:
    category = get_taxonomy().category(skill)
    if category in TECH_CATEGORIES or category in {"design", "office", "marketing", "sales"}:
        return "if you have used it"
    if category == "soft":
        return "if your work has shown it"
    return "if you have done it"


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _plain(line: str) -> str:
    """A resume line as skills evidence quotes it: no bullet, tabs shown as two spaces."""
    return strip_bullet(line).replace("\t", "  ").strip()


def _plain_lines(text: str) -> set[str]:
    return {_plain(line) for line in text.split("\n") if line.strip()}


def _buried_required(resume: ParsedResume, required: list[SkillMatch], skills_lines: set[str]) -> str:
    """A suggestion to move up a line that proves a required skill but sits in an older role or only in projects."""
    if len(resume.experience) < 2:
        return ""
    # Lines a reader sees first: the headline, the summary, the skills list and the most recent role.
    prominent = {_plain(line) for line in resume.experience[0].lines} | skills_lines
    prominent |= _plain_lines(resume.sections.get("summary", "")) | {_plain(resume.headline)}
    for match in required:
        if any(line in prominent for line in match.evidence):
            continue
        for entry in resume.experience[1:]:
            entry_lines = {_plain(line) for line in entry.lines}
            line = next((line for line in match.evidence if line in entry_lines), None)
            if line:
                where = f"your {entry.company} role" if entry.company else "an earlier role"
                when = f" ({entry.dates})" if entry.dates else ""
                return (
                    f"Move {_quote(line)} up: {match.skill} is required, but your resume first shows it in {where}{when}. "
                    "Mention it in your summary or your most recent role."
                )
        project_lines = _plain_lines(resume.sections.get("projects", ""))
        line = next((line for line in match.evidence if line in project_lines and line not in skills_lines), None)
        if line:
            return (
                f"Move {_quote(line)} up: {match.skill} is required, but it only appears in your projects. "
                "Say in your summary or a role where you have used it."
            )
    return ""
