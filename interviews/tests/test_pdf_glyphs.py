"""The PDFs render every character they print: the bundled DejaVu font has the glyphs Helvetica lacks
(U+2010 hyphen, arrows), so nothing comes out blank."""

from io import BytesIO

import pdfplumber
import pytest

from interviews.coach.schemas import CheatsheetContent, EvidencedStrength, GapAdvice
from interviews.pdf import render_cheatsheet_pdf, render_report_pdf
from interviews.tests.factories import ScoreRunFactory, ready_session

pytestmark = pytest.mark.django_db

TRICKY = "Cut p99 latency → 45% on the ledger‐service (2–3 teams), “quoted” — £400M, café, naïve, 5 × faster, ≥ 99.9%"


def _text_and_fonts(data: bytes) -> tuple[str, set[str]]:
    """The PDF's text and the fonts its words are set in (list bullets come from base-14 Symbol, always printable)."""
    with pdfplumber.open(BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        chars = [char for page in pdf.pages for char in page.chars]
    assert all(c["text"] in "•·" for c in chars if c["fontname"] in ("Symbol", "ZapfDingbats"))
    fonts = {c["fontname"].split("+")[-1] for c in chars if c["fontname"] not in ("Symbol", "ZapfDingbats")}
    return text, fonts


def test_cheatsheet_pdf_prints_hyphens_arrows_and_accents(user, caplog):
    session = ready_session(user, questions=1)
    content = CheatsheetContent(pitch=TRICKY, strengths=[EvidencedStrength(skill="Go", evidence=[TRICKY],
                                                                           talking_point="Lead with the result → 45%.")],
                                gaps=[GapAdvice(skill="Kubernetes", advice="Say so ‐ then bridge from Docker.")])
    with caplog.at_level("WARNING", logger="xhtml2pdf"):
        data = render_cheatsheet_pdf(session=session, content=content, questions=list(session.questions.all()))
    text, fonts = _text_and_fonts(data)
    assert "ledger‐service" in text and "→ 45%" in text and "≥ 99.9%" in text and "naïve" in text
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}, fonts
    assert not [r for r in caplog.records if "No font" in r.getMessage()]


def test_report_pdf_prints_hyphens_and_arrows(user, caplog):
    session = ready_session(user, questions=1, status="scored")
    run = ScoreRunFactory(session=session, summary=TRICKY,
                          strengths=[{"text": "Quantified → 45%", "quote": "the ledger‐service"}])
    from interviews.services.reports import results_context as _results_context

    with caplog.at_level("WARNING", logger="xhtml2pdf"):
        data = render_report_pdf(**_results_context(session, run, [run]))
    text, fonts = _text_and_fonts(data)
    assert "ledger‐service" in text and "Quantified → 45%" in text
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}, fonts
    assert not [r for r in caplog.records if "No font" in r.getMessage()]


def test_the_font_loader_reads_only_the_bundled_fonts():
    from interviews.pdf import _deny_external

    assert _deny_external("fonts/DejaVuSans.ttf", "").endswith("static/fonts/DejaVuSans.ttf")
    for uri in ("/etc/passwd", "fonts/../../saylo/settings.py", "file:///etc/passwd", "http://example.com/x.ttf",
                "fonts/Other.ttf"):
        assert _deny_external(uri, "") == ""
