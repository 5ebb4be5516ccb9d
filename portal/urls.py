from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content.sitemap import PortalSitemap
from portal.api import api_router
from portal.health import healthz, readyz

urlpatterns = [
    # The URL contract: "/" always goes to the Indonesian home, whatever the browser
    # asks for, so that one cached redirect serves every reader.
    path("", RedirectView.as_view(url="/id/", permanent=False)),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("open-data/", include("content.directory.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
]

if not settings.PRODUCTION:
    # Public media (images, documents) for the embedded default; production serves
    # them from the storage bucket. Evidence files are never under MEDIA_ROOT.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns += i18n_patterns(
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
