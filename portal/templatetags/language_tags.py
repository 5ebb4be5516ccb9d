from django import template
from django.conf import settings

from portal.languages import alternates_for

register = template.Library()


def _alternates(context):
    request = context.get("request")
    if request is None:
        return []
    # Computed once per page render, shared by the head and the header.
    if "_language_alternates" not in context.render_context:
        context.render_context["_language_alternates"] = alternates_for(
            request, context.get("page")
        )
    return context.render_context["_language_alternates"]


@register.inclusion_tag("portal/includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for each language that has this very content."""
    request = context.get("request")
    alternates = [a for a in _alternates(context) if a.exact]
    default = next((a for a in alternates if a.language_code == settings.LANGUAGE_CODE), None)
    return {
        "alternates": [(a.language_code, request.build_absolute_uri(a.url)) for a in alternates],
        "x_default": request.build_absolute_uri(default.url) if default else None,
    }


@register.inclusion_tag("portal/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page (or its closest translated ancestor) in the other languages."""
    return {"alternates": _alternates(context)}
