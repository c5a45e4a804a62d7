"""Template helpers for resume and match pages."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from resumes.reading import doubts
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry, ParsedResume, Quote

register = template.Library()

RING_RADIUS = 52  # the coverage ring's circle, in the SVG's own units (a 120 × 120 box)
RING_LENGTH = 326.73  # 2 π r


@register.filter
def marked(quote: Quote) -> SafeString:
    """The quote's text, escaped, with the words that show the skill in <mark>."""
    text, out, position = quote.text, [], 0
    for start, end in sorted(quote.marks):
        if start < position or end > len(text):
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of the text is escaped above


@register.simple_tag
def ring_dash(percent: float) -> str:
    """The stroke-dasharray that draws `percent` of the ring: "163.4 326.7" for 50 %."""
    share = max(0.0, min(100.0, float(percent or 0))) / 100
    return f"{share * RING_LENGTH:.1f} {RING_LENGTH:.1f}"


@register.simple_tag
def skill_rows(resume) -> list[dict]:
    """The resume's skills (as corrected), each with its best quotes and whether a role or project shows it."""
    from resumes.matching.evidence import find_proofs

    proofs = find_proofs(resume.as_parsed())
    rows = []
    for skill in resume.skill_list():
        proof = proofs.get(skill.name)
        rows.append({"skill": skill, "quotes": proof.quotes[:2] if proof else [],
                     "shown": bool(proof) and proof.strength == "shown"})
    return rows


@register.filter
def role_doubts(entry: ExperienceEntry) -> list[str]:
    """What the reader is unsure of in this role ("employer not found"), for the "unsure" mark beside it."""
    return doubts.role_doubts(entry)


@register.filter
def degree_doubts(entry: EducationEntry) -> list[str]:
    return doubts.degree_doubts(entry)


@register.filter
def reading_doubts(parsed: ParsedResume) -> list[str]:
    """What the reader is unsure of in the whole reading ("read from a scanned image…")."""
    return doubts.reading_doubts(parsed)


@register.filter
def contact_doubts(contact: Contact) -> list[str]:
    return doubts.contact_doubts(contact)
