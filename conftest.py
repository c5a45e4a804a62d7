"""Fixtures shared by every app's tests, including the browser harness."""

import os
from pathlib import Path

import pytest

# Local fakes of the outside services, as fixtures any test module can ask for (`fake_tavus`, …).
pytest_plugins = ["interviews.tests.fake_tavus", "interviews.tests.fake_livekit"]

BASE_DIR = Path(__file__).resolve().parent
ARTIFACTS = BASE_DIR / "var" / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
    # A synthetic camera and microphone, granted without a prompt (the video room's preview).
    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
]


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Each test writes private files to its own folder, so tests can count what was left behind."""
    root = tmp_path / "private"
    root.mkdir()
    settings.PRIVATE_ROOT = root
    storages = dict(settings.STORAGES)
    storages["default"] = {**storages["default"], "OPTIONS": {"location": root, "base_url": None}}
    settings.STORAGES = storages
    from django.core.files.storage import storages as storage_handler

    storage_handler._storages = {}
    yield root
    storage_handler._storages = {}


# Under pytest-xdist (`make test` runs the suite on several workers) each test file goes to one worker, so its
# module fixtures are built once. These files read the same corpus documents, which the evaluation reads once per
# process (`resumes.reading.evaluation.read_document`): they go to one worker together.
SHARED_WORKER = {
    "resumes/tests/test_corpus.py": "corpus",
    "interviews/tests/test_coach_match_scores.py": "corpus",
    "interviews/tests/test_coach_writing.py": "corpus",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadFileScheduling

    class FileScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid):
            path = super()._split_scope(nodeid)
            return SHARED_WORKER.get(path, path)

    return FileScheduling(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Playwright's sync API leaves its event loop marked running in this thread between its calls (it
    runs in a greenlet). A later test without a browser would then see a running loop: `async_to_sync`
    refuses to run, and Django, taking the thread for async code, hands that test's fixtures and its
    body different database connections (on SQLite in memory, one locks the tables the other writes:
    "database table is locked"). Tests without a page see no running loop from before their first
    fixture to after their last teardown; the browser's loop is put back for the tests that drive it."""
    if "_browser" in getattr(item, "fixturenames", ()):
        return (yield)
    import asyncio.events

    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    try:
        return (yield)
    finally:
        asyncio.events._set_running_loop(running)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for cache in caches.all():  # content and the limits alike (every test starts with fresh counters)
        cache.clear()


@pytest.fixture
def run_work(django_capture_on_commit_callbacks):
    """`with run_work(): client.post(...)` runs the background work the block queued (reading a resume,
    preparing or scoring an interview) when the block ends, as the task worker would once the
    request's transaction commits. Tests run in a transaction that never commits, so without this
    queued work never runs."""

    def runner():
        return django_capture_on_commit_callbacks(execute=True)

    return runner


@pytest.fixture
def password():
    return "a-Strong-practice-pass-42"


@pytest.fixture
def user(db, password):
    from accounts.tests.factories import UserFactory

    return UserFactory(password=password)


@pytest.fixture
def other_user(db, password):
    from accounts.tests.factories import UserFactory

    return UserFactory(password=password)


@pytest.fixture
def client_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def htmx_headers():
    return {"HTTP_HX_REQUEST": "true"}


# --- Browser harness -------------------------------------------------------------------------

@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def _browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run .ci/run (it installs Debian's chromium) or set CHROMIUM_PATH.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls tests make beside it
    # are still synchronous, so Django's async guard must stand aside for browser tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(request, _browser, live_server, settings):
    """A fresh browser context on the live server; a screenshot lands in var/test-artifacts on failure."""
    settings.DEBUG = False
    context = _browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    browser_page = context.new_page()
    errors: list[str] = []
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A blocked inline script or style is not an exception, only a console error: catch those too,
    # so every journey also proves the strict Content-Security-Policy holds.
    browser_page.on("console", lambda msg: errors.append(msg.text)
                    if msg.type == "error" and "Content Security Policy" in msg.text else None)
    browser_page.js_errors = errors
    yield browser_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"{request.node.name}.png"
        try:
            browser_page.screenshot(path=str(target), full_page=True)
            print(f"\nscreenshot saved: {target}")
        except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the real failure
            print(f"\nscreenshot failed: {exc}")
    context.close()
