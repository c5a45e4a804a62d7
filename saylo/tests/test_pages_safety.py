"""Every page, walked from the URL configuration: the security headers and the content security
policy are on all of them, no page carries inline script or style, and text a candidate or a
model wrote — HTML and template syntax included — renders as text on every page and in every PDF."""

import re
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from interviews.coach.schemas import CheatsheetContent
from interviews.pdf import render_cheatsheet_pdf
from saylo.tests.test_access_matrix import ALL_ROUTES, _fill, _not_owned
from saylo.tests.world import build_world, cheatsheet_content

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>~{{7|add:7000}}~'
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror", "<svg onload", "onerror=alert(2)>")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

# Logging out by GET shows a confirmation page; everything else a candidate can open by GET.
SKIP_GET = {"account_logout", "admin:logout", "accounts:export",  # export is POST only (405), checked below
            "admin:autocomplete"}  # a JSON endpoint of admin widgets that needs query parameters


def _pages(world) -> list[tuple[str, str]]:
    """(name, URL) of every page a signed-in candidate can open: pages without parameters, and every
    object page filled from the access matrix's FILL table for `world`."""
    pages = []
    for route in ALL_ROUTES:
        if route.name.startswith("admin:") or route.name in SKIP_GET:
            continue
        if not route.params:
            pages.append((route.name, reverse(route.name)))
        elif not _not_owned(route):
            kwargs, _ = _fill(route)
            pages.append((route.name, reverse(route.name, kwargs=kwargs(world))))
    return pages


def _admin_pages(world) -> list[tuple[str, str]]:
    pages = [(r.name, reverse(r.name)) for r in ALL_ROUTES
             if r.name.startswith("admin:") and not r.params and r.name not in SKIP_GET]
    for name, pk in [("admin:resumes_resume_change", world.resume.pk), ("admin:resumes_jobdescription_change", world.job.pk),
                     ("admin:interviews_interviewsession_change", world.session.pk),
                     ("admin:interviews_scorerun_change", world.run.pk), ("admin:accounts_user_change", world.user.pk)]:
        pages.append((name, reverse(name, args=[pk])))
    return pages


def _csp(response) -> dict[str, set[str]]:
    header = response.get("Content-Security-Policy", "")
    return {part.split()[0]: set(part.split()[1:]) for part in header.split(";") if part.strip()}


def _assert_headers(name, response, *, secure=False):
    where = f"{name} ({response.status_code})"
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    if secure:
        assert "max-age=31536000" in response["Strict-Transport-Security"], where
    if 300 <= response.status_code < 400:
        return  # a redirect shows nothing (the login redirect of a file URL goes without the policy)
    if response.get("Content-Type", "").startswith("text/html"):
        policy = _csp(response)
        assert policy.get("default-src") == {"'self'"}, where
        assert policy.get("script-src") == {"'self'"}, where  # no 'unsafe-inline', no 'unsafe-eval'
        assert policy.get("style-src") == {"'self'"}, where
        assert policy.get("object-src") == {"'none'"} and policy.get("frame-ancestors") == {"'none'"}, where
        assert policy.get("base-uri") == {"'self'"} and policy.get("form-action") == {"'self'"}, where
    else:
        # Only files (PDFs, the resume, the export) go without the policy, and they download.
        assert response.streaming or "Content-Security-Policy" in response or response.get(
            "Content-Type", "").startswith("application/json"), where


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.IGNORECASE)


def _assert_no_inline_code(name, body: str):
    assert not INLINE_SCRIPT.search(body), f"{name}: inline <script>"
    assert not INLINE_HANDLER.search(body), f"{name}: inline event handler"
    assert not INLINE_STYLE.search(body), f"{name}: inline style"


def _get(client, url, **extra):
    response = client.get(url, **extra)
    body = b"" if response.streaming else response.content
    return response, body.decode("utf-8", "replace")


# --- Headers and the policy on every page ---------------------------------------------------------

def test_every_page_carries_the_security_headers_and_the_policy(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    candidate = UserFactory()
    world = build_world(candidate)
    pages = _pages(world)
    assert len(pages) > 40
    for name, url in pages:  # as a visitor: the public pages, and the login redirects of the others
        response, _ = _get(client, url, secure=True)
        _assert_headers(f"visitor {name}", response, secure=True)
    client.force_login(candidate)
    for name, url in pages:
        for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
            response, body = _get(client, url, secure=True, **extra)
            assert response.status_code < 500, name
            _assert_headers(f"candidate {name}", response, secure=True)
            if response.get("Content-Type", "").startswith("text/html"):
                _assert_no_inline_code(name, body)
    response, _ = _get(client, "/no-such-page/", secure=True)
    assert response.status_code == 404
    _assert_headers("404 page", response, secure=True)


def test_admin_pages_carry_the_headers_too(client, django_user_model):
    staff = django_user_model.objects.create_superuser("boss@example.com", "pw-long-enough-1")
    world = build_world(UserFactory())
    client.force_login(staff)
    for name, url in _admin_pages(world):
        response, _ = _get(client, url)
        assert response.status_code < 500, name
        _assert_headers(name, response)


def test_error_pages_for_post_only_and_csrf_carry_the_headers(client):
    from django.test import Client

    candidate = UserFactory()
    client.force_login(candidate)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 405
    _assert_headers("export by GET", response)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(candidate)
    response = strict.post(reverse("resumes:paste"), {"text": "x"})
    assert response.status_code == 403
    _assert_headers("CSRF failure", response)


# --- User and model text renders as text ------------------------------------------------------------

def _assert_text_only(name, body: str):
    for marker in RAW_MARKERS:
        assert marker not in body, f"{name}: {marker!r} reached the page unescaped"
    # Tildes around the sum: a CSRF token or a hash on the page may hold the digits "7007" (it did once).
    assert "~7007~" not in body.replace(PAYLOAD, ""), f"{name}: template syntax was evaluated"


def test_html_in_every_field_renders_as_text_on_every_page(client, django_user_model):
    candidate = UserFactory(first_name=PAYLOAD[:60], last_name="Example", target_role=PAYLOAD[:100])
    world = build_world(candidate, text=PAYLOAD)
    client.force_login(candidate)
    shown_on = set()
    for name, url in _pages(world):
        for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
            response, body = _get(client, url, **extra)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            _assert_text_only(name, body)
            if ESCAPED in body or "&lt;script&gt;alert(1)" in body:
                shown_on.add(name)
    # The payload was really on the pages that show user and model text (escaped), not just absent.
    expected = {"resumes:detail", "resumes:list", "jobs:detail", "jobs:list", "interviews:detail", "interviews:results",
                "interviews:history", "interviews:list", "interviews:room", "dashboard", "jobs:match"}
    assert expected <= shown_on, f"payload not seen on {sorted(expected - shown_on)}"

    staff = django_user_model.objects.create_superuser("boss@example.com", "pw-long-enough-1")
    client.force_login(staff)
    for name, url in _admin_pages(world):
        _assert_text_only(name, _get(client, url)[1])


def test_json_endpoints_return_user_text_as_json_data(client):
    candidate = UserFactory()
    world = build_world(candidate, text=PAYLOAD)
    client.force_login(candidate)
    response = client.get(reverse("interviews:state", args=[world.session.pk]))
    assert response["Content-Type"] == "application/json" and response["X-Content-Type-Options"] == "nosniff"
    assert PAYLOAD in response.json()["turns"][1]["text"]


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_texts(client, run_work, text: str) -> dict[str, str]:
    candidate = UserFactory()
    world = build_world(candidate, text=text)
    cheatsheet = render_cheatsheet_pdf(session=world.session, content=CheatsheetContent(**cheatsheet_content(text)),
                                       questions=list(world.session.questions.all()))
    client.force_login(candidate)
    with run_work():  # the first visit asks the worker to print it
        client.get(reverse("interviews:report_pdf", args=[world.session.pk]))
    report = b"".join(client.get(reverse("interviews:report_pdf", args=[world.session.pk])).streaming_content)
    return {"cheatsheet": _squashed(_pdf_text(cheatsheet)), "report": _squashed(_pdf_text(report))}


def test_html_in_every_field_is_printed_literally_in_every_pdf(client, run_work):
    """Wherever a plain marker is printed, the payload is printed whole, as text."""
    marked = _pdf_texts(client, run_work, "QQMARKQQ")
    printed = _pdf_texts(client, run_work, PAYLOAD)
    for name in ("cheatsheet", "report"):
        expected = marked[name].count("QQMARKQQ")
        assert expected >= 3, f"the {name} PDF prints too few fields to judge"
        assert printed[name].count(_squashed(PAYLOAD)) == expected, f"{name} PDF: some field was not printed as text"
