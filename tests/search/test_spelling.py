import pytest

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
