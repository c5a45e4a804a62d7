"""How well the parser reads a folder of resumes whose truth is known, field by field and per layout family.

A folder holds resume files (`.pdf`, `.docx`, `.txt`) and, beside each, a truth file with the same stem
(`jane.pdf` + `jane.json`; a `.docx` and a `.pdf` of one resume share one truth file):

    {"family": "moderncv", "name": "…", "email": "…", "phone": "…", "location": "City, Region",
     "address": "…", "links": ["…"], "headline": "…",
     "roles": [{"title": "…", "employer": "…", "start": "YYYY-MM", "end": "YYYY-MM" | "present"}],
     "degrees": [{"degree": "…", "school": "…", "year": "YYYY"}],
     "skills": ["canonical taxonomy names"]}

An optional `<stem>.pdftotext.txt` (what poppler's `pdftotext` reads from the PDF, saved once) lets the
evaluation measure word spacing without poppler installed: the share of its words that the parser's
text holds, word for word. Missing truth keys are not scored.
"""

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from resumes.reading import ResumeRejected, parse_resume_file
from resumes.reading.dates import find_point, find_range
from resumes.reading.schemas import ParsedResume

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "resumes"
SUFFIXES = (".pdf", ".docx", ".txt")
# Column order of the report; each is a share of checks passed.
FIELDS = (
    "name", "email", "phone", "location", "address", "links", "headline", "roles", "titles", "employers", "dates",
    "degrees", "schools", "years", "skills", "spacing",
)
_HYPHENS_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
_WORD_RE = re.compile(r"\w+(?:['’.@/:-]\w+)*")


@dataclass
class Score:
    passed: int = 0
    total: int = 0

    def add(self, ok: bool, weight: int = 1) -> None:
        self.passed += weight if ok else 0
        self.total += weight

    def merge(self, other: "Score") -> None:
        self.passed += other.passed
        self.total += other.total

    @property
    def share(self) -> float | None:
        return self.passed / self.total if self.total else None


@dataclass
class FileResult:
    path: Path
    family: str
    scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in FIELDS})
    misses: list[str] = field(default_factory=list)  # "titles: expected 'X', read 'Y'"
    refused: str = ""


@dataclass
class Evaluation:
    files: list[FileResult]

    def families(self) -> dict[str, dict[str, Score]]:
        """Scores summed per family (in first-seen order), then "all"."""
        out: dict[str, dict[str, Score]] = {}
        for result in self.files:
            for key in (result.family, "all"):
                totals = out.setdefault(key, {name: Score() for name in FIELDS})
                for name, score in result.scores.items():
                    totals[name].merge(score)
        if "all" in out:
            out["all"] = out.pop("all")
        return out

    def file_counts(self) -> Counter[str]:
        return Counter(result.family for result in self.files) + Counter({"all": len(self.files)})


def normalise(text: str | None) -> str:
    """Text compared as a reader would: same letters, any hyphen, any quote, any spacing, no trailing dot."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _HYPHENS_RE.sub("-", text).replace("’", "'").replace("‘", "'").replace("∙", "·").replace("•", "·")
    text = " ".join(text.casefold().split())
    return text.strip(" .,;:|·•")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _year(dates: str) -> str:
    found = find_range(dates or "")
    if found is not None:
        return (found.end or found.start or "")[:4] if not found.current else "present"
    point = find_point(dates or "")
    years = re.findall(r"(?:19|20)\d\d", point[0]) if point else []
    return years[-1] if years else ""


def evaluate_file(path: Path, truth: dict) -> FileResult:
    family = truth.get("family", "unknown") + (" (.docx)" if path.suffix == ".docx" else "")
    result = FileResult(path=path, family=family)
    try:
        parsed = parse_resume_file(path, time_limit=60)
    except ResumeRejected as rejected:
        result.refused = rejected.message
        for name in FIELDS:
            if name != "spacing":
                result.scores[name].add(False)
        return result
    _score_contact(result, parsed, truth)
    _score_roles(result, parsed, truth.get("roles"))
    _score_degrees(result, parsed, truth.get("degrees"))
    if "skills" in truth:
        found = {name.casefold() for name in parsed.skill_names()}
        for skill in truth["skills"]:
            ok = skill.casefold() in found
            result.scores["skills"].add(ok)
            if not ok:
                result.misses.append(f"skills: {skill} not found")
    reference = path.with_name(path.stem + ".pdftotext.txt")
    if path.suffix == ".pdf" and reference.exists():
        share, total = spacing_agreement(parsed.text, reference.read_text(encoding="utf-8"))
        result.scores["spacing"].passed, result.scores["spacing"].total = round(share * total), total
    return result


def spacing_agreement(ours: str, reference: str) -> tuple[float, int]:
    """(share of the reference's words that our text has word for word, number of reference words)."""
    mine = Counter(_words(ours))
    theirs = Counter(_words(reference))
    total = sum(theirs.values())
    if not total:
        return 1.0, 0
    return sum((mine & theirs).values()) / total, total


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(_HYPHENS_RE.sub("-", unicodedata.normalize("NFKC", text)).casefold())


def _check(result: FileResult, name: str, expected: str, read: str, ok: bool) -> None:
    result.scores[name].add(ok)
    if not ok:
        result.misses.append(f"{name}: expected {expected!r}, read {read!r}")


def _score_contact(result: FileResult, parsed: ParsedResume, truth: dict) -> None:
    contact = parsed.contact
    if "name" in truth:
        _check(result, "name", truth["name"], contact.name, normalise(contact.name) == normalise(truth["name"]))
    if "email" in truth:
        _check(result, "email", truth["email"], contact.email, normalise(contact.email) == normalise(truth["email"]))
    if "phone" in truth:
        _check(result, "phone", truth["phone"], contact.phone, _digits(contact.phone) == _digits(truth["phone"]))
    if truth.get("location"):
        _check(result, "location", truth["location"], contact.location,
               normalise(contact.location) == normalise(truth["location"]))
    if truth.get("address"):
        _check(result, "address", truth["address"], contact.address, normalise(contact.address) == normalise(truth["address"]))
    if "headline" in truth:
        _check(result, "headline", truth["headline"], parsed.headline, normalise(parsed.headline) == normalise(truth["headline"]))
    links = [normalise(link) for link in contact.links]
    for link in truth.get("links", []):
        ok = any(normalise(link) in found for found in links)
        _check(result, "links", link, ", ".join(contact.links), ok)


def _same_date(expected: str, entry_start: str | None, entry_end: str | None, current: bool, which: str) -> bool:
    if which == "end" and expected == "present":
        return current
    return (entry_start if which == "start" else entry_end) == expected


def _role_closeness(entry, role: dict) -> int:
    return ((normalise(entry.title) == normalise(role.get("title"))) * 2
            + (normalise(entry.company) == normalise(role.get("employer"))) * 2 + (entry.start == role.get("start")))


def _degree_closeness(entry, degree: dict) -> int:
    return ((normalise(entry.degree) == normalise(degree.get("degree"))) * 2
            + (normalise(entry.institution) == normalise(degree.get("school"))) * 2 + (_year(entry.dates) == degree.get("year")))


def _score_roles(result: FileResult, parsed: ParsedResume, roles: list[dict] | None) -> None:
    if roles is None:
        return
    entries = list(parsed.experience)
    unused = list(range(len(entries)))
    matched = 0
    for role in roles:
        title, employer = normalise(role.get("title")), normalise(role.get("employer"))
        closeness = {index: _role_closeness(entries[index], role) for index in unused}
        best = max(unused, key=closeness.__getitem__, default=None)
        entry = entries[best] if best is not None and closeness[best] > 0 else None
        if entry is not None:
            unused.remove(best)
            matched += 1
        _check(result, "titles", role.get("title", ""), entry.title if entry else "(no role)",
               entry is not None and normalise(entry.title) == title)
        _check(result, "employers", role.get("employer", ""), entry.company if entry else "(no role)",
               entry is not None and normalise(entry.company) == employer)
        dates_ok = entry is not None and _same_date(role.get("start", ""), entry.start, entry.end, entry.current, "start") \
            and _same_date(role.get("end", ""), entry.start, entry.end, entry.current, "end")
        _check(result, "dates", f"{role.get('start')} – {role.get('end')}",
               (f"{entry.start} – {'present' if entry.current else entry.end}" if entry else "(no role)"), dates_ok)
    # Roles found: each true role read, and no invented ones (a bullet read as a job counts against).
    expected_count = len(roles)
    result.scores["roles"].passed += matched
    result.scores["roles"].total += max(expected_count, len(entries))
    for index in unused:
        result.misses.append(f"roles: not a role of the resume: {entries[index].title!r} · {entries[index].company!r}")


def _score_degrees(result: FileResult, parsed: ParsedResume, degrees: list[dict] | None) -> None:
    if degrees is None:
        return
    entries = list(parsed.education)
    unused = list(range(len(entries)))
    matched = 0
    for degree in degrees:
        name, school = normalise(degree.get("degree")), normalise(degree.get("school"))
        closeness = {index: _degree_closeness(entries[index], degree) for index in unused}
        best = max(unused, key=closeness.__getitem__, default=None)
        entry = entries[best] if best is not None and closeness[best] > 0 else None
        if entry is not None:
            unused.remove(best)
            matched += 1
        _check(result, "degrees", degree.get("degree", ""), entry.degree if entry else "(no degree)",
               entry is not None and normalise(entry.degree) == name)
        _check(result, "schools", degree.get("school", ""), entry.institution if entry else "(no degree)",
               entry is not None and normalise(entry.institution) == school)
        _check(result, "years", degree.get("year", ""), _year(entry.dates) if entry else "(no degree)",
               entry is not None and _year(entry.dates) == degree.get("year"))
    for index in unused:
        result.misses.append(f"degrees: not a degree of the resume: {entries[index].degree!r} · {entries[index].institution!r}")


def evaluate_folder(folder: Path = DEFAULT_FOLDER) -> Evaluation:
    """Every resume file in `folder` that has a truth file, scored. Raises FileNotFoundError for a missing folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    results = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or path.name.endswith(".pdftotext.txt"):
            continue
        truth_path = path.with_suffix(".json")
        if not truth_path.exists():
            continue
        results.append(evaluate_file(path, json.loads(truth_path.read_text(encoding="utf-8"))))
    return Evaluation(files=results)
