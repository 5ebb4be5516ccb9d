"""axe-core finds no serious or critical accessibility problem on the public pages."""

import pytest

PAGES = [
    "/id/",
    "/id/kampanye/berani-bicara/",
    "/en/campaigns/dare-to-speak-up/",
    "/id/layanan/",
    "/id/layanan/uptd-ppa-kota-surabaya/",
    "/en/services/?province=35",
    "/id/lapor/",
    "/id/lapor/status/",
    "/id/cari/?q=kekerasan",
    "/id/kampanye/",
    "/id/angka/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_serious_accessibility_violation(phone, axe, demo_site, path):
    phone.goto(demo_site + path)
    assert axe(phone) == []
