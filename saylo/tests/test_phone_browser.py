"""Every main page is usable on a 390 px wide phone: nothing runs off the side of the screen, wide
tables scroll inside their card or stack into labelled rows, the navigation opens from "Menu"."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import ARTIFACTS
from interviews.models import InterviewSession
from interviews.tests.factories import ScoreRunFactory, TurnFactory, ready_session
from resumes.tests.factories import JobFactory, ResumeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG = "Supercalifragilistic" * 3  # one long word, as names of files and companies sometimes are

PER_QUESTION = [
    {"question": "Tell me about a time you owned a hard problem end to end at Northwind.",
     "answer": "I led the migration of our billing pipeline and cut failures by 35% in a quarter.", "kind": "behavioral",
     "competency": "Ownership", "score": 82, "feedback": "Clear ownership and a measured result.",
     "strong": ["You said what you did"], "missing": [], "model_answer": ["Situation", "Action", "Result"],
     "skills_shown": ["Python"]},
    {"question": "How would you design the PostgreSQL schema for bookings?", "answer": "", "kind": "technical",
     "competency": "PostgreSQL", "score": 0, "feedback": "No answer was given.", "strong": [],
     "missing": ["A concrete schema"], "model_answer": ["Name the tables"], "skills_shown": []},
]
METRICS = {"words_per_minute": 142.0, "fillers_per_minute": 2.5, "filler_counts": {"um": 2}, "long_pauses": 1,
           "answer_words": [180, 0], "average_answer_words": 90}


def _candidate(user):
    resume = ResumeFactory(user=user, original_filename=f"{LONG}-resume-final-version.pdf")
    job = JobFactory(user=user, title="Senior Backend Engineer", company=f"Northwind {LONG} Health")
    now = timezone.now()
    scored = None
    for days, score in [(9, 48), (5, 61), (1, 73)]:
        scored = ready_session(user, questions=2, job=job, resume=resume, status=InterviewSession.Status.SCORED,
                               title=f"Senior Backend Engineer at Northwind {LONG} Health", started_at=now, ended_at=now)
        InterviewSession.objects.filter(pk=scored.pk).update(created_at=now - timedelta(days=days))
        scored.refresh_from_db()
        first = scored.questions.order_by("order").first()
        TurnFactory(session=scored, seq=1, role="interviewer", text=first.text, question=first)
        TurnFactory(session=scored, seq=2, role="candidate", text=PER_QUESTION[0]["answer"], question=first)
        ScoreRunFactory(session=scored, score=score, per_question=PER_QUESTION, metrics=METRICS)
    ScoreRunFactory(session=scored, score=75, per_question=PER_QUESTION, metrics=METRICS, engine="gemini",
                    rubric_version="gemini-v1")
    ready = ready_session(user, questions=3, job=job, resume=resume, title=scored.title)
    return {"resume": resume, "job": job, "scored": scored, "ready": ready}


def _login(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def _overflow(page) -> dict:
    """How far the page runs past the screen, and which elements stick out (for the message)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const culprits = [];
        for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1 && !el.closest('.table-wrap, svg')) {
                culprits.push(`${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80));
            }
        }
        return {scroll: document.scrollingElement.scrollWidth, width, culprits: culprits.slice(0, 8)};
    }""")


def _check(page, name):
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
    seen = _overflow(page)
    assert seen["scroll"] <= PHONE["width"], f"{name} is {seen['scroll']} px wide at 390: {seen['culprits']}"
    return seen


@pytest.fixture
def phone(_browser, live_server, settings):
    settings.DEBUG = False
    context = _browser.new_context(base_url=live_server.url, viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                   has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    page.js_errors = errors
    yield page
    context.close()


def test_visitor_pages_fit_a_phone(phone):
    for name, url in [("home", "/"), ("login", "/accounts/login/"), ("signup", "/accounts/signup/")]:
        phone.goto(url)
        _check(phone, name)
    assert phone.js_errors == []


def test_candidate_pages_fit_a_phone(phone, user, password):
    data = _candidate(user)
    _login(phone, user, password)
    scored, ready, job, resume = data["scored"], data["ready"], data["job"], data["resume"]
    pages = [
        ("dashboard", "/dashboard/"), ("resumes", "/resumes/"), ("resume", f"/resumes/{resume.pk}/"),
        ("jobs", "/jobs/"), ("job", f"/jobs/{job.pk}/"), ("job-form", "/jobs/new/"),
        ("match", f"/jobs/{job.pk}/match/?resume={resume.pk}"), ("setup", "/interviews/new/"),
        ("interviews", "/interviews/"), ("interview", f"/interviews/{ready.pk}/"), ("room", f"/interviews/{ready.pk}/room/"),
        ("results", f"/interviews/{scored.pk}/results/"), ("history", "/interviews/history/"), ("profile", "/profile/"),
    ]
    for name, url in pages:
        response = phone.goto(url)
        assert response.status == 200, name
        _check(phone, name)
    assert phone.js_errors == []


def test_history_score_column_is_on_screen_and_labelled(phone, user, password):
    _candidate(user)
    _login(phone, user, password)
    phone.goto("/interviews/history/")
    score_cells = phone.locator("#history-table td[data-label='Score']")
    assert score_cells.count() == 3
    for index in range(3):
        box = score_cells.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert "Score" in score_cells.first.evaluate("el => getComputedStyle(el, '::before').content")


def test_match_page_resume_picker_fits_a_phone(phone, user, password):
    data = _candidate(user)
    _login(phone, user, password)
    phone.goto(f"/jobs/{data['job'].pk}/match/?resume={data['resume'].pk}")
    picker = phone.locator("select").first
    box = picker.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def test_menu_opens_on_a_phone(phone, user, password):
    _login(phone, user, password)
    navigation = phone.get_by_role("navigation", name="Main")
    assert not navigation.get_by_role("link", name="History").is_visible()
    phone.get_by_text("Menu").click()
    navigation.get_by_role("link", name="History").click()
    phone.wait_for_url("**/interviews/history/")
    _check(phone, "history-empty")


def test_wide_screens_show_the_navigation_without_a_menu(page, user, password):
    _candidate(user)
    _login(page, user, password)
    page.goto("/interviews/history/")
    assert not page.get_by_text("Menu").is_visible()
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="History").is_visible()
    page.screenshot(path=str(ARTIFACTS / "wide-history.png"), full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1280
    assert page.js_errors == []


def test_competency_names_beside_their_sparklines_keep_whole_words(page, user, password):
    """On a desktop the history's competency names wrap between words ("Backend / Development"), never inside
    one ("Developmen / t"): the name's column is at least its longest word wide."""
    named = [dict(PER_QUESTION[0], competency=name, score=70) for name in
             (["Backend Development", "Technical leadership", "Ownership", "Track record",
                                    "Internationalization", "Python"])]
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    for _ in range(2):
        scored = ready_session(user, questions=2, job=job, resume=resume, status=InterviewSession.Status.SCORED)
        ScoreRunFactory(session=scored, score=70, per_question=named, metrics=METRICS)
    _login(page, user, password)
    page.goto("/interviews/history/")
    broken = page.evaluate("""() => {
        const broken = [];
        for (const name of document.querySelectorAll('.spark-name')) {
            const node = name.firstChild, text = node.textContent;
            for (const match of text.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
        return {broken, names: document.querySelectorAll('.spark-name').length};
    }""")
    assert broken["names"] >= 5 and broken["broken"] == [], broken
