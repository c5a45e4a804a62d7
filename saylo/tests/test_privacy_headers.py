"""What the browser may keep and which devices a page may use (issue 20, finding 9): every page a
signed-in person sees says `Cache-Control: private, no-store`; every page switches the camera and
microphone off except the interview room, which needs them."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from saylo.tests.test_pages_safety import _pages
from saylo.tests.world import build_world

pytestmark = pytest.mark.django_db

ROOM_PAGES = {"interviews:room"}


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def _policy(response) -> dict[str, str]:
    header = response.get("Permissions-Policy", "")
    return dict(part.strip().split("=", 1) for part in header.split(",") if part.strip())


def test_every_signed_in_page_is_private_and_never_stored(client):
    candidate = UserFactory()
    world = build_world(candidate)
    client.force_login(candidate)
    checked = 0
    for name, url in _pages(world):
        for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **extra)
            assert response.status_code < 500, name
            directives = _cache_control(response)
            assert {"private", "no-store"} <= directives, f"{name}: Cache-Control {response.get('Cache-Control')!r}"
            checked += response.get("Content-Type", "").startswith("text/html")
    assert checked > 40  # the walk reached the HTML pages, not only redirects and files


def test_staff_pages_are_private_and_never_stored(client, django_user_model):
    staff = django_user_model.objects.create_superuser("boss@example.com", "pw-long-enough-1")
    client.force_login(staff)
    for url in ("/admin/", "/admin/accounts/user/", reverse("dashboard")):
        assert {"private", "no-store"} <= _cache_control(client.get(url)), url


def test_a_visitors_page_is_left_to_its_view(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200 and "no-store" not in _cache_control(response)


def test_camera_and_microphone_only_on_the_interview_room(client):
    candidate = UserFactory()
    world = build_world(candidate)
    client.force_login(candidate)
    rooms = 0
    for name, url in _pages(world):
        response = client.get(url)
        policy = _policy(response)
        assert policy, f"{name}: no Permissions-Policy"
        assert policy["geolocation"] == "()" and policy["payment"] == "()" and policy["usb"] == "()", name
        if name in ROOM_PAGES and response.status_code == 200:
            rooms += 1
            assert policy["camera"] == "(self)" and policy["microphone"] == "(self)", name
        else:
            assert policy["camera"] == "()" and policy["microphone"] == "()", name
    assert rooms == 1  # the ready interview's room was opened, and allowed the camera and microphone
    assert _policy(client.get("/no-such-page/"))["camera"] == "()"
