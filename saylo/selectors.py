"""Reads shared by site-wide pages."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class DashboardStep:
    title: str
    detail: str
    done: bool
    url: str
    action: str


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def dashboard_steps(*, user) -> list[DashboardStep]:
    """The candidate's path through Saylo, with what is already done."""
    profile_done = bool(user.target_role)
    return [
        DashboardStep(
            title="Tell us the role you are aiming for",
            detail="Your target role shapes the questions and the feedback.",
            done=profile_done,
            url=_url("accounts:profile"),
            action="Edit profile" if profile_done else "Set target role",
        ),
    ]
