"""Where a resume shows each of its skills: the sentence or bullet, with the words that show it.

A skill is *shown* when a role's bullet or a project uses it, and only *listed* when it is named in the
skills list, the summary or the headline. Evidence is the best sentence first: a role's bullet before a
project, before a certificate, a degree, the summary, and the skills list last; a line with a number
before one without. A long paragraph is cut to the sentence that names the skill.
"""

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from resumes.reading.knowledge import knowledge, role_family
from resumes.reading.schemas import ParsedResume, Quote
from resumes.reading.taxonomy import get_taxonomy
from resumes.reading.text import strip_bullet

SHOWN = frozenset({"experience", "title", "project"})
_RANK = {"experience": 0, "title": 1, "project": 2, "certification": 3, "education": 4, "summary": 5, "headline": 6,
         "other": 7, "skills": 8}
_SECTION_PLACES = {"summary": "summary", "projects": "project", "skills": "skills", "education": "education",
                   "certifications": "certification", "other": "other"}
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"'])|;\s+")
_LONG = 140  # characters; a longer line of several sentences is quoted by the sentence that shows the skill
_NUMBER_RE = re.compile(r"\d")


@dataclass
class Proof:
    """How a resume proves one skill: its quotes, best first, and the narrower skill that proves it, if any."""

    skill: str
    quotes: list[Quote] = field(default_factory=list)
    via: str = ""
    claimed: bool = False  # the candidate added it by hand: listed, with nothing to quote
    order: dict[str, int] = field(default_factory=dict)  # quote text → where it comes in the resume

    @property
    def strength(self) -> str:
        return "shown" if any(quote.where in SHOWN for quote in self.quotes) else "listed"

    @property
    def lines(self) -> list[str]:
        return [quote.text for quote in self.quotes]


def resume_places(resume: ParsedResume) -> list[tuple[str, str, str]]:
    """(sentence, where, role) for every line of the resume that can prove a skill, in reading order."""
    places: list[tuple[str, str, str]] = []
    if resume.headline:
        places.append((resume.headline, "headline", ""))
    for entry in resume.experience:
        role = " at ".join(part for part in (entry.title, entry.company) if part)
        if entry.title:
            places.append((entry.title, "title", role))  # "Senior Full-Stack Developer" is full-stack work
        for line in entry.lines:
            places.extend((sentence, "experience", role) for sentence in sentences(line))
    for section, text in resume.sections.items():
        where = _SECTION_PLACES.get(section)
        if where is None and not (section == "experience" and not resume.experience):
            continue  # roles are quoted from their entries above
        for line in text.split("\n"):
            places.extend((sentence, where or "experience", "") for sentence in sentences(line))
    return places


def sentences(line: str) -> list[str]:
    """The line as quoted: without its bullet, tabs as two spaces; a paragraph cut into its sentences."""
    line = strip_bullet(line).replace("\t", "  ").strip()
    if not line:
        return []
    if len(line) <= _LONG:
        return [line]
    return [sentence.strip() for sentence in _SENTENCE_RE.split(line) if sentence.strip()]


def find_proofs(resume: ParsedResume) -> dict[str, Proof]:
    """Every skill on the resume (as corrected: a skill the candidate removed proves nothing) with its quotes, and
    the broader skills they prove (PostgreSQL proves SQL, `via` PostgreSQL)."""
    taxonomy = get_taxonomy()
    kept = {skill.name for skill in resume.skills}
    proofs: dict[str, Proof] = {}
    implied: dict[str, Proof] = {}
    places = resume_places(resume)
    for index, (text, where, role) in enumerate(places):
        spans = [span for span in taxonomy.find_spans(text) if span[2] in kept]
        for start, end, name in spans:
            _add(proofs.setdefault(name, Proof(name)), text, where, role, (start, end), index)
            for broader in taxonomy.implied(name):
                # Every narrower skill's lines prove it (React's and Vue's for Frontend Development); `via` names the
                # first one found.
                _add(implied.setdefault(broader, Proof(broader, via=name)), text, where, role, (start, end), index)
    _add_role_skills(resume, proofs)
    _add_unplaced(resume, taxonomy, proofs, implied, start=len(places))
    for skill in resume.skills:
        proofs.setdefault(skill.name, Proof(skill.name, claimed=True))
    for broader, proof in implied.items():
        direct = proofs.get(broader)
        if direct is None:
            proofs[broader] = proof
            continue
        # Named itself and shown through a narrower skill: both kinds of quote, the best first (a skill named only in
        # the skills list and used in a role through a narrower one, "SQL" and "reporting on Postgres", is shown).
        if not direct.quotes:
            direct.via = proof.via
        for quote in proof.quotes:
            if quote.text not in direct.order:
                direct.order[quote.text] = proof.order[quote.text]
                direct.quotes.append(quote)
    for proof in proofs.values():
        proof.quotes.sort(key=lambda quote, proof=proof: (
            _RANK[quote.where], 0 if _NUMBER_RE.search(quote.text) else 1, proof.order[quote.text]))
    return proofs


_FIELD_GAP_RE = re.compile(r"\t|\s{2,}")


def _add_unplaced(resume: ParsedResume, taxonomy, proofs: dict[str, Proof], implied: dict[str, Proof], *,
                  start: int) -> None:
    """Skills the reader found only outside the sections quoted above (a contact line: "Github: https://github.com/…")
    are quoted by the field of that line that names them, counting as listed; the broader skills they imply are
    proven the same way (a GitHub profile is Git, as it is in a skills list)."""
    text = (resume.text or "").replace("\t", "  ")
    for skill in resume.skills:
        if skill.name in proofs:
            continue
        for offset, line in enumerate(skill.evidence):
            parts = [part.strip() for part in _FIELD_GAP_RE.split(line) if part.strip()]
            for part in parts:
                spans = [(begin, end) for begin, end, name in taxonomy.find_spans(part) if name == skill.name]
                if not spans or part not in text:
                    continue
                _add(proofs.setdefault(skill.name, Proof(skill.name)), part, "other", "", spans[0], start + offset)
                for broader in taxonomy.implied(skill.name):
                    _add(implied.setdefault(broader, Proof(broader, via=skill.name)), part, "other", "", spans[0],
                         start + offset)
                break
            if skill.name in proofs:
                break


def _add_role_skills(resume: ParsedResume, proofs: dict[str, Proof]) -> None:
    """What holding a kind of role shows by itself: a Product Manager title shows Product Management."""
    role_skills = knowledge().role_skills
    for index, entry in enumerate(resume.experience):
        for skill in role_skills.get(role_family(entry.title), []):
            role = " at ".join(part for part in (entry.title, entry.company) if part)
            _add(proofs.setdefault(skill, Proof(skill)), entry.title, "title", role, (0, len(entry.title)), -100 + index)


def _add(proof: Proof, text: str, where: str, role: str, mark: tuple[int, int], index: int) -> None:
    for quote in proof.quotes:
        if quote.text == text:
            if mark not in quote.marks:
                quote.marks.append(mark)
            return
    proof.order[text] = index
    proof.quotes.append(Quote(text=text, marks=[mark], where=where, role=role))


# --- Skills written in another form ("developing product strategies" for Product Strategy) ------------------------

_WORD_RE = re.compile(r"[a-z0-9+#]+(?:[.'-][a-z0-9+#]+)*")
MIN_INFLECTED_WORDS = 2  # one-word names are matched as written: "Go" is not "going", "Lean" is not "leaning"


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)  # a word's stem never changes; resumes repeat the same few thousand words
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def _stemmed(words: list[str]) -> tuple[str, ...]:
    return tuple(_stem(word) for word in words)


def add_inflected_proofs(resume: ParsedResume, wanted: list[str], proofs: dict[str, Proof]) -> None:
    """Proofs for the wanted skills the taxonomy did not find because the resume inflects their names
    ("product strategies", "managed stakeholders" → Stakeholder Management is not attempted: only the name's own
    words in order, each by its Snowball stem, and only names of two words or more)."""
    taxonomy = get_taxonomy()
    names: dict[str, list[tuple[str, ...]]] = {}
    for skill in wanted:
        if skill in proofs or skill not in taxonomy.skills:
            continue
        forms = [skill, *taxonomy.skills[skill].aliases]
        stems = [_stemmed(_WORD_RE.findall(form.lower())) for form in forms]
        stems = [s for s in stems if len(s) >= MIN_INFLECTED_WORDS]
        if stems:
            names[skill] = stems
    if not names:
        return
    for index, (text, where, role) in enumerate(resume_places(resume)):
        spans = list(_WORD_RE.finditer(text.lower()))
        line = _stemmed([match.group(0) for match in spans])
        for skill, forms in names.items():
            for form in forms:
                at = _find(line, form)
                if at is not None:
                    mark = (spans[at].start(), spans[at + len(form) - 1].end())
                    _add(proofs.setdefault(skill, Proof(skill)), text, where, role, mark, index)
                    break
    for skill in names:
        proof = proofs.get(skill)
        if proof is not None:
            proof.quotes.sort(key=lambda quote, proof=proof: (
                _RANK[quote.where], 0 if _NUMBER_RE.search(quote.text) else 1, proof.order[quote.text]))


def _find(line: tuple[str, ...], form: tuple[str, ...]) -> int | None:
    for start in range(len(line) - len(form) + 1):
        if line[start:start + len(form)] == form:
            return start
    return None


# --- What a degree shows by itself ("Master of Science in Computer Science": data structures and algorithms) -------

DEGREE_SKILLS = Path(__file__).resolve().parent / "data" / "degree_skills.json"


@functools.lru_cache(maxsize=1)
def _degree_fields() -> list[tuple[re.Pattern, list[str]]]:
    data = json.loads(DEGREE_SKILLS.read_text(encoding="utf-8"))
    return [(re.compile(item["pattern"], re.IGNORECASE), list(item["skills"])) for item in data["fields"]]


def add_degree_proofs(resume: ParsedResume, wanted: list[str], proofs: dict[str, Proof]) -> None:
    """Proofs, from the degree itself, for the wanted skills a degree in its field teaches (listed, never shown)."""
    for index, entry in enumerate(resume.education):
        if not entry.degree:
            continue
        for pattern, skills in _degree_fields():
            match = pattern.search(entry.degree)
            if match is None:
                continue
            for skill in skills:
                if skill in wanted and skill not in proofs:
                    proof = Proof(skill)
                    _add(proof, entry.degree, "education", entry.institution, match.span(), 1000 + index)
                    proofs[skill] = proof
