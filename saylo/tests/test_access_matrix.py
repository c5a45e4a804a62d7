"""The access matrix, generated from the URL configuration.

Every URL pattern that takes a parameter is requested, GET and POST, as:
* the owner of the objects it names — it works (2xx/3xx; 405 where the view takes the other method);
* another signed-in candidate — 404, and nothing of the owner's changes;
* a visitor — redirected to the login page, and nothing changes;
and, for URLs naming two objects, with the ids mixed across two candidates — 404.

A new URL cannot ship uncovered: a parameter this file does not know how to fill FAILS the test
with a message saying where to add it. Add it to FILL — by URL name (`"interviews:video_start"`) for
one URL, or by namespace and parameter (`"interviews:<pk>"`) for every URL of an app — or, for a URL
that is not a candidate's object (a signed token, staff only), to NOT_OWNED with the reason.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.tests.factories import UserFactory
from interviews.models import Cheatsheet, InterviewSession, Question, ScoreRun, TranscriptTurn
from resumes.models import JobDescription, Resume
from saylo.tests.world import World, build_world


@dataclass(frozen=True)
class Fill:
    """How to name the owner's objects in one URL, and what a POST to it sends."""

    kwargs: Callable[[World], dict]
    post: Callable[[World], tuple[str, str]] | None = None  # (body, content type); a form POST of {} if None
    owner_statuses: frozenset = field(default_factory=frozenset)  # extra statuses that mean "works" here


def _turn_body(world: World) -> tuple[str, str]:
    question = world.ready.questions.first()
    return json.dumps({"client_id": "matrix-1", "role": "candidate", "text": "I cut costs by 20%.",
                       "question_id": question.pk, "started_ms": 0, "ended_ms": 5000}), "application/json"


# Keys: a URL name ("interviews:turns"), or "namespace:<parameter>" ("interviews:<pk>") for every URL of
# that namespace with that parameter. A URL name wins over its parameters.
FILL: dict[str, Fill] = {
    "resumes:<pk>": Fill(lambda w: {"pk": w.resume.pk}),
    # A role's or degree's place in the resume's corrected list: the world's resume has both.
    "resumes:<index>": Fill(lambda w: {"index": 0}),
    "jobs:<pk>": Fill(lambda w: {"pk": w.job.pk}),
    "interviews:<pk>": Fill(lambda w: {"pk": w.session.pk}),
    "interviews:<question_pk>": Fill(lambda w: {"question_pk": w.question.pk}),
    # The room and its JSON endpoints need an interview that has not ended.
    "interviews:room": Fill(lambda w: {"pk": w.ready.pk}),
    "interviews:state": Fill(lambda w: {"pk": w.ready.pk}),
    "interviews:end": Fill(lambda w: {"pk": w.ready.pk}),
    "interviews:turns": Fill(lambda w: {"pk": w.ready.pk}, post=_turn_body),
    # Video is not configured in the matrix's settings: for its owner the start endpoint answers 503
    # with its plain sentence (interviews/tests/test_video_room.py covers a configured server).
    "interviews:video_start": Fill(lambda w: {"pk": w.ready.pk}, owner_statuses=frozenset({503})),
    # Consent is asked for on a video interview only (interviews/tests/test_video_room.py covers the rest).
    "interviews:video_consent": Fill(lambda w: {"pk": _video_interview(w).pk}),
    # A data export the worker has built (accounts/tests/test_exports.py covers building it).
    "accounts:export_download": Fill(lambda w: {"pk": _ready_export(w).pk}),
}


def _video_interview(world: World):
    from interviews.models import InterviewSession

    session = InterviewSession.objects.get(pk=world.ready.pk)
    if session.mode != InterviewSession.Mode.VIDEO:
        InterviewSession.objects.filter(pk=session.pk).update(mode=InterviewSession.Mode.VIDEO)
    return session


def _ready_export(world: World):
    from django.core.files.base import ContentFile

    from accounts.models import DataExport

    export = DataExport.objects.filter(user=world.user, status=DataExport.Status.READY).first()
    if export is None:
        export = DataExport.objects.create(user=world.user, status=DataExport.Status.READY)
        export.file.save("export.zip", ContentFile(b"PK matrix"), save=True)
    return export

# Parameters that are a place inside the object another parameter names (the third role of a resume),
# not ids of their own: mixing them across candidates means nothing.
POSITIONS = {"index"}

# URLs with parameters that do not name a candidate's object, and why.
NOT_OWNED = {
    "admin:": "Django admin: staff only, behind its own permission checks (see test_admin_object_urls_refuse_candidates).",
    "account_confirm_email": "allauth: a signed e-mail confirmation key, not an object id.",
    "account_reset_password_from_key": "allauth: a signed password-reset key, not an object id.",
    "interviews:tavus_callback": ("Tavus posts here without a login: a per-session random token, compared in constant "
                                  "time (interviews/tests/test_video_callbacks.py: a bad token is 404)."),
}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str
    params: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return self.name.rsplit(":", 1)[0] if ":" in self.name else ""


def _walk(patterns, prefix="", namespace="", params=()):
    for pattern in patterns:
        own = tuple(getattr(pattern.pattern, "converters", {}) or pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else (
                pattern.namespace or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or "", params + own)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name=name, route=prefix + str(pattern.pattern), params=params + own)


ALL_ROUTES = sorted(set(_walk(get_resolver().url_patterns)), key=lambda r: r.name)
ROUTES = [r for r in ALL_ROUTES if r.params]


def _not_owned(route: Route) -> str | None:
    for key, reason in NOT_OWNED.items():
        if route.name == key or (key.endswith(":") and route.name.startswith(key)):
            return reason
    return None


def _fill(route: Route) -> tuple[Callable[[World], dict], Fill]:
    """The kwargs builder for this route, and its Fill (for POST bodies), or a failure saying what to add."""
    if route.name in FILL:
        return FILL[route.name].kwargs, FILL[route.name]
    builders, missing = [], []
    for param in route.params:
        key = f"{route.namespace}:<{param}>"
        (builders.append(FILL[key].kwargs) if key in FILL else missing.append(key))
    if missing:
        pytest.fail(f"The access matrix does not know how to fill {', '.join(missing)} in {route.name} "
                    f"({route.route}). Add an entry to FILL in saylo/tests/test_access_matrix.py (or, if it names no "
                    "candidate's object, to NOT_OWNED with the reason).")

    def kwargs(world: World) -> dict:
        merged: dict = {}
        for builder in builders:
            merged.update(builder(world))
        return merged

    return kwargs, Fill(kwargs)


def _snapshot() -> tuple:
    """Every row the matrix could touch, and what they say, to prove a refused request changed nothing."""
    models = (Resume, JobDescription, InterviewSession, Question, TranscriptTurn, Cheatsheet, ScoreRun)
    return tuple(sorted(map(str, model.objects.values_list(*[f.attname for f in model._meta.concrete_fields
                                                           if f.attname not in {"updated_at"}])))
                 for model in models)


def _request(client, method: str, url: str, fill: Fill, world: World):
    if method == "get":
        return client.get(url)
    body, content_type = fill.post(world) if fill.post else ({}, None)
    return client.post(url, body, content_type=content_type) if content_type else client.post(url, body)


def _works(status: int, fill: Fill) -> bool:
    return 200 <= status < 400 or status == 405 or status in fill.owner_statuses


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if not _not_owned(r)], ids=lambda r: r.name)
def test_object_url_works_for_its_owner_only(client, route):
    kwargs, fill = _fill(route)
    owner, stranger = UserFactory(), UserFactory()
    world, theirs = build_world(owner), build_world(stranger)
    url = reverse(route.name, kwargs=kwargs(world))
    before = _snapshot()

    for method in ("get", "post"):
        client.logout()
        response = _request(client, method, url, fill, world)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login")), (
            f"visitor {method.upper()} {url}: {response.status_code}")

        client.force_login(stranger)
        response = _request(client, method, url, fill, theirs)
        assert response.status_code in (404, 405), f"another user {method.upper()} {url}: {response.status_code}"

        ids = [param for param in route.params if param not in POSITIONS]
        if len(ids) > 1:  # the stranger's first object with the owner's others: still 404
            mixed = {**kwargs(world), route.params[0]: kwargs(theirs)[route.params[0]]}
            response = _request(client, method, reverse(route.name, kwargs=mixed), fill, theirs)
            assert response.status_code in (404, 405), f"mixed ids {method.upper()} {mixed}: {response.status_code}"
    assert _snapshot() == before, f"a refused request to {url} changed something"

    client.force_login(owner)
    statuses = {}
    for method in ("get", "post"):  # POST last: it may delete what the URL names
        response = _request(client, method, url, fill, world)
        statuses[method] = response.status_code
        assert _works(response.status_code, fill), f"owner {method.upper()} {url}: {response.status_code}"
    assert set(statuses.values()) != {405}, f"{url} refused both GET and POST from its owner"


@pytest.mark.django_db
def test_ids_past_64_bits_are_404_not_500(client):
    owner = UserFactory()
    build_world(owner)
    client.force_login(owner)
    for route in ROUTES:
        if _not_owned(route) or any(p not in {"pk", "question_pk"} for p in route.params):
            continue
        url = reverse(route.name, kwargs=dict.fromkeys(route.params, 2**64))
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code in (404, 405), f"{method.upper()} {url}"


def test_every_url_with_parameters_is_covered():
    """Also as one failure listing everything new, not only one failure per route."""
    missing = []
    for route in ROUTES:
        if _not_owned(route) or route.name in FILL:
            continue
        missing += [f"{route.name} ({param})" for param in route.params if f"{route.namespace}:<{param}>" not in FILL]
    assert not missing, f"Add these to FILL or NOT_OWNED in saylo/tests/test_access_matrix.py: {', '.join(missing)}"


@pytest.mark.django_db
def test_admin_object_urls_refuse_candidates(client):
    owner = UserFactory()
    world = build_world(owner)
    urls = [reverse("admin:resumes_resume_change", args=[world.resume.pk]),
            reverse("admin:interviews_interviewsession_change", args=[world.session.pk]),
            reverse("admin:accounts_user_change", args=[owner.pk])]
    for url in urls:
        client.logout()
        assert client.get(url).url.startswith(reverse("admin:login"))
        client.force_login(owner)  # a candidate, not staff
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
