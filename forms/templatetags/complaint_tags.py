"""Ways to get help that other pages offer when they cannot help themselves."""

from django import template
from django.utils.translation import get_language

from content.models import Hotline
from forms.models import ComplaintPage

register = template.Library()


@register.inclusion_tag("complaints/includes/get_help.html")
def get_help():
    """The national hotlines and the complaint page, in the reader's language.

    The complaint link is the live page's own address; where there is none in this
    language, there is no link rather than a guessed one.
    """
    language = get_language()
    return {
        "hotlines": list(
            Hotline.objects.live().filter(
                locale__language_code=language, scope=Hotline.Scope.NATIONAL
            )
        ),
        "complaint_page": ComplaintPage.objects.live()
        .filter(locale__language_code=language)
        .first(),
    }
