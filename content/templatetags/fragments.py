"""``{% fragment "name" [value ...] %}…{% endfragment %}``: a part of a public page kept
between renders under the page cache's generation (``content.page_cache.cached_fragment``).

Only on a Wagtail page that the page cache may store (``cache_page`` not False), for a
GET by a reader without a session: the complaint and statistics pages, every view that
is not a page, and anyone with a session (staff, an editor's preview of a draft, a
reader let into a restricted page) render their fragments afresh and keep nothing, so
that no draft or restricted content reaches a reader. A fragment must hold nothing
personal or per-request (no form with a CSRF token, no nonce); what it shows may depend
on the page, the language, the host and the values listed after its name, nothing else.
"""

from django import template
from django.conf import settings
from wagtail.models import Page

from content import page_cache

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        if (
            request is None
            or not isinstance(page, Page)
            or not getattr(page, "cache_page", True)
            or getattr(request, "is_preview", False)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.nodelist.render(context)
        vary_on = [page.pk, *(value.resolve(context) for value in self.vary_on)]
        return page_cache.cached_fragment(
            request, self.name, vary_on, lambda: self.nodelist.render(context)
        )


@register.tag("fragment")
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
