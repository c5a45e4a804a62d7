"""Cheatsheet PDFs, printed by xhtml2pdf from a Django template.

All text goes through the template's autoescaping: a resume that contains HTML or <script>
prints as that text, never as markup.
"""

import io
import logging
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from xhtml2pdf import pisa

from interviews.coach.schemas import CheatsheetContent

logger = logging.getLogger("saylo.pdf")


class PdfRenderError(Exception):
    pass


class PdfTooLarge(PdfRenderError):
    """The page to print holds more than PDF_MAX_HTML_BYTES: refused before xhtml2pdf sees it (a long
    report took 13 s and three of them at once took every web worker down)."""

    def __init__(self, size: int, limit: int):
        self.message = (f"This is too long to print as a PDF ({size // 1000:,} KB of content; the limit is "
                        f"{limit // 1000:,} KB). Everything is still on the page itself.")
        super().__init__(self.message)


# Helvetica (xhtml2pdf's default) has no glyph for U+2010 hyphens, arrows and many symbols: they printed blank.
# The templates embed DejaVu Sans (Debian's fonts-dejavu-core, licence in static/fonts/DejaVu-LICENSE.txt).
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
BUNDLED_FONTS = frozenset({"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"})


def _deny_external(uri: str, rel: str) -> str:
    # The templates reference nothing outside themselves but the bundled fonts (exactly "fonts/<name>");
    # refusing every other URI means a crafted string can never make the renderer read a local file or
    # reach the network.
    prefix, _, name = (uri or "").partition("/")
    if prefix == "fonts" and name in BUNDLED_FONTS:
        return str(FONT_DIR / name)
    return ""


def html_to_pdf(html: str) -> bytes:
    """Print `html`. Raises PdfTooLarge over PDF_MAX_HTML_BYTES, PdfRenderError when xhtml2pdf fails."""
    size, limit = len(html.encode("utf-8")), int(settings.PDF_MAX_HTML_BYTES)
    if size > limit:
        raise PdfTooLarge(size, limit)
    buffer = io.BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8", link_callback=_deny_external)
    if result.err:
        raise PdfRenderError(f"xhtml2pdf reported {result.err} error(s)")
    data = buffer.getvalue()
    if not data.startswith(b"%PDF"):
        raise PdfRenderError("xhtml2pdf produced no PDF")
    return data


def render_cheatsheet_pdf(*, session, content: CheatsheetContent, questions) -> bytes:
    html = render_to_string("interviews/cheatsheet_pdf.html", {
        "session": session,
        "candidate": session.resume_input().contact.name or session.user.get_full_name() or session.user.email,
        "job": session.job_input(),
        "content": content,
        "questions": questions,
        "match": session.match_input(),
        "generated": timezone.now(),
    })
    try:
        return html_to_pdf(html)
    except PdfRenderError:
        raise
    except Exception as exc:  # xhtml2pdf raises a variety of internal errors on odd input
        logger.exception("cheatsheet PDF failed for session %s", session.pk)
        raise PdfRenderError(str(exc)) from exc


def render_report_pdf(**context) -> bytes:
    """The results page as a printable report (same context as the page)."""
    html = render_to_string("interviews/report_pdf.html", {**context, "generated": timezone.now()})
    try:
        return html_to_pdf(html)
    except PdfRenderError:
        raise
    except Exception as exc:
        logger.exception("report PDF failed")
        raise PdfRenderError(str(exc)) from exc
