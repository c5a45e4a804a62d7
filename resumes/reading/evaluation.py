"""How well the parser reads a folder of resumes whose truth is known, field by field and per layout family.

A folder holds resume files (`.pdf`, `.docx`, `.txt`) and, beside each, a truth file with the same stem
(`jane.pdf` + `jane.json`; a `.docx` and a `.pdf` of one resume share one truth file):

    {"family": "moderncv", "name": "…", "email": "…", "phone": "…", "location": "City, Region",
     "address": "…", "links": ["…"], "headline": "…",
     "roles": [{"title": "…", "employer": "…", "start": "YYYY-MM", "end": "YYYY-MM" | "present"}],
     "degrees": [{"degree": "…", "school": "…", "year": "YYYY"}],
     "skills": ["canonical taxonomy names"]}

The real-resume corpus (`../shared/corpus/resumes`, other people's documents, kept outside the project) is read
against truth files kept here in `corpus_truth/`, named by the documents' stems; `corpus_truth/split.toml` names the
files kept aside from tuning, and `evaluate_corpus` reports them apart (the held-out figure is the one that counts).

Values are compared as a careful reader would: case, spacing, punctuation and quotes do not matter; a date
written as a year alone matches that year; a link with or without its scheme; a location in the schema's "Town,
Region" form matches the place written with its country or postcode too (same town); a skill counts as read when
the reader put it in the skills it found or in the text of the skills section.

An optional `<stem>.pdftotext.txt` (what poppler's `pdftotext` reads from the PDF, saved once) lets the
evaluation measure word spacing without poppler installed: the share of its words that the parser's
text holds, word for word. Missing truth keys are not scored.
"""

import functools
import json
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from resumes.reading import ResumeRejected, parse_resume_file
from resumes.reading.dates import find_point, find_range
from resumes.reading.schemas import ParsedResume

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "resumes"
# The project sits beside `shared/` (/work/main, /work/shared); the corpus is not part of the project.
CORPUS_FOLDER = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "resumes"
CORPUS_TRUTH = Path(__file__).resolve().parent / "corpus_truth"
TUNING, HELD_OUT = "tuning", "held-out"
SUFFIXES = (".pdf", ".docx", ".txt")
# Column order of the report; each is a share of checks passed.
FIELDS = (
    "name", "email", "phone", "location", "address", "links", "headline", "roles", "titles", "employers", "dates",
    "education", "degrees", "schools", "years", "skills", "spacing",
)
# Fields that make up a file's overall figure (spacing measures the text, not a field).
SCORED_FIELDS = tuple(name for name in FIELDS if name != "spacing")
_HYPHENS_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")
_DROPPED_RE = re.compile(r"[.'’‘`\u00ad]")  # "M.S." is "MS"; "Master's" is "Masters"
_PUNCTUATION_RE = re.compile(r"[^\w+#]+")  # keeps C++ and C# apart from C
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
    part: str = ""  # TUNING or HELD_OUT for corpus files
    # Entries read (roles, degrees) and how many of them the truth has: what the reader invents counts against it.
    read: Counter[str] = field(default_factory=Counter)
    invented: Counter[str] = field(default_factory=Counter)

    def overall(self) -> Score:
        total = Score()
        for name in SCORED_FIELDS:
            total.merge(self.scores[name])
        return total


@dataclass
class Evaluation:
    files: list[FileResult]

    def parts(self) -> dict[str, dict[str, Score]]:
        """Scores summed over the tuning files, the held-out files, and all of them."""
        out: dict[str, dict[str, Score]] = {}
        for result in self.files:
            for key in (result.part or TUNING, "all"):
                totals = out.setdefault(key, {name: Score() for name in FIELDS})
                for name, score in result.scores.items():
                    totals[name].merge(score)
        return {key: out[key] for key in (TUNING, HELD_OUT, "all") if key in out}

    def overall(self, part: str = "all") -> Score:
        total = Score()
        for result in self.files:
            if part == "all" or result.part == part:
                total.merge(result.overall())
        return total

    def precision(self, kind: str, part: str = "all") -> Score:
        """Of the `kind` entries ("roles", "degrees") read, those the resume has (the rest were invented)."""
        score = Score()
        for result in self.files:
            if part == "all" or result.part == part:
                score.passed += result.read[kind] - result.invented[kind]
                score.total += result.read[kind]
        return score

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


def loose(text: str | None) -> str:
    """`normalise`, then punctuation read as a space and dots and apostrophes dropped: "M.S., Physics" is "ms physics"."""
    text = _DROPPED_RE.sub("", normalise(text))
    return " ".join(_PUNCTUATION_RE.sub(" ", text).split())


def _same(expected: str | None, read: str | None) -> bool:
    return loose(expected) == loose(read)


def _link(text: str) -> str:
    text = normalise(text)
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text)
    return text.rstrip("/")


def _same_place(expected: str, read: str) -> bool:
    """The reader gives a location as "Town, Region" (the schema's form): "Halifax, Nova Scotia" reads "Halifax, Nova
    Scotia, Canada" right, and "Cambridge, MA" reads "Cambridge, MA 02141"; the town must be the same."""

    def pieces(text: str) -> list[str]:
        return [loose(re.sub(r"\b\d[\d -]{2,}\b", "", piece)) for piece in (text or "").split(",")]

    mine, theirs = [p for p in pieces(read) if p], [p for p in pieces(expected) if p]
    if mine == theirs:
        return True
    return bool(mine) and bool(theirs) and mine[0] == theirs[0] and all(piece in theirs for piece in mine)


def _same_phone(expected: str, read: str) -> bool:
    """Same digits, or the same number with and without its country code ("+1 555…" and "555…")."""
    mine, theirs = _digits(read), _digits(expected)
    if mine == theirs:
        return True
    shorter, longer = sorted((mine, theirs), key=len)
    return len(shorter) >= 7 and longer.endswith(shorter) and len(longer) - len(shorter) <= 3


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _year(dates: str) -> str:
    found = find_range(dates or "")
    if found is not None:
        return (found.end or found.start or "")[:4] if not found.current else "present"
    point = find_point(dates or "")
    years = re.findall(r"(?:19|20)\d\d", point[0]) if point else []
    return years[-1] if years else ""


def read_document(path: Path) -> ParsedResume:
    """A corpus document as the reader reads it, read once per process (by its path, size and modification time):
    the reading figures, the coach's corpus plans and the match figures all start from the same documents, and
    pdfminer takes up to a second over some of them. A deep copy, so no caller sees another's changes. Raises
    ResumeRejected as `parse_resume_file` does (a refusal is not kept: it is read again)."""
    stat = Path(path).stat()
    return _read_document(str(path), stat.st_mtime_ns, stat.st_size).model_copy(deep=True)


@functools.lru_cache(maxsize=128)
def _read_document(path: str, mtime_ns: int, size: int) -> ParsedResume:
    return parse_resume_file(Path(path), time_limit=60)


def evaluate_file(path: Path, truth: dict) -> FileResult:
    family = truth.get("family", "unknown") + (" (.docx)" if path.suffix == ".docx" else "")
    result = FileResult(path=path, family=family)
    try:
        parsed = read_document(path)
    except ResumeRejected as rejected:
        # Scored as a reader that read nothing: every check the truth makes fails, and no other is made up.
        result.refused = rejected.message
        parsed = ParsedResume()
    _score_contact(result, parsed, truth)
    _score_roles(result, parsed, truth.get("roles"))
    _score_degrees(result, parsed, truth.get("degrees"))
    if "skills" in truth:
        _score_skills(result, parsed, truth["skills"])
    reference = path.with_name(path.stem + ".pdftotext.txt")
    if path.suffix == ".pdf" and reference.exists() and not result.refused:
        share, total = spacing_agreement(parsed.text, reference.read_text(encoding="utf-8"))
        result.scores["spacing"].passed, result.scores["spacing"].total = round(share * total), total
    return result


def _score_skills(result: FileResult, parsed: ParsedResume, skills: list[str]) -> None:
    """One check per listed skill: read when the reader found it (its taxonomy name) or kept it in the skills section."""
    found = {loose(name) for name in parsed.skill_names()}
    listed = f" {loose(parsed.sections.get('skills', ''))} "
    for skill in skills:
        ok = loose(skill) in found or f" {loose(skill)} " in listed
        result.scores["skills"].add(ok)
        if not ok:
            result.misses.append(f"skills: {skill} not found")


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
        _check(result, "name", truth["name"], contact.name, _same(contact.name, truth["name"]))
    if "email" in truth:
        _check(result, "email", truth["email"], contact.email, normalise(contact.email) == normalise(truth["email"]))
    if "phone" in truth:
        _check(result, "phone", truth["phone"], contact.phone, _same_phone(truth["phone"], contact.phone))
    if truth.get("location"):
        _check(result, "location", truth["location"], contact.location, _same_place(truth["location"], contact.location))
    if truth.get("address"):
        _check(result, "address", truth["address"], contact.address, _same(contact.address, truth["address"]))
    if "headline" in truth:
        _check(result, "headline", truth["headline"], parsed.headline, _same(parsed.headline, truth["headline"]))
    links = [_link(link) for link in contact.links]
    for link in truth.get("links", []):
        ok = any(_link(link) in found for found in links)
        _check(result, "links", link, ", ".join(contact.links), ok)


def _same_date(expected: str, entry_start: str | None, entry_end: str | None, current: bool, which: str) -> bool:
    """A date as the truth writes it ("2019-06", "2019", "present", "" for none) against the reader's ISO month."""
    if which == "end" and expected == "present":
        return current
    read = (entry_start if which == "start" else entry_end) or ""
    if which == "end" and not expected:
        return not read  # a single date: the reader must not invent an end (current or a second date)
    if len(expected) == 4:  # written as a year alone: any month of that year
        return read[:4] == expected
    return read == expected


def _role_closeness(entry, role: dict) -> int:
    return (_same(entry.title, role.get("title")) * 2 + _same(entry.company, role.get("employer")) * 2
            + _same_date(role.get("start") or "", entry.start, entry.end, entry.current, "start"))


def _degree_closeness(entry, degree: dict) -> int:
    return (_same(entry.degree, degree.get("degree")) * 2 + _same(entry.institution, degree.get("school")) * 2
            + (_year(entry.dates) == degree.get("year")))


def _score_roles(result: FileResult, parsed: ParsedResume, roles: list[dict] | None) -> None:
    if roles is None:
        return
    entries = list(parsed.experience)
    unused = list(range(len(entries)))
    matched = 0
    for role in roles:
        closeness = {index: _role_closeness(entries[index], role) for index in unused}
        best = max(unused, key=closeness.__getitem__, default=None)
        entry = entries[best] if best is not None and closeness[best] > 0 else None
        if entry is not None:
            unused.remove(best)
            matched += 1
        _check(result, "titles", role.get("title", ""), entry.title if entry else "(no role)",
               entry is not None and _same(entry.title, role.get("title")))
        _check(result, "employers", role.get("employer", ""), entry.company if entry else "(no role)",
               entry is not None and _same(entry.company, role.get("employer")))
        dates_ok = entry is not None and _same_date(role.get("start", ""), entry.start, entry.end, entry.current, "start") \
            and _same_date(role.get("end", ""), entry.start, entry.end, entry.current, "end")
        _check(result, "dates", f"{role.get('start')} – {role.get('end')}",
               (f"{entry.start} – {'present' if entry.current else entry.end}" if entry else "(no role)"), dates_ok)
    # Roles found: each true role read, and no invented ones (a bullet read as a job counts against).
    expected_count = len(roles)
    result.scores["roles"].passed += matched
    result.scores["roles"].total += max(expected_count, len(entries))
    result.read["roles"] += len(entries)
    result.invented["roles"] += len(unused)
    for index in unused:
        result.misses.append(f"roles: not a role of the resume: {entries[index].title!r} · {entries[index].company!r}")


def _score_degrees(result: FileResult, parsed: ParsedResume, degrees: list[dict] | None) -> None:
    if degrees is None:
        return
    entries = list(parsed.education)
    unused = list(range(len(entries)))
    matched = 0
    for degree in degrees:
        closeness = {index: _degree_closeness(entries[index], degree) for index in unused}
        best = max(unused, key=closeness.__getitem__, default=None)
        entry = entries[best] if best is not None and closeness[best] > 0 else None
        if entry is not None:
            unused.remove(best)
            matched += 1
        _check(result, "degrees", degree.get("degree", ""), entry.degree if entry else "(no degree)",
               entry is not None and _same(entry.degree, degree.get("degree")))
        _check(result, "schools", degree.get("school", ""), entry.institution if entry else "(no degree)",
               entry is not None and _same(entry.institution, degree.get("school")))
        _check(result, "years", degree.get("year", ""), _year(entry.dates) if entry else "(no degree)",
               entry is not None and _year(entry.dates) == degree.get("year"))
    # Degrees found, as roles are: each true degree read, and no invented ones (an award read as a degree counts
    # against).
    result.scores["education"].passed += matched
    result.scores["education"].total += max(len(degrees), len(entries))
    result.read["degrees"] += len(entries)
    result.invented["degrees"] += len(unused)
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


def held_out_names(truth_folder: Path = CORPUS_TRUTH) -> set[str]:
    """File names kept aside from tuning (`split.toml`'s `held_out`)."""
    split = Path(truth_folder) / "split.toml"
    if not split.exists():
        return set()
    return set(tomllib.loads(split.read_text(encoding="utf-8")).get("held_out", []))


def evaluate_corpus(folder: Path = CORPUS_FOLDER, truth_folder: Path | None = None) -> Evaluation:
    """Every document of the corpus `folder` that has a truth file in `truth_folder`, scored and marked tuning or
    held-out. Raises FileNotFoundError when the corpus folder is missing."""
    results = []
    for path, truth_path, part in corpus_files(folder, truth_folder):
        result = evaluate_file(path, json.loads(truth_path.read_text(encoding="utf-8")))
        result.part = part
        results.append(result)
    return Evaluation(files=results)


def corpus_files(folder: Path = CORPUS_FOLDER, truth_folder: Path | None = None, *,
                 suffixes=SUFFIXES) -> list[tuple[Path, Path, str]]:
    """The corpus documents that have a truth file: (document, truth file, tuning or held-out), by name.
    Raises FileNotFoundError when the corpus folder is missing."""
    folder, truth_folder = Path(folder), Path(truth_folder or CORPUS_TRUTH)
    if not folder.is_dir():
        raise FileNotFoundError(folder)
    held_out = held_out_names(truth_folder)
    found = []
    for path in sorted(folder.iterdir()):
        truth_path = truth_folder / (path.stem + ".json")
        if path.suffix.lower() in suffixes and truth_path.exists():
            found.append((path, truth_path, HELD_OUT if path.name in held_out else TUNING))
    return found


# --- Scans made from the corpus: how much of what the text layer gives does OCR give? ---------------------------

SCAN_DPI = 200  # an office scanner's default; a phone's scanning app gives about as much


@dataclass
class ScanResult:
    file: FileResult  # the scan's read scored against the text layer's read
    pages: int = 0  # the document's pages
    scanned: int = 0  # pages read by OCR
    seconds: float = 0.0  # reading the scan, OCR included
    text_seconds: float = 0.0  # reading the text-layer PDF


def make_scan(data: bytes, *, dpi: int = SCAN_DPI) -> bytes:
    """An image-only PDF of `data`'s pages, as a scanner makes it: each page rendered in grey at `dpi`, with no
    text layer left."""
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        images = [document[number].render(scale=dpi / 72, grayscale=True).to_pil() for number in range(len(document))]
    finally:
        document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def truth_from_read(parsed: ParsedResume) -> dict:
    """A read written as a truth file, so another read can be scored against it field by field (empty fields are
    left out: there is nothing there to give)."""
    contact = parsed.contact
    truth: dict = {key: value for key, value in (("name", contact.name), ("email", contact.email),
                                                  ("phone", contact.phone), ("location", contact.location),
                                                  ("address", contact.address)) if value}
    # Only the links written on the page: one the PDF links to behind an icon is gone from any scan of it.
    written = _link(parsed.text)
    truth["links"] = [link for link in contact.links if _link(link) in written]
    truth["roles"] = [{"title": entry.title, "employer": entry.company, "start": entry.start or "",
                       "end": "present" if entry.current else (entry.end or "")} for entry in parsed.experience]
    truth["degrees"] = [{"degree": entry.degree, "school": entry.institution, "year": _year(entry.dates)}
                        for entry in parsed.education]
    truth["skills"] = parsed.skill_names()
    return truth


def evaluate_scans(folder: Path = CORPUS_FOLDER, truth_folder: Path | None = None, *, scan_folder: Path,
                   dpi: int = SCAN_DPI, names: set[str] | None = None, ocr=None) -> list[ScanResult]:
    """For each corpus PDF with a truth file (or those in `names`): its text layer read, a scan of it made in
    `scan_folder` (a temporary folder the caller removes: the corpus is other people's data) and read through
    OCR, and the scan's read scored against the text layer's. Files the text layer refuses are left out."""
    import time

    results = []
    for path, _, part in corpus_files(folder, truth_folder, suffixes=(".pdf",)):
        if names is not None and path.name not in names:
            continue
        started = time.monotonic()
        try:
            expected = parse_resume_file(path, time_limit=60)
        except ResumeRejected:
            continue
        text_seconds = time.monotonic() - started
        scan = Path(scan_folder) / path.name
        scan.write_bytes(make_scan(path.read_bytes(), dpi=dpi))
        result = FileResult(path=path, family="scan", part=part)
        started = time.monotonic()
        try:
            parsed = parse_resume_file(scan, time_limit=120, ocr=ocr)
        except ResumeRejected as rejected:
            result.refused = rejected.message
            parsed = ParsedResume()
        seconds = time.monotonic() - started
        truth = truth_from_read(expected)
        _score_contact(result, parsed, truth)
        _score_roles(result, parsed, truth["roles"])
        _score_degrees(result, parsed, truth["degrees"])
        _score_skills(result, parsed, truth["skills"])
        results.append(ScanResult(file=result, pages=expected.pages, scanned=parsed.scanned_pages, seconds=seconds,
                                  text_seconds=text_seconds))
    return results
