from django import template

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


@register.simple_tag
def status_badge(session):
    """`{% status_badge session %}`: the interview's state as a badge ("Preparing…", "Scored")."""
    from django.utils.html import format_html

    label = session.get_status_display()
    if session.status in ("preparing", "scoring"):
        label += "…"
    return format_html('<span class="{}">{}</span>', _BADGES.get(session.status, "badge"), label)


@register.simple_tag
def next_step(session, button=False):
    """`{% next_step session button=True %}`: the one link that moves this interview on."""
    from django.urls import reverse
    from django.utils.html import format_html

    if session.status == "failed":
        step = ("See what went wrong", "interviews:results" if session.failed_step == "score" else "interviews:detail",
                "btn btn-primary" if session.failed_step == "score" else "btn btn-secondary")
    else:
        step = _NEXT_STEPS.get(session.status, ("Review questions", "interviews:detail", "btn btn-secondary"))
    text, page, style = step
    href = reverse(page, args=[session.pk])
    if button:
        return format_html('<a class="{}" href="{}">{}</a>', style, href, text)
    return format_html('<a href="{}">{}</a>', href, text)
