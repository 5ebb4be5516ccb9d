"""The moderation bar of wagtail-localize's translation editor (portal/moderation.py)."""

from django import template

from portal.moderation import moderation_state

register = template.Library()


@register.inclusion_tag("portal/moderation/translation_bar.html", takes_context=True)
def translation_moderation(context, translation, instance):
    request = context["request"]
    return {
        "translation": translation,
        "state": moderation_state(instance, request.user),
        "next_url": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
