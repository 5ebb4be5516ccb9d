"""The safety parts of every public page: the hotline bar and the quick exit."""

from django import template
from django.utils.translation import get_language

from content.models import Hotline, SiteSettings

register = template.Library()


@register.inclusion_tag("content/includes/hotline_bar.html", takes_context=True)
def hotline_bar(context):
    # A join on the language code rather than Locale.get_active(): one query, not two.
    # Only published hotlines: a number an editor changed waits for a moderator.
    hotlines = (
        Hotline.objects.live()
        .filter(locale__language_code=get_language(), scope=Hotline.Scope.NATIONAL)
        .only("name", "number", "whatsapp")
    )
    return {"hotlines": list(hotlines)}


@register.inclusion_tag("content/includes/quick_exit.html", takes_context=True)
def quick_exit(context):
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request else SiteSettings()
    return {"quick_exit_url": site_settings.quick_exit_url}
