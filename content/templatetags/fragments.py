"""``{% fragment "name" [value ...] %}…{% endfragment %}``: a part of a public page kept
between renders under the page cache's generation (``content.page_cache.cached_fragment``).

Only on a Wagtail page that the page cache may store (``cache_page`` not False), for a
GET: the complaint and statistics pages, and every view that is not a page, render
their fragments afresh. A fragment must hold nothing personal or per-request (no form
with a CSRF token, no nonce); what it shows may depend on the page, the language, the
host and the values listed after its name, nothing else.
"""

from django import template
from wagtail.models import Page

from content import page_cache

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request, page = context.get("request"), context.get("page")
        if request is None or not isinstance(page, Page) or not getattr(page, "cache_page", True):
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
