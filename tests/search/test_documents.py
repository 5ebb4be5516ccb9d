"""Page → search document: what the registry's default adapter reads."""

import pytest

from search.documents import content_type_for, document_for, indexed_models
from search.models import SearchPage

pytestmark = pytest.mark.django_db


def test_a_home_page_document_has_its_title_text_language_and_address(home_page):
    home_page.intro = "<p>Satu laporan, <b>semua</b> layanan.</p>"
    home_page.search_description = "Portal layanan"
    home_page.save()
    document = document_for(home_page)
    assert document.title == "Satu Layanan"
    assert document.body == "Portal layanan Satu laporan, semua layanan."
    assert document.language == "id"
    assert document.content_type == "page"
    assert document.url == "/id/"


def test_draft_pages_have_no_document(home_page):
    child = home_page.add_child(instance=type(home_page)(title="Draf", live=False))
    assert document_for(child) is None


def test_the_search_page_itself_is_not_indexed(home_page):
    page = home_page.add_child(instance=SearchPage(title="Cari", slug="cari"))
    assert content_type_for(page) is None
    assert document_for(page) is None


def test_registered_labels_of_models_that_do_not_exist_are_skipped():
    labels = {model._meta.label for model in indexed_models()}
    assert "content.HomePage" in labels
    assert all(label.count(".") == 1 for label in labels)
