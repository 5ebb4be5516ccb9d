"""The safety parts of every public page: the hotline bar and the quick exit."""

from django import template
from wagtail.models import Locale

from content.models import Hotline, SiteSettings

register = template.Library()


@register.inclusion_tag("content/includes/hotline_bar.html", takes_context=True)
def hotline_bar(context):
    locale = Locale.get_active()
    hotlines = Hotline.objects.filter(locale=locale, scope=Hotline.Scope.NATIONAL)
    return {"hotlines": list(hotlines)}


@register.inclusion_tag("content/includes/quick_exit.html", takes_context=True)
def quick_exit(context):
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request else SiteSettings()
    return {"quick_exit_url": site_settings.quick_exit_url}
