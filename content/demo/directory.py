"""Demo service directory: /id/layanan/ and /en/services/, services, 15 units.

Focus on Kota Surabaya (ten units), with Kabupaten Sleman, Kota Yogyakarta and
Jakarta Pusat for contrast. Names follow the real kinds of unit; addresses, numbers
and hours are illustrative. The safe house publishes no address or coordinates, as a
real one must not.

Regions: every province and regency/city, and the districts and villages of the demo
regencies only (a few hundred rows, well under a second), so that `make demo` and the
browser tests stay quick; `manage.py import_regions` loads the whole country (~91,600
rows, a few seconds) when wanted.
"""

import datetime
from io import StringIO

from django.core.management import call_command
from wagtail.models import Locale

from content.models import (
    HomePage,
    OpeningHours,
    Service,
    ServiceDirectoryPage,
    ServiceUnitPage,
    UnitKind,
)

DEMO_REGENCIES = ["35.78", "34.04", "34.71", "31.71"]

# code, Indonesian name, English name
SERVICES = [
    ("complaint-intake", "Penerimaan pengaduan", "Complaint intake"),
    ("outreach", "Penjangkauan", "Outreach"),
    ("case-management", "Pengelolaan kasus", "Case management"),
    ("medical", "Pendampingan medis", "Medical accompaniment"),
    ("legal", "Pendampingan hukum", "Legal accompaniment"),
    ("psychological", "Dukungan psikologis", "Psychological support"),
    ("shelter", "Penampungan sementara (rumah aman)", "Safe shelter"),
    ("visum", "Visum gratis", "Free visum (medical-legal examination)"),
    ("repatriation", "Pemulangan dan reintegrasi sosial", "Repatriation and reintegration"),
    ("home-visit", "Kunjungan rumah", "Home visit"),
    ("religious-counselling", "Bimbingan rohani", "Religious counselling"),
    ("mediation", "Mediasi", "Mediation"),
]

DIRECTORY = {
    "id": (
        "Layanan",
        "layanan",
        "<p>Temukan unit layanan terdekat untuk perempuan dan anak korban kekerasan. "
        "Semua layanan pemerintah gratis.</p>",
    ),
    "en": (
        "Services",
        "services",
        "<p>Find the nearest service unit for women and children who experience "
        "violence. All government services are free of charge.</p>",
    ),
}

WEEKDAYS = [(day, "08:00", "16:00") for day in range(5)]
OFFICE = WEEKDAYS + [(5, "08:00", "12:00")]

UNITS = [
    {
        "slug": "uptd-ppa-kota-surabaya",
        "title": "UPTD PPA Kota Surabaya",
        "kind": UnitKind.UPTD_PPA,
        "region": "35.78.05.1003",
        "summary": (
            "Layanan terpadu pemerintah kota untuk perempuan dan anak korban kekerasan: "
            "pengaduan, pendampingan, dan rujukan.",
            "The city's integrated service for women and children who experience "
            "violence: complaints, accompaniment and referral.",
        ),
        "address": "Jl. Kedungdoro No. 12, Tegalsari, Surabaya 60261",
        "coordinates": (-7.2636, 112.7369),
        "phone": "(031) 534 0110",
        "whatsapp": "6281130110129",
        "email": "uptdppa@surabaya.go.id",
        "hours": OFFICE,
        "services": [
            "complaint-intake",
            "outreach",
            "case-management",
            "psychological",
            "legal",
            "mediation",
            "home-visit",
        ],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
        "accessibility": (
            "Ruang layanan di lantai dasar, jalur landai untuk kursi roda, "
            "ruang tunggu ramah anak.",
            "Ground-floor service rooms, wheelchair ramp, child-friendly waiting room.",
        ),
    },
    {
        "slug": "ppt-rsud-dr-soetomo",
        "title": "Pusat Pelayanan Terpadu RSUD Dr. Soetomo",
        "kind": UnitKind.HOSPITAL,
        "region": "35.78.08.1003",
        "summary": (
            "Pemeriksaan medis, visum, dan dukungan psikologis 24 jam di rumah sakit umum daerah.",
            "Medical examination, visum and psychological support around the clock at "
            "the regional public hospital.",
        ),
        "address": "Jl. Mayjen Prof. Dr. Moestopo No. 6-8, Airlangga, Gubeng, Surabaya 60286",
        "coordinates": (-7.2683, 112.7583),
        "phone": "(031) 550 1111",
        "email": "ppt@rsudrsoetomo.jatimprov.go.id",
        "open_24_hours": True,
        "services": ["medical", "visum", "psychological"],
        "languages": ("Bahasa Indonesia, Jawa", "Indonesian, Javanese"),
        "accessibility": (
            "Instalasi gawat darurat dapat diakses kursi roda; tersedia juru bahasa isyarat "
            "dengan perjanjian.",
            "Emergency department is wheelchair accessible; sign-language interpreter by "
            "appointment.",
        ),
    },
    {
        "slug": "unit-ppa-polrestabes-surabaya",
        "title": "Unit PPA Satreskrim Polrestabes Surabaya",
        "kind": UnitKind.POLICE_PPA,
        "region": "35.78.15",
        "summary": (
            "Unit kepolisian khusus perempuan dan anak: laporan polisi dan penyidikan.",
            "Police unit for women and children: police reports and investigation.",
        ),
        "address": "Jl. Sikatan No. 1, Krembangan, Surabaya 60175",
        "coordinates": (-7.2381, 112.7347),
        "phone": "(031) 353 0110",
        "open_24_hours": True,
        "services": ["complaint-intake", "legal"],
        "languages": ("Bahasa Indonesia, Jawa", "Indonesian, Javanese"),
    },
    {
        "slug": "puskesmas-mojo",
        "title": "Puskesmas Mojo",
        "kind": UnitKind.PUSKESMAS,
        "region": "35.78.08.1002",
        "summary": (
            "Puskesmas mampu tata laksana kasus kekerasan terhadap perempuan dan anak.",
            "Community health centre trained to care for women and children who "
            "experience violence.",
        ),
        "address": "Jl. Mojo Klanggru Wetan II No. 11, Mojo, Gubeng, Surabaya 60285",
        "coordinates": (-7.2761, 112.7656),
        "phone": "(031) 591 3427",
        "hours": [(day, "07:30", "14:30") for day in range(6)],
        "services": ["medical", "psychological", "home-visit"],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
    },
    {
        "slug": "ppt-kelurahan-jagir",
        "title": "Pos PPT Kelurahan Jagir",
        "kind": UnitKind.PPT,
        "region": "35.78.04.1002",
        "summary": (
            "Pos pelayanan terpadu di kantor kelurahan: tempat pertama untuk bercerita.",
            "Integrated service post at the kelurahan office: a first place to talk.",
        ),
        "address": "Kantor Kelurahan Jagir, Jl. Jagir Wonokromo No. 100, Surabaya 60244",
        "coordinates": (-7.3012, 112.7451),
        "phone": "(031) 841 2030",
        "whatsapp": "6281130110401",
        "hours": [(day, "08:00", "15:00") for day in range(5)],
        "services": ["complaint-intake", "outreach", "home-visit"],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
    },
    {
        "slug": "lbh-surabaya",
        "title": "LBH Surabaya",
        "kind": UnitKind.LEGAL_AID,
        "region": "35.78.08.1001",
        "summary": (
            "Bantuan hukum cuma-cuma bagi korban yang tidak mampu, dari konsultasi sampai "
            "pendampingan di pengadilan.",
            "Free legal aid for victims who cannot pay, from advice to representation in court.",
        ),
        "address": "Jl. Kidal No. 6, Gubeng, Surabaya 60281",
        "coordinates": (-7.2655, 112.7497),
        "phone": "(031) 502 2051",
        "email": "pengaduan@lbhsurabaya.org",
        "hours": [(day, "09:00", "17:00") for day in range(5)],
        "services": ["legal", "mediation"],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
    },
    {
        "slug": "rumah-aman-kota-surabaya",
        "title": "Rumah Aman Kota Surabaya",
        "kind": UnitKind.SAFE_HOUSE,
        "region": "35.78",
        "summary": (
            "Tempat tinggal sementara yang aman. Lokasinya dirahasiakan; rujukan melalui "
            "UPTD PPA atau SAPA 129.",
            "A safe place to stay for a while. Its location is kept secret; referral "
            "through the UPTD PPA or SAPA 129.",
        ),
        "address": "",
        "phone": "(031) 534 0110",
        "open_24_hours": True,
        "services": ["shelter", "psychological", "case-management"],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
    },
    {
        "slug": "molin-ppa-surabaya",
        "title": "Mobil Layanan PPA (Molin) Surabaya",
        "kind": UnitKind.MOBILE_UNIT,
        "region": "35.78",
        "summary": (
            "Mobil layanan keliling yang datang ke kampung, sekolah, dan pengajian: "
            "sosialisasi dan penerimaan pengaduan.",
            "A mobile unit that visits neighbourhoods, schools and religious gatherings: "
            "awareness sessions and complaint intake.",
        ),
        "phone": "(031) 534 0110",
        "whatsapp": "6281130110129",
        "hours": [(1, "09:00", "14:00"), (3, "09:00", "14:00")],
        "services": ["outreach", "complaint-intake"],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
    },
    {
        "slug": "relawan-sapa-wonokromo",
        "title": "Relawan SAPA Kecamatan Wonokromo",
        "kind": UnitKind.VOLUNTEERS,
        "region": "35.78.04",
        "summary": (
            "Relawan warga yang mendampingi korban ke layanan dan memantau keadaan setelahnya.",
            "Resident volunteers who accompany victims to services and check on them afterwards.",
        ),
        "whatsapp": "6281130110402",
        "hours": [(5, "08:00", "12:00"), (6, "08:00", "12:00"), (2, "19:00", "21:00")],
        "services": ["outreach", "home-visit"],
        "languages": ("Bahasa Indonesia, Jawa, Madura", "Indonesian, Javanese, Madurese"),
    },
    {
        "slug": "kua-kecamatan-tegalsari",
        "title": "KUA Kecamatan Tegalsari",
        "kind": UnitKind.RELIGIOUS_OFFICE,
        "region": "35.78.05",
        "summary": (
            "Bimbingan rohani dan mediasi keluarga; merujuk kasus kekerasan ke UPTD PPA.",
            "Religious counselling and family mediation; refers cases of violence to the UPTD PPA.",
        ),
        "address": "Jl. Pandegiling No. 221, Tegalsari, Surabaya 60262",
        "coordinates": (-7.2740, 112.7355),
        "phone": "(031) 567 1206",
        "hours": [(day, "07:30", "16:00") for day in range(4)] + [(4, "07:30", "11:00")],
        "services": ["religious-counselling", "mediation"],
        "languages": ("Bahasa Indonesia, Jawa, Arab", "Indonesian, Javanese, Arabic"),
    },
    {
        "slug": "uptd-ppa-kabupaten-sleman",
        "title": "UPTD PPA Kabupaten Sleman",
        "kind": UnitKind.UPTD_PPA,
        "region": "34.04.13",
        "summary": (
            "Layanan terpadu kabupaten: pengaduan, pendampingan psikologis dan hukum, rujukan.",
            "The regency's integrated service: complaints, psychological and legal "
            "accompaniment, referral.",
        ),
        "address": "Jl. Parasamya No. 1, Beran, Tridadi, Sleman 55511",
        "coordinates": (-7.7163, 110.3552),
        "phone": "(0274) 868 405",
        "whatsapp": "6281130110340",
        "hours": OFFICE,
        "services": ["complaint-intake", "case-management", "psychological", "legal"],
        "languages": ("Bahasa Indonesia, Jawa", "Indonesian, Javanese"),
    },
    {
        "slug": "puskesmas-depok-iii",
        "title": "Puskesmas Depok III",
        "kind": UnitKind.PUSKESMAS,
        "region": "34.04.07.2001",
        "summary": (
            "Pemeriksaan kesehatan dan konseling bagi korban; rujukan visum ke rumah sakit.",
            "Health check and counselling for victims; visum referral to the hospital.",
        ),
        "address": "Jl. Babarsari, Caturtunggal, Depok, Sleman 55281",
        "coordinates": (-7.7767, 110.4146),
        "phone": "(0274) 485 120",
        "hours": [(day, "07:30", "14:00") for day in range(6)],
        "services": ["medical", "psychological"],
        "languages": ("Bahasa Indonesia, Jawa", "Indonesian, Javanese"),
    },
    {
        "slug": "p2tp2a-rekso-dyah-utami",
        "title": "P2TP2A Rekso Dyah Utami",
        "kind": UnitKind.P2TP2A,
        "region": "34.71",
        "summary": (
            "Pusat pelayanan terpadu tingkat provinsi DIY, termasuk pemulangan dan reintegrasi.",
            "The province's integrated service centre, including repatriation and reintegration.",
        ),
        "address": "Jl. Kenari No. 14, Yogyakarta 55165",
        "coordinates": (-7.7986, 110.3866),
        "phone": "(0274) 554 440",
        "hours": WEEKDAYS,
        "services": ["complaint-intake", "case-management", "shelter", "repatriation"],
        "languages": ("Bahasa Indonesia, Jawa", "Indonesian, Javanese"),
    },
    {
        "slug": "p2tp2a-jakarta-pusat",
        "title": "Pos Pengaduan P2TP2A Jakarta Pusat",
        "kind": UnitKind.P2TP2A,
        "region": "31.71.06",
        "summary": (
            "Pengaduan dan pendampingan korban, termasuk pemulangan pekerja migran ke daerah asal.",
            "Complaints and accompaniment, including repatriation of migrant workers to "
            "their home regions.",
        ),
        "address": "Jl. Cikini Raya No. 90, Menteng, Jakarta Pusat 10330",
        "coordinates": (-6.1904, 106.8398),
        "phone": "(021) 314 0029",
        "whatsapp": "6281130110310",
        "open_24_hours": True,
        "services": ["complaint-intake", "case-management", "repatriation", "shelter"],
        "languages": ("Bahasa Indonesia, Inggris", "Indonesian, English"),
    },
    {
        "slug": "unit-ppa-polres-metro-jakarta-pusat",
        "title": "Unit PPA Polres Metro Jakarta Pusat",
        "kind": UnitKind.POLICE_PPA,
        "region": "31.71.01",
        "summary": (
            "Laporan polisi untuk kekerasan terhadap perempuan dan anak.",
            "Police reports for violence against women and children.",
        ),
        "address": "Jl. Kramat Raya No. 61, Jakarta Pusat 10450",
        "coordinates": (-6.1865, 106.8430),
        "phone": "(021) 390 9922",
        "open_24_hours": True,
        "services": ["complaint-intake", "legal"],
        "languages": ("Bahasa Indonesia", "Indonesian"),
    },
]


def load(stdout) -> None:
    indonesian = Locale.objects.get(language_code="id")
    english = Locale.objects.filter(language_code="en").first()
    home = HomePage.objects.filter(locale=indonesian).first()
    if home is None:
        return
    call_command("import_regions", within=DEMO_REGENCIES, stdout=StringIO())
    services = load_services(indonesian, english)
    directory = directory_page(home, indonesian, english)
    for spec in UNITS:
        unit = save_unit(directory, spec, services)
        if english is not None:
            translate_unit(unit, spec, english)
    stdout.write(f"Service directory: {len(UNITS)} units at {directory.url_path}")


def load_services(indonesian, english) -> dict[str, Service]:
    services = {}
    for order, (code, name_id, name_en) in enumerate(SERVICES):
        service, _created = Service.objects.update_or_create(
            locale=indonesian, code=code, defaults={"name": name_id, "sort_order": order}
        )
        if english is not None:
            translation = service.get_translation_or_none(english) or service.copy_for_translation(
                english
            )
            translation.code, translation.name, translation.sort_order = code, name_en, order
            translation.save()
        services[code] = service
    return services


def directory_page(home, indonesian, english) -> ServiceDirectoryPage:
    title, slug, intro = DIRECTORY["id"]
    directory = ServiceDirectoryPage.objects.filter(locale=indonesian).first()
    if directory is None:
        directory = home.add_child(
            instance=ServiceDirectoryPage(
                title=title, slug=slug, locale=indonesian, intro=intro, show_in_menus=True
            )
        )
    if english is not None:
        translation = directory.get_translation_or_none(english)
        if translation is None:
            translation = directory.copy_for_translation(english, copy_parents=True)
        translation.title, translation.slug, translation.intro = DIRECTORY["en"]
        translation.live = True
        translation.save()
    return directory


def _hours(spec) -> list[OpeningHours]:
    return [
        OpeningHours(
            weekday=day,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
        for day, opens, closes in spec.get("hours", [])
    ]


def _fields(spec, language: int) -> dict:
    latitude, longitude = spec.get("coordinates", (None, None))
    return {
        "title": spec["title"],
        "kind": spec["kind"],
        "region_id": spec["region"],
        "summary": spec["summary"][language],
        "address": spec.get("address", ""),
        "latitude": latitude,
        "longitude": longitude,
        "phone": spec.get("phone", ""),
        "whatsapp": spec.get("whatsapp", ""),
        "email": spec.get("email", ""),
        "open_24_hours": spec.get("open_24_hours", False),
        "free_of_charge": True,
        "languages": spec["languages"][language],
        "accessibility": spec.get("accessibility", ("", ""))[language],
    }


def save_unit(directory, spec, services) -> ServiceUnitPage:
    unit = ServiceUnitPage.objects.child_of(directory).filter(slug=spec["slug"]).first()
    if unit is None:
        unit = ServiceUnitPage(slug=spec["slug"], locale=directory.locale)
        for name, value in _fields(spec, 0).items():
            setattr(unit, name, value)
        unit.opening_hours = _hours(spec)
        unit.services = [services[code] for code in spec["services"]]
        directory.add_child(instance=unit)
        return unit
    for name, value in _fields(spec, 0).items():
        setattr(unit, name, value)
    unit.opening_hours = _hours(spec)
    unit.services = [services[code] for code in spec["services"]]
    unit.save()
    return unit


def translate_unit(unit, spec, english) -> None:
    translation = unit.get_translation_or_none(english)
    if translation is None:
        translation = unit.copy_for_translation(english)
    for name, value in _fields(spec, 1).items():
        setattr(translation, name, value)
    translation.opening_hours = _hours(spec)
    translation.services = list(Service.objects.filter(locale=english, code__in=spec["services"]))
    translation.live = True
    translation.save()
