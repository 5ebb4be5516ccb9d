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
