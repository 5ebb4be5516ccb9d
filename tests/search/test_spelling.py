import pytest

from content.models import HomePage
from search.api import make_request, search, worth_suggesting
from search.backends.database import DatabaseBackend
from search.documents import SearchDocument
from search.indexing import index_documents
from search.spelling import add_to_vocabulary, suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    add_to_vocabulary("id", "Kenali kekerasan seksual dan cari bantuan di UPTD PPA")
    add_to_vocabulary("en", "Recognise sexual violence and get help")


def test_a_misspelt_word_is_replaced_by_the_closest_known_word(vocabulary):
    assert suggest("kekerasn seksual", "id") == "kekerasan seksual"


def test_known_words_get_no_suggestion(vocabulary):
    assert suggest("kekerasan seksual", "id") is None


def test_suggestions_come_from_the_query_language_only(vocabulary):
    assert suggest("violense", "en") == "violence"
    assert suggest("violense", "id") is None


def test_words_far_from_any_known_word_are_left_alone(vocabulary):
    assert suggest("zyxwvut", "id") is None


@pytest.fixture
def reporting_pages(home_page):
    """Pages that say "laporan", "melapor" and "pelaporan", never "lapor" itself."""
    texts = [
        ("Cara membuat laporan", "Laporan bisa dikirim kapan saja."),
        ("Melapor tanpa nama", "Anda dapat melapor tanpa menyebut nama."),
        ("Alur pelaporan", "Pelaporan kekerasan seksual ditangani petugas terlatih."),
    ]
    documents = []
    for title, body in texts:
        page = home_page.add_child(instance=HomePage(title=title))
        documents.append(SearchDocument(page.pk, title, body, "id", "page", page.url_path))
    index_documents(documents)


def test_a_correct_word_found_through_its_stem_gets_no_suggestion(reporting_pages):
    # "lapor" is no word of these pages, but "laporan" is one letter pair away; the
    # pages are all found through the stem, so "Did you mean laporan?" would not help.
    backend = DatabaseBackend()
    assert backend.search(make_request("lapor", "id")).suggestion == "laporan"
    results = search("lapor", "id", backend=backend)
    assert results.total == 3
    assert results.suggestion is None


def test_a_misspelt_word_that_finds_nothing_gets_the_right_spelling(reporting_pages):
    results = search("kekerasn", "id", backend=DatabaseBackend())
    assert results.total == 0
    assert results.suggestion == "kekerasan"


def test_a_suggestion_is_offered_only_when_it_finds_clearly_more():
    assert worth_suggesting(0, 1)
    assert worth_suggesting(2, 4)
    assert not worth_suggesting(3, 5)
    assert not worth_suggesting(3, 3)
    assert not worth_suggesting(0, 0)
