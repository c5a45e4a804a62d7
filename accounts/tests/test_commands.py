from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_login(settings):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    assert User.objects.filter(email="demo@saylo.local").count() == 1
    user = User.objects.get(email="demo@saylo.local")
    assert user.check_password(settings.DEMO_PASSWORD)
    assert f"password {settings.DEMO_PASSWORD}" in out.getvalue()
