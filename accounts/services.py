"""Writes to accounts."""

from django.db import transaction

from accounts.models import User


@transaction.atomic
def profile_update(*, user: User, first_name: str, last_name: str, target_role: str) -> User:
    """Change the candidate's name and target role. Raises ValidationError on bad values."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.target_role = target_role.strip()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name", "target_role"])
    return user


DEMO_EMAIL = "demo@saylo.local"


class DemoSeed:
    def __init__(self, user: User, created: bool, notes: list[str]):
        self.user, self.created, self.notes = user, created, notes


@transaction.atomic
def demo_user_ensure(*, password: str) -> DemoSeed:
    """Create the demo candidate, or reset its password and profile if it exists. Idempotent."""
    user, created = User.objects.get_or_create(
        email=DEMO_EMAIL, defaults={"first_name": "Demo", "last_name": "Candidate"}
    )
    user.target_role = user.target_role or "Backend software engineer"
    user.set_password(password)
    user.is_active = True
    user.save()
    _verified_email_ensure(user)
    return DemoSeed(user=user, created=created, notes=[])


def _verified_email_ensure(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
