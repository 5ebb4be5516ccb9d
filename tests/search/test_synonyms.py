from search.synonyms import expand
from search.text import stems


def test_a_word_of_a_group_brings_in_the_others():
    expanded = expand(stems("mengadu", "id"), "id")
    assert expanded[0] == stems("mengadu", "id")[0]
    assert "lapor" in expanded


def test_a_phrase_expands_only_when_all_its_words_are_in_the_query():
    assert expand(stems("kekerasan seksual", "id"), "id") != stems("kekerasan seksual", "id")
    assert expand(stems("kekerasan", "id"), "id") == stems("kekerasan", "id")


def test_synonyms_are_per_language():
    assert expand(stems("rape", "en"), "en") != ["rape"]
    assert expand(["rape"], "id") == ["rape"]
