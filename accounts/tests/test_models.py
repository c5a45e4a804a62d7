import pytest

from accounts.models import User


@pytest.mark.django_db
def test_create_user_uses_email_as_login_and_lowercases_it():
    user = User.objects.create_user("Ada@Example.COM", "pw-long-enough-1")
    assert user.email == "ada@example.com"
    assert not hasattr(user, "username") or user.username is None
    assert User.USERNAME_FIELD == "email"
    assert user.check_password("pw-long-enough-1")


@pytest.mark.django_db
def test_create_superuser_is_staff():
    admin = User.objects.create_superuser("root@example.com", "pw-long-enough-1")
    assert admin.is_staff and admin.is_superuser


def test_create_user_without_email_is_refused():
    with pytest.raises(ValueError):
        User.objects.create_user("", "pw")


def test_display_name_falls_back_to_email_name():
    assert User(email="lee@example.com").display_name == "lee"
    assert User(email="lee@example.com", first_name="Lee", last_name="Chen").display_name == "Lee Chen"
