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
