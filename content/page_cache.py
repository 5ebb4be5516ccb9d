"""A whole-page cache for anonymous readers of public Wagtail pages.

Why our own and not Django's cache middleware: Django's ignores ``Cache-Control:
no-store``, and knows nothing about Wagtail's publishing; Wagtail's frontend cache
purges a CDN, which the embedded default does not have.

What is cached: the response to a GET of a Wagtail page (routed through
``wagtail.views.serve``, including a page's sub-routes such as the RSS feed and the
.ics download) by a reader who sends no cookie, when the response is a 200 that sets
no cookie, did not use the CSRF token (no form) and does not say ``no-store``,
``no-cache`` or ``private``. The complaint and follow-up pages fail these tests on
several counts (CSRF form, ``no-store``), and a page class can also opt out with
``cache_page = False``.

Query strings: a page lists the parameters its rendering depends on in
``cache_query_params`` (e.g. ``("page", "tag")``). A request that carries any other
parameter is served uncached and never stored, so that search terms (which may be
"how do I leave my husband") never land in the cache, and random parameters cannot
fill it.

Invalidation: every key contains a generation number, and any change that can show on
a public page (a page saved, published, unpublished, moved or deleted; a hotline, the
site settings, an image or document changed) increments it. Everything cached before
is then unreachable and expires on its own. Coarse, but correct by construction: the
home page lists campaigns, news and events, so publishing any of them must refresh it
anyway, and editors publish a few times a day while readers read all day.
PAGE_CACHE_SECONDS bounds how long "current campaigns" and "upcoming events" can lag
behind the clock; a page that knows when it will change sooner says so with
``expire_by`` (the directory and unit pages: until the next opening or closing).
With several web processes the cache must be shared (REDIS_URL), or a publish
invalidates only the process that handled it.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation
from wagtail import hooks
from wagtail.models import Page

from content import cdn

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
# Models shown on public pages besides pages themselves. Other apps add theirs with
# ``register_model("app.Model")`` or call ``invalidate()`` directly.
INVALIDATING_MODELS = {
    "content.Hotline",
    "content.Service",  # unit pages name the services they offer
    "content.SiteSettings",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "taggit.Tag",
}
REFUSING_DIRECTIVES = ("no-store", "no-cache", "private")


def timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def generation(key: str = GENERATION_KEY) -> int:
    """The current number of a generation counter (the page cache's by default; other
    caches, such as the statistics figures, keep theirs under another key)."""
    value = cache.get(key)
    if value is None:
        # Start from the clock, not 0: after the key is evicted or the cache restarts,
        # old page entries that survived must not become reachable again.
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def bump(key: str = GENERATION_KEY) -> None:
    """Move a generation counter on: everything cached under the old number is gone."""
    try:
        cache.incr(key)
    except ValueError:  # no generation yet: the next read starts a fresh one
        cache.add(key, time.time_ns(), timeout=None)


def invalidate(**kwargs) -> None:
    """Make every cached page unreachable (signal receivers pass keyword arguments)."""
    bump()


def cache_key(request, generation_number: int) -> str:
    digest = hashlib.sha256(
        f"{request.get_host()}\n{request.path}\n{request.META.get('QUERY_STRING', '')}".encode()
    ).hexdigest()
    # "page:", not the "pagecache:" of entries in an older shape, still in a shared cache.
    return f"page:{generation_number}:{digest}"


def expire_by(request, moment) -> None:
    """Store this response at most until ``moment`` (a page whose content changes at a
    known time, such as an "open now" badge). ``None`` leaves the usual timeout."""
    if moment is None:
        return
    current = getattr(request, "_page_cache_expires", None)
    if current is None or moment < current:
        request._page_cache_expires = moment


def lifetime(request, seconds: int | None = None) -> int:
    """Seconds to keep this response: PAGE_CACHE_SECONDS (or ``seconds``), or less if
    the page said so (see ``expire_by``)."""
    seconds = timeout() if seconds is None else seconds
    moment = getattr(request, "_page_cache_expires", None)
    if moment is not None:
        seconds = min(seconds, math.floor((moment - timezone.now()).total_seconds()))
    return seconds


def reader_request(request) -> bool:
    """A GET from someone without cookies: no session, no CSRF token, no staff."""
    return request.method == "GET" and not request.COOKIES


def storable(request, response) -> bool:
    # "Vary: Cookie" is no reason to refuse: the request carried no cookie, and only
    # cookie-less requests are ever served from this cache (reader_request).
    page = getattr(request, "_page_cache_page", None)
    if page is None or not getattr(page, "cache_page", True):
        return False
    allowed = set(getattr(page, "cache_query_params", ()))
    if any(name not in allowed for name in request.GET):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not any(directive in cache_control for directive in REFUSING_DIRECTIVES)
    )


class PageCacheMiddleware:
    """Serve and store anonymous page views (see the module docstring).

    It sits outside the session, CSRF and locale middleware, so that it sees the
    cookies and headers they add before it decides to store a response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reader = reader_request(request)
        key = cache_key(request, generation()) if reader and timeout() > 0 else None
        cached = cache.get(key) if key else None
        if cached is not None:
            status, headers, content, expires = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            # The CDN may keep it as long as a fresh response, but never past the
            # moment the page said it changes.
            left = settings.CDN_CACHE_SECONDS if expires is None else expires - time.time()
            cdn.mark_public(response, math.floor(min(settings.CDN_CACHE_SECONDS, left)))
            return response
        response = self.get_response(request)
        if getattr(request, "_page_cache_page", None) is None:
            return response  # not a Wagtail page: its view says what may be kept
        if not (reader and storable(request, response)):
            cdn.mark_private(response)
            return response
        cdn.mark_public(response, lifetime(request, settings.CDN_CACHE_SECONDS))
        seconds = lifetime(request)
        if key and seconds > 0:
            moment = getattr(request, "_page_cache_expires", None)
            expires = moment.timestamp() if moment is not None else None
            headers = [(name, value) for name, value in response.items() if name != HEADER]
            cache.set(key, (response.status_code, headers, response.content, expires), seconds)
            response[HEADER] = "miss"
        return response


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    # Only responses of Wagtail pages are ever stored: the middleware checks this mark.
    request._page_cache_page = page


def _invalidate_on_change(sender, instance, **kwargs):
    if isinstance(instance, Page) or sender._meta.label in INVALIDATING_MODELS:
        invalidate()


def register_model(label: str) -> None:
    INVALIDATING_MODELS.add(label)


def connect_signals() -> None:
    """Called from ContentConfig.ready()."""
    post_save.connect(_invalidate_on_change, dispatch_uid="page_cache_save")
    post_delete.connect(_invalidate_on_change, dispatch_uid="page_cache_delete")
    # Fail early if a label above is misspelt.
    for label in INVALIDATING_MODELS:
        apps.get_model(label)


# -- fragments of pages rendered without the page cache ---------------------------
#
# A page the page cache cannot serve (a query parameter it does not store, a reader
# with cookies, the first reader after a publish) still repeats most of what the last
# render of it built: the head's links, the header (hotlines, menu, languages), the
# footer, the home page's lists. ``{% fragment %}`` (content/templatetags/fragments.py)
# keeps such parts under the same generation number as whole pages, so that anything
# that empties the page cache empties them too, for at most FRAGMENT_CACHE_SECONDS
# (PAGE_CACHE_SECONDS by default: the same bound on "current" and "upcoming" lists).


def fragment_seconds() -> int:
    # Never longer than whole pages are kept: tests that turn the page cache on or
    # off turn the fragments with it.
    return min(getattr(settings, "FRAGMENT_CACHE_SECONDS", timeout()), timeout())


def fragment_key(request, name: str, vary_on) -> str | None:
    """The cache key of fragment ``name`` of this request's page, or None when it must
    be rendered afresh: no generation (the cache cannot answer), or no GET.

    Keyed on the host and scheme (absolute links), the language, the path (never the
    query string: what depends on a parameter names it in ``vary_on``).
    """
    if request.method != "GET":
        return None
    number = getattr(request, "_fragment_generation", None)
    if number is None:
        number = request._fragment_generation = generation()
    if number is None:
        return None
    parts = [request.scheme, request.get_host(), translation.get_language(), request.path]
    parts += [str(value) for value in vary_on]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"fragment:{number}:{name}:{digest}"


def cached_fragment(request, name: str, vary_on, render) -> str:
    """``render()``'s result, kept under ``fragment_key`` while its generation lasts."""
    seconds = fragment_seconds()
    key = fragment_key(request, name, vary_on) if seconds > 0 else None
    if key is None:
        return render()
    content = cache.get(key)
    if content is None:
        content = render()
        cache.set(key, content, seconds)
    return content
