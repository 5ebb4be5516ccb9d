from search.synonyms import expand
from search.text import stems


def test_a_word_of_a_group_brings_in_the_others():
    expanded = expand(stems("mengadu", "id"), "id")
    assert expanded.words[0] == stems("mengadu", "id")[0]
    assert "lapor" in expanded.words


def test_a_phrase_expands_only_when_all_its_words_are_in_the_query():
    assert expand(stems("kekerasan seksual", "id"), "id").words != stems("kekerasan seksual", "id")
    assert expand(stems("kekerasan", "id"), "id").words == stems("kekerasan", "id")
    assert expand(stems("kekerasan", "id"), "id").phrases == []


def test_what_happened_in_a_readers_own_words_finds_the_name_of_it():
    # "My husband beats me": the words of "dipukul suami", in another order and form.
    expanded = expand(stems("suami saya memukul saya", "id"), "id")
    assert "kdrt" in expanded.words
    assert ("keras", "rumah", "tangga") in expanded.phrases


def test_multi_word_synonyms_are_matched_as_phrases_not_as_loose_words():
    expanded = expand(stems("shelter", "id"), "id")
    assert ("rumah", "aman") in expanded.phrases
    # "rumah" alone would match every page about the household.
    assert "rumah" not in expanded.words


def test_related_help_is_one_way():
    assert "pulang" in expand(stems("tppo", "id"), "id").words
    assert "tppo" not in expand(stems("pemulangan", "id"), "id").words


def test_synonyms_are_per_language():
    assert expand(stems("rape", "en"), "en").words != ["rape"]
    assert expand(["rape"], "id").words == ["rape"]
