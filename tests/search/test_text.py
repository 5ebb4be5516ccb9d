import pytest

from search.text import highlight, normalise, stem


@pytest.mark.parametrize("word", ["lapor", "melapor", "pelaporan", "laporan", "dilaporkan"])
def test_indonesian_forms_of_lapor_share_one_stem(word):
    assert stem(word, "id") == "lapor"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("perlindungan", "lindung"), ("dilindungi", "lindung"), ("pendampingan", "damping")],
)
def test_indonesian_affixes_are_stripped(word, expected):
    assert stem(word, "id") == expected


def test_words_tala_would_cut_wrongly_are_kept_whole():
    assert stem("perempuan", "id") == "perempuan"
    # A lawyer ("pengacara") is not an event ("acara").
    assert stem("pengacara", "id") != stem("acara", "id")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("menampar", "ditampar", "tampar"), "tampar"),  # slap: meN- swallowed the t
        (("penelantaran", "ditelantarkan", "terlantar"), "telantar"),  # neglect
        (("perundungan", "dirundung", "merundung"), "rundung"),  # bullying
        (("perkosaan", "pemerkosaan", "diperkosa"), "perkosa"),  # rape
        (("dibully", "membully", "bully"), "bully"),  # a borrowed word
        (("penampungan", "ditampung"), "tampung"),  # shelter
    ],
)
def test_the_forms_readers_type_of_one_word_share_its_stem(words, expected):
    assert {stem(word, "id") for word in words} == {expected}


def test_function_words_are_left_out_of_text_and_query_alike():
    assert normalise("Saya dipukul di rumah", "id") == "pukul rumah"
    assert normalise("Where can I get help?", "en") == "get help"


def test_english_words_use_the_english_stemmer():
    assert normalise("Reporting reports", "en") == "report report"
    # The Indonesian stemmer would have cut the English word differently.
    assert stem("reporting", "id") != stem("reporting", "en")


def test_highlight_marks_every_form_of_the_query_word_and_escapes_html():
    text = "Cara melapor: <b>laporan</b> Anda aman."
    result = highlight(text, {"lapor"}, "id")
    assert result == "Cara <mark>melapor</mark>: &lt;b&gt;<mark>laporan</mark>&lt;/b&gt; Anda aman."


def test_highlight_cuts_long_text_around_the_first_match_on_word_boundaries():
    text = ("Pembuka " * 60) + "kekerasan seksual " + ("penutup " * 60)
    result = highlight(text, {"seksual"}, "id", length=100)
    assert "<mark>seksual</mark>" in result
    assert result.startswith("… ")
    assert result.endswith(" …")
    assert len(result) < 140
