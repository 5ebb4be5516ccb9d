"""Indexing follows publishing, on every configured backend."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, PageViewRestriction

from content.models import ArticlePage
from search.api import search
from search.backends import get_backend
from search.models import SearchEntry
from tests.search.conftest import BACKENDS

pytestmark = pytest.mark.django_db


@pytest.fixture(params=BACKENDS)
def backend(request):
    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch_settings")
    get_backend.cache_clear()
    yield get_backend()
    get_backend.cache_clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as the admin does: the tasks run once the transaction commits."""

    def publish(page):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def draft(home_page):
    def draft(title, summary, parent=None):
        return (parent or home_page).add_child(
            instance=ArticlePage(title=title, summary=summary, live=False)
        )

    return draft


def found(query, language="id"):
    return [hit.page_id for hit in search(query, language).hits]


def test_a_published_page_becomes_searchable(backend, draft, publish):
    page = draft("Pendampingan psikolog", "Psikolog mendampingi korban tanpa biaya.")
    assert found("psikolog") == []
    publish(page)
    assert found("psikolog") == [page.pk]


def test_an_unpublished_page_disappears_from_search(
    backend, draft, publish, django_capture_on_commit_callbacks
):
    page = publish(draft("Rumah aman sementara", "Tempat tinggal rahasia bagi korban."))
    assert found("rumah aman") == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found("rumah aman") == []
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()


def test_a_republished_edit_replaces_the_old_text(backend, draft, publish):
    page = publish(draft("Layanan visum", "Pemeriksaan visum di puskesmas."))
    page.summary = "Pemeriksaan medis di rumah sakit."
    publish(page)
    assert found("puskesmas") == []
    assert found("rumah sakit") == [page.pk]


def test_a_deleted_page_disappears_from_search(
    backend, draft, publish, django_capture_on_commit_callbacks
):
    page = publish(draft("Konsultasi hukum", "Advokat memberi konsultasi hukum."))
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert found("advokat") == []


def test_a_moved_page_is_found_at_its_new_address(
    backend, draft, publish, home_page, django_capture_on_commit_callbacks
):
    section = publish(draft("Bagian layanan", "Daftar layanan."))
    page = publish(draft("Pos PPT kelurahan", "Pos pelayanan terpadu di kelurahan."))
    with django_capture_on_commit_callbacks(execute=True):
        page.move(section, pos="last-child")
    hits = search("kelurahan", "id").hits
    assert [hit.page_id for hit in hits] == [page.pk]
    assert hits[0].url.endswith(f"/{section.slug}/{page.slug}/")


def test_a_translation_is_found_in_its_own_language_only(
    backend, draft, publish, home_page, locales
):
    page = publish(draft("Perlindungan saksi", "Saksi dilindungi selama proses hukum."))
    english = Locale.objects.get(language_code="en")
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.title = "Witness protection"
    translation.summary = "Witnesses are protected throughout the legal process."
    publish(translation)
    assert found("witness", "en") == [translation.pk]
    assert found("witness", "id") == []
    assert found("saksi", "id") == [page.pk]


def test_pages_behind_a_password_are_not_searchable(backend, draft, publish):
    page = draft("Catatan internal", "Catatan petugas rahasia.")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia-sekali"
    )
    publish(page)
    assert found("rahasia") == []


def test_rebuild_restores_an_index_that_lost_entries(backend, draft, publish):
    page = publish(draft("Bantuan darurat", "Hubungi 112 dalam keadaan darurat."))
    SearchEntry.objects.all().delete()
    assert found("darurat") == []
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output, stderr=output)
    assert "documents [#########################] " in output.getvalue()
    assert found("darurat") == [page.pk]


def test_a_published_page_yields_the_document_elasticsearch_would_index(draft, publish):
    from search.backends.es_documents import PageDocument

    page = publish(draft("Pendampingan hukum", "Advokat mendampingi korban di pengadilan."))
    entry = SearchEntry.objects.get(page_id=page.pk)
    body = PageDocument.from_search_document(entry.as_document()).to_dict(include_meta=True)
    assert body["_id"] == page.pk
    assert body["_source"]["title_id"] == "Pendampingan hukum"
    assert body["_source"]["body_id"] == "Advokat mendampingi korban di pengadilan."
    assert body["_source"]["language"] == "id"
    assert body["_source"]["content_type"] == "news"
    assert body["_source"]["url"] == page.url
