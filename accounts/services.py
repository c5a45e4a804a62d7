"""Writes to accounts."""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class DemoSeed:
    user: User
    created: bool
    notes: list[str]


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
    return DemoSeed(user=user, created=created, notes=_demo_materials_ensure(user))


def _demo_materials_ensure(user: User) -> list[str]:
    """A sample resume and job for the demo candidate, added once."""
    from accounts.demo_content import DEMO_JOB_COMPANY, DEMO_JOB_TEXT, DEMO_JOB_TITLE, DEMO_RESUME
    from resumes.models import JobDescription
    from resumes.services import job_create, resume_paste, resume_read_now

    notes = []
    result = resume_paste(user=user, text=DEMO_RESUME, title="Sample resume — backend engineer")
    resume = resume_read_now(resume=result.resume)  # a command: the demo's interviews need it read
    notes.append(("Added" if result.created else "Kept") + f" the sample resume ({resume.skills_count} skills).")
    job = JobDescription.objects.filter(user=user, title=DEMO_JOB_TITLE, company=DEMO_JOB_COMPANY).first()
    if job is None:
        job = job_create(user=user, title=DEMO_JOB_TITLE, company=DEMO_JOB_COMPANY, text=DEMO_JOB_TEXT)
        notes.append(f"Added the sample job “{job}”.")
    else:
        notes.append(f"Kept the sample job “{job}”.")
    return notes


def _verified_email_ensure(user: User) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
