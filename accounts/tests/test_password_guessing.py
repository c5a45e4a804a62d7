"""Nowhere to guess passwords without a limit (issue 20, findings 5 and 6): the admin's sign-in goes
through allauth's login and its lockout; deleting the account checks the password only when the
deletion is confirmed, and is limited like allauth's password change."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from saylo.tests.html import by_id, parse

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-123"


@pytest.fixture
def staff(password):
    return UserFactory(password=password, is_staff=True, is_superuser=True)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_fifty_wrong_admin_passwords_then_the_right_one_is_refused(staff, password):
    # Django's admin form checks no password any more: whatever is posted to it signs nobody in.
    client = Client()
    for _ in range(50):
        client.post("/admin/login/", {"username": staff.email, "password": WRONG, "next": "/admin/"})
    client.post("/admin/login/", {"username": staff.email, "password": password, "next": "/admin/"})
    assert not _signed_in(client)
    # Where it sends staff, allauth's login, the 50 guesses lock the account: the right password is refused.
    login = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(50):
        client.post(login, {"login": staff.email, "password": WRONG})
    response = client.post(login, {"login": staff.email, "password": password})
    assert not _signed_in(client)
    assert response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_admin_login_sends_staff_to_allauths_login_and_back(staff, password):
    client = Client()
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Faccounts%2Fuser%2F"
    response = client.post(reverse("account_login"), {"login": staff.email, "password": password,
                                                      "next": "/admin/accounts/user/"})
    assert response.status_code == 302 and response["Location"] == "/admin/accounts/user/"
    assert client.get("/admin/accounts/user/").status_code == 200


def test_a_signed_in_candidate_is_refused_the_admin(client_user):
    assert client_user.get("/admin/login/").status_code == 403
    assert client_user.get("/admin/").status_code in {302, 403}
    assert client_user.get("/admin/accounts/user/").status_code in {302, 403}


# --- Deleting the account -------------------------------------------------------------------------

def _delete(client, **data):
    return client.post(reverse("accounts:delete"), data)


def test_an_unconfirmed_deletion_never_says_whether_the_password_is_right(client_user, user, password):
    wrong = _delete(client_user, password=WRONG)
    right = _delete(client_user, password=password)
    for response in (wrong, right):
        assert response.status_code == 200
        page = parse(response.content)
        assert not page.xpath("//*[contains(text(), 'password is not right')]")
        assert by_id(response.content, "id_confirm") is not None
    assert parse(wrong.content).xpath("//*[contains(@class, 'error')]//text()") == \
        parse(right.content).xpath("//*[contains(@class, 'error')]//text()")
    assert User.objects.filter(pk=user.pk).exists()


def test_a_confirmed_deletion_checks_the_password(client_user, user):
    response = _delete(client_user, password=WRONG, confirm="on")
    assert "That password is not right." in response.content.decode()
    response = _delete(client_user, confirm="on")
    assert "Enter your password" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deletion_attempts_are_limited_five_then_429(client_user, user, password):
    for _ in range(5):
        assert _delete(client_user, password=WRONG, confirm="on").status_code == 200
    assert _delete(client_user, password=WRONG, confirm="on").status_code == 429
    assert _delete(client_user, password=password, confirm="on").status_code == 429  # even the right one, for now
    assert User.objects.filter(pk=user.pk).exists()
