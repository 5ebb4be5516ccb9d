"""The CDN in front of the portal: what it may keep, and what it is told to forget.

What it may keep: exactly what the page cache (content/page_cache.py) would keep, the
same for every cookie-less reader. Those responses say ``public, max-age=0,
s-maxage=CDN_CACHE_SECONDS, stale-if-error=CDN_STALE_IF_ERROR_SECONDS``: browsers
revalidate each time (a reader sees a publish at once), the CDN keeps the page until
it is purged or the time runs out, and keeps answering with the last copy while the
portal is down, so the hotline numbers stay reachable. A page whose content changes
at a known time (an "open now" badge) is kept no longer than that.

Every other response of a Wagtail page (a search with its words, the directory
"nearest to me" with a location, a page seen by staff, the complaint and follow-up
pages) says ``private, no-store`` unless it already says something stricter: no
shared cache and no shared phone keeps a search term, a location or a form.

What it is told to forget: when a page is published or unpublished, Wagtail's
frontend cache (``wagtail.contrib.frontend_cache``, configured by WAGTAILFRONTENDCACHE
from the environment) purges the page, its translations, and the pages above them up
to the home page (their listings show it) in every language, each by its own URL
(``/id/kampanye/`` and ``/en/campaigns/``: translated slugs are not prefix swaps, so
Wagtail's own handlers, which swap the prefix, are not installed). The purge runs as
a background task. Changes that show on every page (a hotline, the site settings) are
not purged page by page: CDN_CACHE_SECONDS bounds how long the CDN shows them late.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished


def mark_public(response, seconds: int) -> None:
    """Let browsers and the CDN keep this response for ``seconds`` (see above)."""
    seconds = min(seconds, settings.CDN_CACHE_SECONDS)
    if seconds <= 0:
        mark_private(response)
        return
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=seconds,
        stale_if_error=settings.CDN_STALE_IF_ERROR_SECONDS,
    )


def mark_private(response) -> None:
    """No shared cache, and no browser cache, keeps this response."""
    if "no-store" not in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True, no_store=True)


def pages_to_purge(page: Page) -> list[Page]:
    """The page and the pages above it up to the site root, each in every language."""
    pages = []
    for each in [page, *page.get_ancestors().filter(depth__gt=1)]:
        pages.extend(each.get_translations(inclusive=True).specific(defer=True))
    return pages


def purge(sender=None, instance: Page | None = None, **kwargs) -> None:
    if not settings.WAGTAILFRONTENDCACHE or instance is None:
        return
    batch = PurgeBatch()
    batch.add_pages(pages_to_purge(instance))
    batch.purge()


def connect_signals() -> None:
    """Called from ContentConfig.ready()."""
    page_published.connect(purge, dispatch_uid="cdn_purge_published")
    page_unpublished.connect(purge, dispatch_uid="cdn_purge_unpublished")
