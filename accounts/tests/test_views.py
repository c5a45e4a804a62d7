import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def _signup(client, **overrides):
    data = {"email": "new@example.com", "password1": "Practice-makes-42", "password2": "Practice-makes-42",
            "first_name": "Nia"}
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def test_landing_page_for_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Start practising" in response.content.decode()


def test_landing_redirects_signed_in_users_to_dashboard(client_user):
    assert client_user.get("/").url == reverse("dashboard")


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_dashboard_says_what_to_do_next(client, user):
    user.target_role = ""
    user.save()
    client.force_login(user)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Your next step" in body
    assert "Set target role" in body


def test_signup_creates_user_and_signs_in(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.first_name == "Nia"
    assert client.get(reverse("dashboard")).status_code == 200
    # a verification mail goes out through the configured (console/locmem) backend
    assert any("new@example.com" in m.to for m in mail.outbox)


def test_signup_with_taken_email_shows_error(client, user):
    response = _signup(client, email=user.email.upper())
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email=user.email).count() == 1


def test_signup_with_weak_password_shows_error(client):
    response = _signup(client, password1="password", password2="password")
    assert response.status_code == 200
    assert "too common" in response.content.decode() or "too short" in response.content.decode()
    assert not User.objects.filter(email="new@example.com").exists()


def test_signup_with_malformed_email_shows_error(client):
    response = _signup(client, email="not-an-email")
    assert response.status_code == 200
    assert "valid email" in response.content.decode()
    assert User.objects.count() == 0


def test_post_without_csrf_is_refused_with_styled_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    assert "That form had expired" in response.content.decode()


def test_login_and_logout(client, user, password):
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302 and response.url == reverse("dashboard")
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_login_rate_limit_is_on(client, user):
    for _ in range(6):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sends_mail(client, user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "Password Reset" in mail.outbox[0].subject


def test_allauth_pages_use_product_layout(client):
    for name in ["account_login", "account_signup", "account_reset_password"]:
        body = client.get(reverse(name)).content.decode()
        assert 'class="brand"' in body and "saylo.css" in body, name
        assert 'class="field' in body, name


def test_profile_update(client_user, user):
    response = client_user.post(reverse("accounts:profile"),
                                {"first_name": " Ada ", "last_name": "Lovelace", "target_role": "Data engineer"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.target_role) == ("Ada", "Lovelace", "Data engineer")


def test_profile_rejects_overlong_role(client_user, user):
    data = {"first_name": "A", "last_name": "B", "target_role": "x" * 500}
    response = client_user.post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    assert "at most 120 characters" in response.content.decode()
    user.refresh_from_db()
    assert user.target_role == "Backend engineer"


def test_unknown_url_gives_styled_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_server_error_gives_styled_500_without_details(client, settings):
    from saylo import views

    response = views.server_error(None)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in body and "Traceback" not in body


def test_healthz(client):
    assert client.get(reverse("healthz")).json() == {"ok": True}


def test_pages_send_strict_content_security_policy(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_admin_user_changelist_searches(client, user, django_user_model):
    admin = django_user_model.objects.create_superuser("boss@example.com", "pw-long-enough-1")
    client.force_login(admin)
    response = client.get(reverse("admin:accounts_user_changelist"), {"q": user.email})
    assert response.status_code == 200
    assert user.email in response.content.decode()
