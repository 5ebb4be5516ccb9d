"""The relevance sets: reader queries and the pages that answer them.

Two sets, scored the same way:

- ``QUERIES`` runs on the test corpus (tests/search/corpus.py);
- ``DEMO_QUERIES`` runs on the demo portal (``manage.py load_demo``), with the pages
  named by their address.

Each case names the page that should rank first, or a tuple of pages any of which is
a right first answer (a reader who types "diperkosa" is served as well by the hospital
that does the visum as by the UPTD PPA). Scored by precision at 1 (the share of
queries whose first result is right) and mean reciprocal rank (1 for a right first
result, 1/2 for second, ... 0 when none is in the first ten).
tests/search/test_relevance.py keeps a floor under both on every backend;
`make bench BENCH=search_relevance` prints the figures.

Queries are what readers type: inflected forms, short phrases, typos, no accents,
acronyms (KDRT, TPPO), everyday and regional words, English. The cases below the
"outsider" lines were written from what people in trouble search for, before looking
at how the pages are worded, and judged afterwards against the pages' content; they
are not to be reworded to suit the ranking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# (language, query, key of the right page, or a tuple of right pages)
QUERIES = [
    ("id", "lapor", "lapor"),
    ("id", "pelaporan", "lapor"),
    ("id", "melapor", "lapor"),
    ("id", "laporan", "lapor"),
    ("id", "kekerasan seksual", "kekerasan-seksual"),
    ("id", "pelecehan seksual", "kekerasan-seksual"),
    ("id", "kekerasan dalam rumah tangga", "kdrt"),
    ("id", "perundungan sekolah", "perundungan"),
    ("id", "dirundung di sekolah", "perundungan"),
    ("id", "perkawinan anak", "perkawinan-anak"),
    ("id", "usia menikah", "perkawinan-anak"),
    ("id", "foto pribadi disebar", "kbgo"),
    ("id", "kekerasan online", "kbgo"),
    ("id", "layanan malam surabaya", "uptd-malam"),
    ("id", "sapa 129 whatsapp", "sapa-wa"),
    ("id", "lowongan kerja luar negeri", "perdagangan-orang"),
    ("id", "perdagangan orang", "perdagangan-orang"),
    ("id", "pelatihan pendamping", "pelatihan-pendamping"),
    ("id", "16 hari anti kekerasan", "enam-belas-hari"),
    ("id", "uptd ppa surabaya", "unit-uptd-surabaya"),
    ("id", "rumah aman", "unit-rumah-aman"),
    ("id", "bantuan hukum gratis", "unit-lbh-jakarta"),
    ("id", "visum", "unit-puskesmas"),
    ("id", "konseling psikolog", "konseling"),
    ("id", "hak korban", "hak-korban"),
    ("id", "restitusi", "hak-korban"),
    # Harder: a typo, words the page does not use (synonyms), a related but other word.
    ("id", "kekerasn seksual", "kekerasan-seksual"),
    ("id", "mengadu", "lapor"),
    ("id", "tempat berlindung korban", "unit-rumah-aman"),
    ("id", "psikolog", "konseling"),
    ("en", "report", "en-report"),
    ("en", "reporting", "en-report"),
    ("en", "sexual violence", "en-sexual-violence"),
    ("en", "sexual harassment", "en-sexual-violence"),
    ("en", "domestic violence", "en-domestic"),
    ("en", "bullied at school", "en-bullying"),
    ("en", "child marriage", "en-child-marriage"),
    ("en", "whatsapp hotline", "en-whatsapp"),
    ("en", "human trafficking job", "en-trafficking"),
    ("en", "training volunteers", "en-training"),
    ("en", "safe house", "en-shelter"),
    ("en", "counseling", "en-counselling"),
    ("en", "complaint form", "en-report"),
    ("en", "rape", "en-sexual-violence"),
    ("en", "violense at home", "en-domestic"),
    # --- outsider: acronyms, everyday and regional words, English, whole sentences ---------
    ("id", "kdrt", "kdrt"),
    ("id", "KDRT", "kdrt"),
    ("id", "dipukul suami", "kdrt"),
    ("id", "suami suka menampar istri", "kdrt"),
    ("id", "digebuki bapak", "kdrt"),
    ("id", "penelantaran anak", "kdrt"),
    ("id", "anak ditelantarkan orang tuanya", "kdrt"),
    ("id", "diperkosa", "kekerasan-seksual"),
    ("id", "pemerkosaan anak", "kekerasan-seksual"),
    ("id", "pencabulan", "kekerasan-seksual"),
    ("id", "rudapaksa", "kekerasan-seksual"),
    ("id", "tppo", "perdagangan-orang"),
    ("id", "perdagangan manusia", "perdagangan-orang"),
    ("id", "trafficking", "perdagangan-orang"),
    ("id", "dijual ke luar negeri", "perdagangan-orang"),
    ("id", "nikah dini", "perkawinan-anak"),
    ("id", "pernikahan dini", "perkawinan-anak"),
    ("id", "anak dibully", "perundungan"),
    ("id", "bullying", "perundungan"),
    ("id", "video pribadi disebar mantan", "kbgo"),
    ("id", "revenge porn", "kbgo"),
    ("id", "pengacara gratis", "unit-lbh-jakarta"),
    ("id", "shelter korban", "unit-rumah-aman"),
    ("id", "curhat ke psikolog", "konseling"),
    ("id", "nomor wa pengaduan", "sapa-wa"),
    ("en", "domestic violence help", ("en-domestic", "en-uptd-surabaya", "en-shelter")),
    ("en", "my husband hits me", "en-domestic"),
    ("en", "domestic abuse", "en-domestic"),
    ("en", "child neglect", "en-domestic"),
    ("en", "sexual abuse", "en-sexual-violence"),
    ("en", "raped", "en-sexual-violence"),
    ("en", "cyberbullying at school", "en-bullying"),
    ("en", "early marriage", "en-child-marriage"),
    ("en", "fake job abroad", "en-trafficking"),
    ("en", "people trafficking", "en-trafficking"),
    ("en", "refuge for women", "en-shelter"),
    ("en", "therapy", "en-counselling"),
    ("en", "report abuse", "en-report"),
]

# The demo portal, pages by address. Written as above: queries first, judgements after.
UPTD = "/id/layanan/uptd-ppa-kota-surabaya/"
UPTD_SLEMAN = "/id/layanan/uptd-ppa-kabupaten-sleman/"
HOSPITAL = "/id/layanan/ppt-rsud-dr-soetomo/"
POLICE = "/id/layanan/unit-ppa-polrestabes-surabaya/"
POLICE_JAKARTA = "/id/layanan/unit-ppa-polres-metro-jakarta-pusat/"
REPORT = "/id/lapor/"
NEIGHBOURS = "/id/kampanye/jaga-tetangga/"
SAFE_HOUSE = "/id/layanan/rumah-aman-kota-surabaya/"
REPATRIATION = ("/id/layanan/p2tp2a-jakarta-pusat/", "/id/layanan/p2tp2a-rekso-dyah-utami/")
SEXUAL_VIOLENCE = (HOSPITAL, UPTD, POLICE, REPORT)
EN_UPTD = "/en/services/uptd-ppa-kota-surabaya/"
EN_REPATRIATION = ("/en/services/p2tp2a-jakarta-pusat/", "/en/services/p2tp2a-rekso-dyah-utami/")
EN_SEXUAL_VIOLENCE = ("/en/services/ppt-rsud-dr-soetomo/", EN_UPTD, "/en/report/")

DEMO_QUERIES = [
    ("id", "kdrt", (NEIGHBOURS, UPTD)),
    ("id", "dipukul suami", (NEIGHBOURS, UPTD, REPORT, SAFE_HOUSE)),
    ("id", "kekerasan dalam rumah tangga", (NEIGHBOURS, UPTD)),
    ("id", "tetangga kdrt", NEIGHBOURS),
    ("id", "perdagangan orang", REPATRIATION),
    ("id", "perdagangan manusia", REPATRIATION),
    ("id", "korban trafficking", REPATRIATION),
    ("id", "tppo", REPATRIATION),
    ("id", "pekerja migran", "/id/layanan/p2tp2a-jakarta-pusat/"),
    ("id", "penelantaran anak", (UPTD, UPTD_SLEMAN, REPORT)),
    ("id", "anak ditelantarkan", (UPTD, UPTD_SLEMAN, REPORT)),
    ("id", "diperkosa", SEXUAL_VIOLENCE),
    ("id", "pemerkosaan", SEXUAL_VIOLENCE),
    ("id", "pelecehan seksual", SEXUAL_VIOLENCE),
    ("id", "pencabulan anak", SEXUAL_VIOLENCE),
    ("id", "visum gratis", HOSPITAL),
    ("id", "cara melapor", REPORT),
    ("id", "lapor kekerasan", REPORT),
    ("id", "pengaduan online", REPORT),
    ("id", "lapor polisi", (POLICE, POLICE_JAKARTA)),
    ("id", "polisi", (POLICE, POLICE_JAKARTA)),
    ("id", "pengacara gratis", "/id/layanan/lbh-surabaya/"),
    ("id", "bantuan hukum", "/id/layanan/lbh-surabaya/"),
    ("id", "shelter", SAFE_HOUSE),
    ("id", "tempat tinggal sementara untuk korban", SAFE_HOUSE),
    ("id", "rumah singgah", SAFE_HOUSE),
    ("id", "wa sapa 129", "/id/berita/sapa-129-whatsapp/"),
    ("id", "nomor whatsapp pengaduan", "/id/berita/sapa-129-whatsapp/"),
    ("id", "anak dibully di sekolah", "/id/kampanye/sekolah-ramah-anak/"),
    ("id", "bullying", "/id/kampanye/sekolah-ramah-anak/"),
    (
        "id",
        "mobil keliling",
        ("/id/layanan/molin-ppa-surabaya/", "/id/berita/molin-ppa-kecamatan-genteng/"),
    ),
    ("id", "layanan di sleman", (UPTD_SLEMAN, "/id/layanan/puskesmas-depok-iii/")),
    ("id", "puskesmas surabaya", "/id/layanan/puskesmas-mojo/"),
    ("id", "rumah sakit", HOSPITAL),
    ("id", "mediasi keluarga", "/id/layanan/kua-kecamatan-tegalsari/"),
    ("id", "curhat", ("/id/layanan/ppt-kelurahan-jagir/", "/id/kampanye/berani-bicara/")),
    (
        "en",
        "domestic violence help",
        (EN_UPTD, "/en/services/rumah-aman-kota-surabaya/", "/en/report/"),
    ),
    ("en", "report abuse", "/en/report/"),
    ("en", "rape", EN_SEXUAL_VIOLENCE),
    ("en", "free lawyer", "/en/services/lbh-surabaya/"),
    ("en", "legal aid", "/en/services/lbh-surabaya/"),
    ("en", "safe place to stay", "/en/services/rumah-aman-kota-surabaya/"),
    (
        "en",
        "police",
        (
            "/en/services/unit-ppa-polrestabes-surabaya/",
            "/en/services/unit-ppa-polres-metro-jakarta-pusat/",
        ),
    ),
    ("en", "human trafficking", EN_REPATRIATION),
    ("en", "migrant worker", "/en/services/p2tp2a-jakarta-pusat/"),
    ("en", "bullying", "/en/campaigns/safe-schools/"),
    ("en", "forensic examination", "/en/services/ppt-rsud-dr-soetomo/"),
    ("en", "child neglect", (EN_UPTD, "/en/report/")),
]

CUTOFF = 10


@dataclass
class Score:
    """How a backend did on one relevance set."""

    precision_at_1: float
    mrr: float
    misses: list[tuple[str, object, float]]  # (query, right pages, reciprocal rank) below 1

    def line(self, name: str) -> str:
        return f"precision@1 {self.precision_at_1:.3f}, MRR {self.mrr:.3f} ({name})"


def reciprocal_rank(ranked_keys: list[str], expected: str | tuple[str, ...]) -> float:
    right = {expected} if isinstance(expected, str) else set(expected)
    for position, key in enumerate(ranked_keys[:CUTOFF], start=1):
        if key in right:
            return 1 / position
    return 0.0


def evaluate(run: Callable[[str, str], list[str]], cases=QUERIES) -> Score:
    """Score ``run(language, query) -> ranked page keys`` over ``cases``."""
    scores, misses = [], []
    for language, query, expected in cases:
        score = reciprocal_rank(run(language, query), expected)
        scores.append(score)
        if score < 1:
            misses.append((query, expected, round(score, 3)))
    first = sum(1 for score in scores if score == 1) / len(scores)
    return Score(first, sum(scores) / len(scores), misses)
