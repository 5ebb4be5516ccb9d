"""The sitemap: every live public page of the site, in every language.

Wagtail's own sitemap lists the descendants of the site's root page only, which is
the Indonesian home page: the English pages live under its translation, a sibling,
and would be left out.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from content.models.base import public_q


class PortalSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        in_any_language = Q()
        for path in roots:
            in_any_language |= Q(path__startswith=path)
        return (
            Page.objects.filter(in_any_language)
            .live()
            .filter(public_q())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
