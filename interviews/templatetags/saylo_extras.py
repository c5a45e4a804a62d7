from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from core.paths import path_for
from interviews.models import InterviewSession

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}` — dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def coach_name(engine):
    """`{{ run.engine|coach_name }}` — "Saylo’s built-in coach", "the Gemini coach"."""
    from interviews.insights import coach_name as name

    return name(engine)


# The status badge and the next-step link appear on every row of the interview lists: written here
# once per row rather than as an included template (an include per row, and three `{% url %}`s of
# which one is used, were the lists' largest cost).
_BADGES = {"scored": "badge badge-good", "ready": "badge badge-accent", "failed": "badge badge-bad",
           "preparing": "badge badge-info", "scoring": "badge badge-info"}

# status → (link text, page, button style); `failed` depends on the step (see below)
_NEXT_STEPS = {
    "ready": ("Start the interview", "interviews:room", "btn btn-primary"),
    "live": ("Resume where you left off", "interviews:room", "btn btn-primary"),
    "preparing": ("Watch it get ready", "interviews:detail", "btn btn-secondary"),
    "scored": ("Read your feedback", "interviews:results", "btn btn-primary"),
    "finished": ("Scoring…", "interviews:results", "btn btn-secondary"),
    "scoring": ("Scoring…", "interviews:results", "btn btn-secondary"),
}


# The labels of a row, looked up here: Django's get_FOO_display() rebuilds a dict of every choice on
# each call (two per row, forty a page).
_STATUS_LABELS = dict(InterviewSession.Status.choices)
_MODE_LABELS = dict(InterviewSession.Mode.choices)
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _row_date(when, *, clock: bool = False) -> str:
    """"5 Dec 2026" (with ", 09:05" when `clock`) in the site's time zone, as the `j M Y` date format
    writes it (the site is in English: USE_I18N is off), without the formatter's per-call setup."""
    when = localtime(when)
    day = f"{when.day} {_MONTHS[when.month]} {when.year}"
    return f"{day}, {when:%H:%M}" if clock else day


@register.simple_tag
def status_badge(session):
    """`{% status_badge session %}`: the interview's state as a badge ("Preparing…", "Scored")."""

    label = _STATUS_LABELS.get(session.status, session.status)
    if session.status in ("preparing", "scoring"):
        label += "…"
    return format_html('<span class="{}">{}</span>', _BADGES.get(session.status, "badge"), label)


@register.simple_tag
def next_step(session, button=False):
    """`{% next_step session button=True %}`: the one link that moves this interview on."""

    if session.status == "failed":
        step = ("See what went wrong", "interviews:results" if session.failed_step == "score" else "interviews:detail",
                "btn btn-primary" if session.failed_step == "score" else "btn btn-secondary")
    else:
        step = _NEXT_STEPS.get(session.status, ("Review questions", "interviews:detail", "btn btn-secondary"))
    text, page, style = step
    href = path_for(page, session.pk)
    if button:
        return format_html('<a class="{}" href="{}">{}</a>', style, href, text)
    return format_html('<a href="{}">{}</a>', href, text)


@register.simple_tag
def history_row(session):
    """`{% history_row session %}`: one interview's row of the history table (20 a page: written here
    in one pass rather than by a dozen template lookups and conditions per row)."""

    page = "interviews:results" if session.status == "scored" else "interviews:detail"
    if session.score_change is not None:
        change = format_html(
            '<span class="{}" title="Compared with your previous interview for this job with this resume">{}{}</span>',
            "up" if session.score_change >= 0 else "down", "+" if session.score_change >= 0 else "", session.score_change)
    elif session.latest_score is not None:
        change = mark_safe('<span class="muted small" title="No earlier interview for this job with this resume '  # noqa: S308
                           'to compare with">first</span>')  # a constant
    else:
        change = "—"
    return format_html(
        '<tr><td data-label="Interview"><a href="{}">{}</a><br><span class="muted small">with {}</span></td>'
        '<td data-label="Date" class="nowrap">{}</td><td data-label="Mode">{}</td><td data-label="Status">{}</td>'
        '<td data-label="Score" class="num">{}</td><td data-label="Since last time" class="num">{}</td></tr>',
        path_for(page, session.pk), session.title or str(session), session.resume_label,
        _row_date(session.created_at), _MODE_LABELS.get(session.mode, session.mode), status_badge(session),
        "—" if session.latest_score is None else session.latest_score, change)


@register.simple_tag
def session_row(session):
    """`{% session_row session %}`: one interview's row of the interview lists, with its next step."""

    return format_html(
        '<tr><td data-label="Interview"><a href="{}">{}</a><br><span class="muted small">with {}</span></td>'
        '<td data-label="Created" class="nowrap">{}</td><td data-label="Mode">{}</td><td data-label="Status">{}</td>'
        '<td data-label="Score" class="num">{}</td><td data-label="Next step">{}</td></tr>',
        path_for("interviews:detail", session.pk), session.title or str(session), session.resume_label,
        _row_date(session.created_at, clock=True), _MODE_LABELS.get(session.mode, session.mode), status_badge(session),
        "—" if session.latest_score is None else session.latest_score, next_step(session))
