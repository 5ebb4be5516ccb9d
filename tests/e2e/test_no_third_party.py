"""No public page makes the browser contact any host but the portal's own.

A reader's phone must not tell a font, analytics or video service that it opened a
page about violence. Add the paths of new public page types to PUBLIC_PATHS.
"""

from urllib.parse import urlsplit

PUBLIC_PATHS = [
    "/id/",
    "/id/kampanye/",
    "/id/kampanye/berani-bicara/",
    "/id/berita/",
    "/id/berita/posko-ppt-ketabang/",
    "/id/berita/?tag=layanan",
    "/id/agenda/",
    "/id/agenda/sosialisasi-sdn-ketabang/",
    "/en/",
    "/en/campaigns/",
    "/en/campaigns/dare-to-speak-up/",
    "/id/layanan/",
    "/id/layanan/?regency=35.78&open_now=1",
    "/id/layanan/uptd-ppa-kota-surabaya/",
    "/en/services/",
    "/id/cari/?q=kekerasan",
    "/en/search/?q=report",
]


def test_public_pages_request_nothing_from_other_hosts(phone, demo_site):
    portal = urlsplit(demo_site).netloc
    requested = []
    phone.on("request", lambda request: requested.append(request.url))
    for path in PUBLIC_PATHS:
        response = phone.goto(demo_site + path)
        assert response.status == 200, path
        phone.wait_for_load_state("networkidle")
    foreign = [
        url
        for url in requested
        if urlsplit(url).scheme != "data" and urlsplit(url).netloc != portal
    ]
    assert foreign == []
    assert len(requested) >= len(PUBLIC_PATHS)
