"""A small, realistic corpus of portal pages in Indonesian and English.

Shared by the search test suite and the relevance set (tests/search/relevance.py).
Each page: key, language, content type, title, body, and where it applies region,
services and unit kind (the fields the portal's page types feed search).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CorpusPage:
    key: str
    language: str
    content_type: str
    title: str
    body: str
    region: str = ""
    services: tuple[str, ...] = ()
    unit_kind: str = ""
    location: tuple[float, float] | None = None
    extra: dict = field(default_factory=dict)


REGIONS = [
    # code, name, level, parent
    ("35", "Jawa Timur", 1, None),
    ("35.78", "Kota Surabaya", 2, "35"),
    ("35.78.01", "Karang Pilang", 3, "35.78"),
    ("35.73", "Kota Malang", 2, "35"),
    ("31", "DKI Jakarta", 1, None),
    ("31.71", "Kota Jakarta Pusat", 2, "31"),
]

PAGES = [
    # --- Indonesian -------------------------------------------------------------------------
    CorpusPage(
        "lapor",
        "id",
        "page",
        "Lapor",
        "Sampaikan apa yang terjadi pada Anda atau orang lain melalui formulir yang aman. "
        "Anda akan menerima kode tanda terima untuk memantau tindak lanjut dan berkirim pesan "
        "dengan petugas. Identitas Anda tidak wajib diisi.",
    ),
    CorpusPage(
        "kekerasan-seksual",
        "id",
        "campaign",
        "Kenali kekerasan seksual dan cari bantuan",
        "Kekerasan seksual bisa terjadi di mana saja: di rumah, sekolah, tempat kerja, dan ruang "
        "daring. Pelecehan, pemaksaan, dan eksploitasi seksual adalah tindak pidana menurut "
        "UU TPKS. Korban berhak atas pendampingan, pemulihan, dan perlindungan.",
    ),
    CorpusPage(
        "kdrt",
        "id",
        "campaign",
        "Kekerasan dalam rumah tangga bukan urusan pribadi",
        "Kekerasan fisik, psikis, dan penelantaran dalam rumah tangga dapat dilaporkan. "
        "Tetangga dan keluarga dapat membantu dengan menghubungi SAPA 129.",
    ),
    CorpusPage(
        "perundungan",
        "id",
        "campaign",
        "Hentikan perundungan di sekolah",
        "Perundungan merusak rasa aman anak. Guru dan orang tua dapat mengenali tanda-tandanya: "
        "anak enggan sekolah, barang hilang, luka tanpa penjelasan.",
    ),
    CorpusPage(
        "perkawinan-anak",
        "id",
        "campaign",
        "Cegah perkawinan anak",
        "Perkawinan anak memutus pendidikan dan membahayakan kesehatan. Batas usia menikah "
        "adalah 19 tahun. Dispensasi hanya dalam keadaan sangat mendesak.",
    ),
    CorpusPage(
        "kbgo",
        "id",
        "campaign",
        "Kekerasan berbasis gender online",
        "Penyebaran foto pribadi tanpa izin, ancaman, dan peretasan akun adalah kekerasan "
        "berbasis gender online (KBGO). Simpan bukti tangkapan layar sebelum memblokir pelaku.",
    ),
    CorpusPage(
        "uptd-malam",
        "id",
        "news",
        "UPTD PPA Surabaya buka layanan malam",
        "Mulai bulan ini UPTD PPA Kota Surabaya menerima pengaduan hingga pukul 22.00. "
        "Petugas piket siap mendampingi korban ke rumah sakit dan kepolisian.",
        region="35.78",
    ),
    CorpusPage(
        "sapa-wa",
        "id",
        "news",
        "SAPA 129 kini bisa dihubungi lewat WhatsApp",
        "Layanan SAPA 129 Kementerian PPPA kini menerima pesan WhatsApp di nomor 08111-129-129, "
        "24 jam setiap hari, untuk korban maupun saksi.",
    ),
    CorpusPage(
        "perdagangan-orang",
        "id",
        "news",
        "Waspada perdagangan orang berkedok lowongan kerja",
        "Tawaran kerja ke luar negeri dengan gaji tinggi tanpa prosedur resmi bisa menjadi "
        "modus tindak pidana perdagangan orang (TPPO). Periksa perusahaan penyalur sebelum "
        "berangkat.",
    ),
    CorpusPage(
        "pelatihan-pendamping",
        "id",
        "event",
        "Pelatihan pendamping korban di Jakarta",
        "Pelatihan dua hari bagi relawan dan petugas tentang pendampingan korban yang berpusat "
        "pada pemulihan, termasuk pertolongan pertama psikologis.",
        region="31.71",
    ),
    CorpusPage(
        "enam-belas-hari",
        "id",
        "event",
        "Kampanye 16 Hari Anti Kekerasan terhadap Perempuan",
        "Rangkaian diskusi, pemutaran film, dan jalan santai di Malang dari 25 November sampai "
        "10 Desember.",
        region="35.73",
    ),
    CorpusPage(
        "unit-uptd-surabaya",
        "id",
        "service_unit",
        "UPTD PPA Kota Surabaya",
        "Unit layanan terpadu untuk penanganan pengaduan korban, pendampingan hukum, psikologis "
        "dan rujukan medis bagi perempuan dan anak.",
        region="35.78.01",
        services=("legal", "medical", "psychological"),
        unit_kind="uptd-ppa",
        location=(-7.3305, 112.7005),
    ),
    CorpusPage(
        "unit-rumah-aman",
        "id",
        "service_unit",
        "Rumah Aman Jawa Timur",
        "Tempat tinggal sementara yang dirahasiakan bagi korban yang tidak aman di rumahnya, "
        "dengan pendampingan psikososial.",
        region="35",
        services=("shelter", "psychological"),
        unit_kind="safe-house",
    ),
    CorpusPage(
        "unit-lbh-jakarta",
        "id",
        "service_unit",
        "LBH APIK Jakarta",
        "Bantuan hukum gratis bagi perempuan korban kekerasan: konsultasi, pendampingan di "
        "kepolisian dan pengadilan.",
        region="31.71",
        services=("legal",),
        unit_kind="legal-aid",
        location=(-6.1862, 106.8340),
    ),
    CorpusPage(
        "unit-puskesmas",
        "id",
        "service_unit",
        "Puskesmas Karang Pilang",
        "Pemeriksaan medis dan visum bagi korban kekerasan, layanan kesehatan reproduksi.",
        region="35.78.01",
        services=("medical",),
        unit_kind="puskesmas",
        location=(-7.3350, 112.6950),
    ),
    CorpusPage(
        "konseling",
        "id",
        "page",
        "Konseling psikologis gratis",
        "Psikolog klinis mendengarkan tanpa menghakimi. Konseling tersedia tatap muka maupun "
        "daring, tanpa biaya bagi korban dan keluarganya.",
    ),
    CorpusPage(
        "hak-korban",
        "id",
        "page",
        "Hak-hak korban",
        "Korban berhak atas informasi, pendampingan hukum, layanan kesehatan, restitusi, dan "
        "perlindungan dari ancaman pelaku.",
    ),
    # --- English -----------------------------------------------------------------------------
    CorpusPage(
        "en-report",
        "en",
        "page",
        "Report",
        "Tell us what happened to you or someone else through a protected form. You receive a "
        "receipt code to follow up and message staff. Your name is not required.",
    ),
    CorpusPage(
        "en-sexual-violence",
        "en",
        "campaign",
        "Recognise sexual violence and get help",
        "Sexual violence can happen anywhere: at home, at school, at work and online. "
        "Harassment, coercion and sexual exploitation are crimes. Survivors have a right to "
        "support, recovery and protection.",
    ),
    CorpusPage(
        "en-domestic",
        "en",
        "campaign",
        "Domestic violence is not a private matter",
        "Physical and psychological violence and neglect at home can be reported. Neighbours "
        "and relatives can help by calling SAPA 129.",
    ),
    CorpusPage(
        "en-bullying",
        "en",
        "campaign",
        "Stop bullying at school",
        "Bullying destroys children's sense of safety. Teachers and parents can recognise the "
        "signs: a child who avoids school, lost belongings, unexplained injuries.",
    ),
    CorpusPage(
        "en-child-marriage",
        "en",
        "campaign",
        "Prevent child marriage",
        "Child marriage ends education and endangers health. The minimum age to marry is 19.",
    ),
    CorpusPage(
        "en-whatsapp",
        "en",
        "news",
        "SAPA 129 now answers on WhatsApp",
        "The ministry's SAPA 129 service now takes WhatsApp messages, 24 hours a day, from "
        "victims and witnesses.",
    ),
    CorpusPage(
        "en-trafficking",
        "en",
        "news",
        "Beware of trafficking disguised as job offers",
        "Well-paid jobs abroad offered without official procedures can be a front for human "
        "trafficking. Check the recruitment agency before you leave.",
    ),
    CorpusPage(
        "en-training",
        "en",
        "event",
        "Training for survivor advocates in Jakarta",
        "A two-day training for volunteers and staff on recovery-centred accompaniment of "
        "survivors, including psychological first aid.",
        region="31.71",
    ),
    CorpusPage(
        "en-uptd-surabaya",
        "en",
        "service_unit",
        "UPTD PPA Surabaya City",
        "Integrated service unit handling complaints, legal accompaniment, psychological "
        "services and medical referrals for women and children.",
        region="35.78.01",
        services=("legal", "medical", "psychological"),
        unit_kind="uptd-ppa",
    ),
    CorpusPage(
        "en-shelter",
        "en",
        "service_unit",
        "East Java Safe House",
        "A confidential temporary home for victims who are not safe at home, with psychosocial "
        "support.",
        region="35",
        services=("shelter", "psychological"),
        unit_kind="safe-house",
    ),
    CorpusPage(
        "en-counselling",
        "en",
        "page",
        "Free psychological counselling",
        "Clinical psychologists listen without judging. Counselling is available in person and "
        "online, free of charge for survivors and their families.",
    ),
]
