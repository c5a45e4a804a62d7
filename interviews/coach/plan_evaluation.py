"""The coach's plans on real people (`manage.py evaluate_coach`): every corpus resume against its posting.

The postings and pairs in `evaluation_data/` were written by a separate author before the coach was
changed; a third of them (`split: held_out`) was kept aside from tuning, and the figures that count are
those. Each resume is read by the real reader and planned for (8 questions), then everything the coach
writes for it — the plan, the cheatsheet (opener, strengths, gaps, stories, "also likely" questions,
questions to ask) and a follow-up to a thin and to a "we" answer of each question — goes through:

* the one fluency check (`fluency.problems`, with the resume and posting as sources) plus the plan seams
  a careful coach would be embarrassed by (the candidate's own name or a phone number as a name);
* a field check: the coach's own words (quotes taken out) may not carry another field's words
  (`data/evaluation/field_markers.toml`), and the field the coach chose must be the posting's label;
* a false-gap check: a claim that a skill is "not on your resume" is false when the resume's text holds
  the skill, one of its aliases, or all of its words by stem ("Developing product strategies" shows
  Product Strategy), or when the reader's truth file for that resume lists it.
"""

import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

from interviews.coach import fluency, library
from interviews.coach import phrasing as P
from interviews.coach import text as T
from interviews.coach.base import Coach, CoachError
from interviews.coach.schemas import PlanOptions

DATA = Path(__file__).resolve().parent / "evaluation_data"
SAMPLE_SIZE = 60
MIN_QUESTIONS = 320
SAMPLE_SEED = 20261211  # the latest reading (README, "Measuring the coach's plans"); a new reading takes a new seed
THIN_ANSWER = "I did that at my last job and it went fine."
WE_ANSWER = ("We had a hard deadline, so we split the work, we used the tools we had and we delivered it on time. "
             "The team was happy with how it went.")
# Words by which the coach claims a skill is absent (a claim it must be able to stand behind).
CLAIMS = ("doesn't mention", "does not mention", "not on your resume", "haven't used", "doesn't show",
          "does not show", "no evidence")


class Pair(BaseModel):
    resume: str
    posting: str
    fit: bool
    why: str = ""
    split: str


class WrittenText(BaseModel):
    where: str  # "Q3", "likely 2", "opener", "gap Figma", "follow-up Q2"
    text: str
    question: bool = False  # a question put to the candidate (counted towards the total)
    seams: list[str] = Field(default_factory=list)
    wrong_field: list[str] = Field(default_factory=list)


class PlanRun(BaseModel):
    resume: str
    posting: str
    split: str
    field: str  # the posting's label
    coach_field: str = ""
    refused: str = ""  # why the reader refused the resume, when it did
    texts: list[WrittenText] = Field(default_factory=list)
    false_gaps: list[str] = Field(default_factory=list)

    @property
    def questions(self) -> int:
        return sum(1 for t in self.texts if t.question)

    @property
    def seams(self) -> int:
        return sum(len(t.seams) for t in self.texts)

    @property
    def wrong_field(self) -> int:
        return sum(len(t.wrong_field) for t in self.texts) + (self.field != self.coach_field and not self.refused)


class SplitTotals(BaseModel):
    plans: int = 0
    refused: int = 0
    questions: int = 0
    texts: int = 0
    seams: int = 0
    wrong_field: int = 0
    false_gaps: int = 0
    field_right: int = 0


class CorpusReport(BaseModel):
    runs: list[PlanRun]
    totals: dict[str, SplitTotals]  # "held_out", "tune", "all"
    sample: list[tuple[str, str]]  # (resume, question) for a human read

    def failures(self, *, whole: bool = True) -> list[str]:
        """What fails the targets: any seam, wrong-field text or false gap in the held-out third; with the `whole`
        corpus, fewer than 320 questions in all."""
        held = self.totals.get("held_out", SplitTotals())
        failed = []
        if held.seams or held.wrong_field or held.false_gaps:
            failed.append(f"held-out plans: {held.seams} seams, {held.wrong_field} wrong-field, {held.false_gaps} false gaps")
        if whole and self.totals["all"].questions < MIN_QUESTIONS:
            failed.append(f"only {self.totals['all'].questions} questions in all (at least {MIN_QUESTIONS} wanted)")
        return failed


def load_pairs() -> list[Pair]:
    return [Pair.model_validate(item) for item in json.loads((DATA / "pairs.json").read_text())["pairs"]]


@cache
def posting_fields() -> dict[str, str]:
    return dict(json.loads((DATA / "postings" / "SPLIT.json").read_text())["field"])


def posting_text(posting: str) -> str:
    return (DATA / "postings" / f"{posting}.txt").read_text(encoding="utf-8")


# --- Field check -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Markers:
    patterns: dict[str, re.Pattern]
    shares: dict[str, tuple[str, ...]]


@cache
def _markers() -> _Markers:
    data = library.load("evaluation/field_markers")
    patterns = {
        name: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])",
                         re.IGNORECASE)
        for name, words in data["markers"].items()
    }
    return _Markers(patterns=patterns, shares={name: tuple(v) for name, v in data["shares"].items()})


def _own_words(text: str) -> str:
    """The coach's own words: quotes of the resume or posting taken out."""
    return re.sub(r"“[^“”]*”|\"[^\"]*\"", " ", text)


def wrong_field(text: str, field: str, *, allowed: str = "") -> list[str]:
    """Another field's words in the coach's own words of `text`, for a posting of `field` ("nursing: patient")."""
    markers = _markers()
    fair = {field, *markers.shares.get(field, ())}
    said = _own_words(text)
    if allowed:
        said = re.sub(re.escape(allowed), " ", said, flags=re.IGNORECASE)
    found = []
    for name, pattern in markers.patterns.items():
        if name in fair:
            continue
        match = pattern.search(said)
        if match:
            found.append(f"{name}: {match.group(0)}")
    return found


# --- False gaps ---------------------------------------------------------------------------------------------------

def _truth_skills(resume_file: str) -> list[str]:
    """The skills the reader's truth file for a corpus resume lists (an independent record of what it says)."""
    from resumes import reading

    path = Path(reading.__file__).resolve().parent / "corpus_truth" / f"{Path(resume_file).stem}.json"
    if not path.is_file():
        return []
    return [str(s) for s in json.loads(path.read_text(encoding="utf-8")).get("skills", [])]


_DERIVED = ("ship", "ership", "er", "ers", "or", "ors", "ing", "ion", "ions", "ive", "al", "ally", "ment", "e", "ed",
            "y", "ies", "ity", "ial", "ic", "ical", "ise", "ize", "ised", "ized")


def _stems(text: str) -> list[str]:
    return [T.stem(w) if len(w) >= 3 else w.lower() for w in T.words(text) if w.lower() not in T.STOPWORDS]


def _same_stem(a: str, b: str) -> bool:
    """One word, however it is inflected or derived ("lead", "leadership"; "strategy", "strategies")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and long[len(short):] in _DERIVED


def _has_words(wanted: list[str], text: str) -> bool:
    have = _stems(text)
    return bool(wanted) and all(any(_same_stem(w, h) for h in have) for w in wanted)


def resume_evidence(skill: str, resume_text: str, truth: list[str] = ()) -> str:
    """Where the resume shows `skill` in some wording ("" when it plainly does not): its name or an alias, all its
    words by stem in one line, or the reader's truth file listing it."""
    from resumes.reading.taxonomy import get_taxonomy

    entry = get_taxonomy().skills.get(skill)
    for name in (skill, *(entry.aliases if entry else ())):
        if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", resume_text, re.IGNORECASE):
            return name
    wanted = _stems(skill)
    for line in [*resume_text.splitlines(), *truth]:
        if _has_words(wanted, line):
            return line.strip()
    return ""


def _claimed_skills(text: str, skill: str) -> list[str]:
    """The skills a text claims are absent: its own skill when it has one, else those named before the claim."""
    lower = text.lower()
    if not any(claim in lower for claim in CLAIMS):
        return []
    if skill:
        return [skill]
    from interviews.coach import reading

    at = min(lower.find(claim) for claim in CLAIMS if claim in lower)
    return list(dict.fromkeys(name for start, end, name in reading.mentions(text[:at])))


# --- One run -------------------------------------------------------------------------------------------------------

def _seams(text: str, sources: fluency.Sources, resume, *, kind: str) -> list[str]:
    found = [p.message for p in fluency.problems(text, sources=sources, kind=kind)]
    name = resume.contact.name.strip()
    if name and len(name.split()) >= 2 and name in _own_words(text):
        found.append("the candidate's own name where an employer or title belongs")
    if re.search(r"\(?\+?\d[\d\s().‐‑–-]{7,}\d", _own_words(text)):
        found.append("a phone number")
    return found


def _coach_field(materials) -> str:
    from interviews.coach.facts import interview_facts

    return interview_facts(materials.resume, materials.job, materials.match).field.id


def run_pair(coach: Coach, pair: Pair, corpus: Path) -> PlanRun:
    from interviews.coach.evaluation_scoring import corpus_materials

    field = posting_fields().get(pair.posting, "")
    run = PlanRun(resume=pair.resume, posting=pair.posting, split=pair.split, field=field)
    job_text = posting_text(pair.posting)
    try:
        materials = corpus_materials(corpus / pair.resume, job_text=job_text)
    except CoachError as exc:
        run.refused = str(exc)
        return run
    resume, job, match = materials.resume, materials.job, materials.match
    run.coach_field = _coach_field(materials)
    # What the resume and posting say, as the reader read them: a quote must be a whole line or bullet of these.
    bullets = "\n".join(P.clean_line(line) for entry in resume.experience for line in entry.lines)
    duties = "\n".join(job.requirements.responsibilities)
    sources = fluency.Sources(texts=(resume.text, job_text, bullets, duties, "\n".join(resume.projects)))
    plan = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=8)).questions
    sheet = coach.write_cheatsheet(resume=resume, job=job, match=match, questions=plan)
    truth = _truth_skills(pair.resume)

    def add(where: str, text: str, *, question: bool = False, kind: str = "question", skill: str = "") -> None:
        if not text:
            return
        run.texts.append(WrittenText(where=where, text=text, question=question,
                                     seams=_seams(text, sources, resume, kind=kind),
                                     wrong_field=wrong_field(text, field)))
        for claimed in _claimed_skills(text, skill):
            evidence = resume_evidence(claimed, resume.text, truth)
            if evidence:
                run.false_gaps.append(f"{where}: {claimed} called missing, but the resume has “{T.clip(evidence, 80)}”")

    for n, question in enumerate(plan, start=1):
        add(f"Q{n}", question.text, question=True, skill=question.skill)
        for point in question.strong_answer_points:
            add(f"Q{n} point", point, kind="sentence")
        for label, answer in (("thin", THIN_ANSWER), ("we", WE_ANSWER)):
            probe = coach.follow_up(question=question, answer=answer, job=job)
            add(f"follow-up Q{n} ({label})", probe or "")
    add("opener", sheet.pitch, kind="paragraph")
    for strength in sheet.strengths:
        add(f"strength {strength.skill}", strength.talking_point, kind="sentence")
    for gap in sheet.gaps:
        add(f"gap {gap.skill}", gap.advice, kind="paragraph", skill=gap.skill)
    for prompt in sheet.star_prompts:
        add(f"story {prompt.competency}", prompt.prompt, kind="paragraph")
    for n, likely in enumerate(sheet.likely_questions, start=1):
        add(f"likely {n}", likely, question=True)
    for n, ask in enumerate(sheet.questions_to_ask, start=1):
        add(f"to ask {n}", ask)
    return run


def evaluate_corpus(coach: Coach, corpus: Path, *, pairs: list[Pair] | None = None) -> CorpusReport:
    """Every pair planned and checked; totals per split; a fixed-seed sample of 60 questions for a human read."""
    runs = [run_pair(coach, pair, corpus) for pair in (pairs if pairs is not None else load_pairs())]
    totals: dict[str, SplitTotals] = {}
    for key in ("held_out", "tune", "all"):
        chosen = [r for r in runs if key == "all" or r.split == key]
        totals[key] = SplitTotals(
            plans=sum(1 for r in chosen if not r.refused), refused=sum(1 for r in chosen if r.refused),
            questions=sum(r.questions for r in chosen), texts=sum(len(r.texts) for r in chosen),
            seams=sum(r.seams for r in chosen), wrong_field=sum(r.wrong_field for r in chosen),
            false_gaps=sum(len(r.false_gaps) for r in chosen),
            field_right=sum(1 for r in chosen if not r.refused and r.field == r.coach_field),
        )
    asked = [(r.resume, t.text) for r in runs for t in r.texts if t.question and t.where.startswith("Q")]
    sample = random.Random(SAMPLE_SEED).sample(asked, min(SAMPLE_SIZE, len(asked)))
    return CorpusReport(runs=runs, totals=totals, sample=sample)


def report_lines(report: CorpusReport, *, details: bool = True) -> list[str]:
    lines = ["Corpus: every corpus resume against its posting (8 questions, the cheatsheet, follow-ups)"]
    for key in ("held_out", "tune", "all"):
        t = report.totals[key]
        lines.append(f"  {key:<8} plans {t.plans:>2} (refused {t.refused})  questions {t.questions:>3}  texts {t.texts:>4}  "
                     f"seams {t.seams:>3}  wrong-field {t.wrong_field:>3}  false gaps {t.false_gaps:>3}  "
                     f"field right {t.field_right}/{t.plans}")
    if details:
        for run in report.runs:
            if run.refused:
                lines.append(f"  REFUSED {run.resume}: {run.refused}")
                continue
            if run.field != run.coach_field:
                lines.append(f"  FIELD {run.resume} ({run.posting}): the posting is {run.field}, "
                             f"the coach chose {run.coach_field}")
            for text in run.texts:
                for seam in text.seams:
                    lines.append(f"  SEAM {run.resume} {text.where}: {seam} — {T.clip(text.text, 140)}")
                for marker in text.wrong_field:
                    lines.append(f"  FIELD {run.resume} {text.where}: {marker} — {T.clip(text.text, 140)}")
            lines.extend(f"  GAP {run.resume} {gap}" for gap in run.false_gaps)
    lines += ["", f"A random {len(report.sample)} of the planned questions (seed {SAMPLE_SEED}), to read as a hiring manager:"]
    lines += [f"  {n:>2}. [{resume}] {text}" for n, (resume, text) in enumerate(report.sample, start=1)]
    return lines
