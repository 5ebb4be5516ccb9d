"""Fixtures shared by every suite; suite-specific ones live beside their tests."""

import pytest
from wagtail.models import Locale, Page, Site

from content.models import HomePage


@pytest.fixture
def locales(db):
    """Indonesian (the default) and English, as the portal runs them."""
    indonesian = Locale.objects.get_or_create(language_code="id")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    return indonesian, english


@pytest.fixture
def home_page(locales):
    """The Indonesian home page as the root of the default site."""
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Satu Layanan", slug="beranda", locale=locales[0])
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home
