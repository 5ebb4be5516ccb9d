"""Demo public pages: campaigns with materials, news and events for Kota Surabaya.

Indonesian first; the home page and two campaigns also in English (translated slugs).
Posters, leaflets and pictures are drawn here with Pillow, so the demo needs no
download. Idempotent: pages are found by slug, images and documents by title.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    HomePage,
    Region,
    SiteSettings,
    StatisticsPage,
)

PLUM, ROSE, TEAL, SAND = "#7a1f5c", "#c2417f", "#1f6f6a", "#f6f0f4"


# --- pictures and documents ---------------------------------------------------------


def _draw(title: str, subtitle: str, size, background: str, accent: str) -> PillowImage.Image:
    width, height = size
    picture = PillowImage.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    draw.ellipse(
        (width * 0.55, -height * 0.25, width * 1.25, height * 0.75), fill=accent, outline=None
    )
    draw.rectangle((0, height * 0.82, width, height), fill=SAND)
    big = ImageFont.load_default(size=max(24, width // 14))
    small = ImageFont.load_default(size=max(16, width // 30))
    y = height * 0.25
    for line in title.split("\n"):
        draw.text((width * 0.07, y), line, font=big, fill="#ffffff")
        y += big.size * 1.2
    draw.text((width * 0.07, y + small.size), subtitle, font=small, fill="#ffffff")
    draw.text((width * 0.07, height * 0.86), "SAPA 129 · WA 08111-129-129", font=small, fill=PLUM)
    return picture


def demo_image(title: str, subtitle: str, background: str, accent: str, size=(1200, 675)):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    _draw(title, subtitle, size, background, accent).save(buffer, "PNG", optimize=True)
    name = title.lower().replace("\n", " ").replace(" ", "-")[:40] + ".png"
    image = Image(title=title, file=ImageFile(buffer, name=name))
    image.save()
    return image


def demo_logo():
    """A plain mark (a heart on a rounded square), drawn without text."""
    Image = get_image_model()
    existing = Image.objects.filter(title="Logo Satu Layanan").first()
    if existing:
        return existing
    picture = PillowImage.new("RGB", (192, 192), "#ffffff")
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle((0, 0, 191, 191), radius=36, fill=PLUM)
    draw.ellipse((40, 52, 100, 112), fill="#ffffff")
    draw.ellipse((92, 52, 152, 112), fill="#ffffff")
    draw.polygon([(43, 96), (149, 96), (96, 152)], fill="#ffffff")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    image = Image(title="Logo Satu Layanan", file=ImageFile(buffer, name="logo.png"))
    image.save()
    return image


def demo_document(title: str, poster_title: str, subtitle: str, fmt: str, background: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    picture = _draw(poster_title, subtitle, (1240, 1754), background, ROSE)  # A4 at 150 dpi
    if fmt == "pdf":
        picture.save(buffer, "PDF", resolution=150)
    else:
        picture.reduce(2).save(buffer, "PNG", optimize=True)
    document = Document(title=title)
    name = f"{title.lower().replace(' ', '-')[:40]}.{fmt}"
    document.file.save(name, ContentFile(buffer.getvalue()))
    document.save()
    return document


# --- pages --------------------------------------------------------------------------


def child(parent, model, slug: str, **fields):
    """Create or update the child ``slug`` of ``parent`` and publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    return page


def own_translation(page, locale):
    """``page`` in ``locale``, as a page of its own.

    Other demo steps translate with ``copy_parents=True``, which makes the parents
    (the English home page) aliases of the Indonesian ones: an alias cannot have an
    English title or intro, so it is converted into an ordinary page first.
    """
    translation = page.get_translation_or_none(locale) or page.copy_for_translation(locale)
    if translation.alias_of_id:
        ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
        translation = type(translation).objects.get(pk=translation.pk)
    return translation


def translate(page, locale, slug: str, **fields):
    """The ``locale`` translation of ``page`` (its parent must be translated already)."""
    translation = own_translation(page, locale)
    translation.slug = slug
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def surabaya() -> Region:
    province = Region.objects.get_or_create(
        code="35", defaults={"name": "Jawa Timur", "level": Region.Level.PROVINCE}
    )[0]
    return Region.objects.get_or_create(
        code="35.78",
        defaults={"name": "Kota Surabaya", "level": Region.Level.REGENCY, "parent": province},
    )[0]


def at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load(stdout) -> None:
    indonesian = Locale.objects.get(language_code="id")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=indonesian).first()
    if home is None:
        return
    region = surabaya()
    today = timezone.localdate()
    report = Page.objects.child_of(home).filter(slug="lapor").first()

    home.intro = (
        "<p>Layanan pengaduan dan perlindungan perempuan dan anak di Kota Surabaya. "
        "Satu laporan, semua layanan bergerak bersama: kesehatan, hukum, psikologis "
        "dan rumah aman.</p>"
    )
    home.report_text = "Melihat atau mengalami kekerasan? Laporkan, rahasia Anda terjaga."
    home.report_page = report
    home.save_revision().publish()

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.agency_name = "DP3APPKB Kota Surabaya"
    settings.address = "Jl. Jimerto No. 25–27\nSurabaya 60272\nJawa Timur"
    settings.logo = demo_logo()
    settings.save()

    # Materials.
    poster = demo_document(
        "Poster Berani Bicara", "BERANI\nBICARA", "Kekerasan bukan aib. Ceritakan.", "pdf", PLUM
    )
    leaflet = demo_document(
        "Leaflet Tanda-tanda Kekerasan pada Anak",
        "KENALI\nTANDANYA",
        "Panduan singkat untuk orang tua",
        "png",
        TEAL,
    )
    school_guide = demo_document(
        "Panduan Sekolah Ramah Anak", "SEKOLAH\nRAMAH ANAK", "Untuk guru dan komite", "pdf", TEAL
    )
    speak_up = demo_image("Berani Bicara", "Kekerasan bukan aib", PLUM, ROSE)
    schools = demo_image("Sekolah\nRamah Anak", "Tanpa perundungan", TEAL, "#2f9c8f")
    neighbours = demo_image("Jaga\nTetangga", "RT/RW peduli", "#8a4b12", "#c77d2e")
    ppt_post = demo_image("Posko PPT", "Kelurahan Ketabang", "#3a3f8f", "#6b70c9")

    # Campaigns.
    campaigns = child(
        home,
        CampaignIndexPage,
        "kampanye",
        title="Kampanye",
        show_in_menus=True,
        intro="<p>Kampanye pencegahan kekerasan terhadap perempuan dan anak.</p>",
    )
    cta_report = (
        [("call_to_action", {"text": "Anda tidak sendiri.", "label": "Laporkan", "page": report})]
        if report
        else []
    )
    berani = child(
        campaigns,
        CampaignPage,
        "berani-bicara",
        title="Berani Bicara",
        summary="Ajak anak dan perempuan berani bercerita: kekerasan bukan aib, dan "
        "melapor itu aman.",
        start_date=today - timedelta(days=20),
        end_date=today + timedelta(days=70),
        audiences=["children", "parents", "schools"],
        region=None,
        listing_image=speak_up,
        body=[
            (
                "text",
                "<p>Banyak korban diam karena takut, malu, atau tidak tahu harus ke mana. "
                "Kampanye <b>Berani Bicara</b> mengajak keluarga, sekolah dan tetangga "
                "untuk mendengarkan tanpa menghakimi.</p><h2>Apa yang bisa Anda lakukan</h2>"
                "<ul><li>Dengarkan dan percayai cerita korban.</li>"
                "<li>Jangan menyalahkan.</li><li>Hubungi SAPA 129 atau laporkan lewat "
                "portal ini.</li></ul>",
            ),
            (
                "image",
                {
                    "image": speak_up,
                    "alt_text": "Poster ungu bertuliskan Berani Bicara, kekerasan bukan aib, "
                    "dengan nomor SAPA 129.",
                    "caption": "Poster kampanye untuk papan pengumuman sekolah dan balai RW.",
                },
            ),
            (
                "quote",
                {
                    "text": "Waktu anak saya akhirnya bercerita, saya tahu harus ke mana. "
                    "Petugas UPTD PPA mendampingi kami sampai selesai.",
                    "attribution": "Seorang ibu di Surabaya",
                },
            ),
            (
                "download",
                {"document": poster, "title": "", "description": "Ukuran A4, siap cetak."},
            ),
            (
                "download",
                {
                    "document": leaflet,
                    "title": "",
                    "description": "Tanda-tanda yang perlu diperhatikan orang tua.",
                },
            ),
            (
                "video",
                {
                    "title": "Video: Berani Bicara (2 menit)",
                    "file": None,
                    "link": "https://www.kemenpppa.go.id/",
                    "transcript": "Seorang anak bercerita kepada gurunya. Guru mendengarkan, "
                    "lalu menghubungi SAPA 129 bersama orang tua.",
                },
            ),
            *cta_report,
        ],
    )
    sekolah = child(
        campaigns,
        CampaignPage,
        "sekolah-ramah-anak",
        title="Sekolah Ramah Anak, Sekolah Tanpa Kekerasan",
        summary="Guru, komite dan murid bersama mencegah perundungan dan kekerasan di sekolah.",
        start_date=today - timedelta(days=45),
        end_date=today + timedelta(days=120),
        audiences=["schools", "parents", "children"],
        region=region,
        listing_image=schools,
        body=[
            (
                "text",
                "<p>Setiap sekolah di Surabaya dapat meminta sosialisasi dari UPTD PPA. "
                "Tim datang ke sekolah, berbicara dengan guru dan orang tua, dan membantu "
                "membentuk tim pencegahan kekerasan.</p>",
            ),
            ("download", {"document": school_guide, "title": "", "description": ""}),
        ],
    )
    child(
        campaigns,
        CampaignPage,
        "jaga-tetangga",
        title="Jaga Tetangga: RT/RW Peduli",
        summary="Pengurus RT/RW dan majelis taklim belajar mengenali dan merujuk kasus "
        "kekerasan dalam rumah tangga.",
        start_date=today - timedelta(days=5),
        end_date=None,
        audiences=["rt_rw", "religious"],
        region=region,
        listing_image=neighbours,
        body=[
            (
                "text",
                "<p>Tetangga sering menjadi orang pertama yang tahu. Kampanye ini melatih "
                "pengurus RT/RW, kader dan tokoh agama untuk merujuk korban ke PPT "
                "kelurahan terdekat.</p>",
            ),
            ("quote", {"text": "Kalau ragu, tanyakan. Kalau tahu, laporkan.", "attribution": ""}),
        ],
    )

    # News.
    news = child(
        home,
        ArticleIndexPage,
        "berita",
        title="Berita",
        show_in_menus=True,
        intro="<p>Kabar terbaru dari layanan perlindungan perempuan dan anak.</p>",
    )
    articles = [
        (
            "posko-ppt-ketabang",
            "Posko PPT dibuka di Kelurahan Ketabang",
            "Warga kini dapat melapor dan berkonsultasi di kantor kelurahan setiap hari kerja.",
            1,
            ppt_post,
            ["ppt", "layanan"],
        ),
        (
            "molin-ppa-kecamatan-genteng",
            "Mobil Layanan PPA berkunjung ke Kecamatan Genteng",
            "Konseling dan pengaduan langsung di balai RW, tanpa biaya.",
            4,
            None,
            ["molin-ppa", "layanan"],
        ),
        (
            "pelatihan-konselor-sebaya",
            "Empat puluh siswa dilatih menjadi konselor sebaya",
            "Siswa SMP belajar mendengarkan teman dan tahu ke mana merujuk.",
            9,
            schools,
            ["sekolah", "pelatihan"],
        ),
        (
            "sapa-129-whatsapp",
            "SAPA 129 kini juga melalui WhatsApp",
            "Laporan dapat dikirim lewat WhatsApp 08111-129-129, 24 jam.",
            15,
            speak_up,
            ["sapa-129"],
        ),
    ]
    for slug, title, summary, days_ago, picture, tags in articles:
        article = child(
            news,
            ArticlePage,
            slug,
            title=title,
            summary=summary,
            date=today - timedelta(days=days_ago),
            listing_image=picture,
            body=[("text", f"<p>{summary}</p><p>Informasi: SAPA 129 atau UPTD PPA.</p>")],
        )
        article.tags.set(tags)
        article.save_revision().publish()

    # Statistics: the demo regency over the last twelve complete months.
    this_month = today.replace(day=1)
    child(
        home,
        StatisticsPage,
        "angka",
        title="Angka kekerasan",
        show_in_menus=True,
        intro="<p>Berapa laporan yang kami tangani, tanpa membuka identitas siapa pun.</p>",
        area=region,
        first_month=this_month.replace(year=this_month.year - 1),
        last_month=None,
        body=[
            ("text", "<p>Angka di bawah hanya menghitung laporan yang sudah diverifikasi.</p>"),
            ("figures", {"table": "month", "chart": True, "context": ""}),
            (
                "figures",
                {
                    "table": "kind",
                    "chart": True,
                    "context": "<p>Satu laporan dapat menyebut lebih dari satu jenis.</p>",
                },
            ),
            ("figures", {"table": "age_sex", "chart": True, "context": ""}),
            ("figures", {"table": "place", "chart": True, "context": ""}),
            ("figures", {"table": "area", "chart": False, "context": ""}),
        ],
    )

    # Events.
    events = child(
        home,
        EventIndexPage,
        "agenda",
        title="Agenda",
        show_in_menus=True,
        intro="<p>Sosialisasi, rapat koordinasi dan kunjungan mobil layanan.</p>",
    )
    for slug, title, kind, start, hours, place, address in (
        (
            "sosialisasi-sdn-ketabang",
            "Sosialisasi Berani Bicara di SDN Ketabang 1",
            EventPage.Kind.OUTREACH,
            at(3, 9),
            2,
            "Aula SDN Ketabang 1",
            "Jl. Ketabang Kali No. 1, Genteng, Surabaya",
        ),
        (
            "molin-ppa-rw-05-tambaksari",
            "Mobil Layanan PPA di RW 05 Tambaksari",
            EventPage.Kind.MOBILE_UNIT,
            at(6, 8),
            4,
            "Balai RW 05 Kelurahan Tambaksari",
            "Tambaksari, Surabaya",
        ),
        (
            "rapat-koordinasi-ppt",
            "Rapat koordinasi PPT kelurahan se-Kota Surabaya",
            EventPage.Kind.COORDINATION,
            at(10, 13),
            3,
            "Ruang Rapat DP3APPKB",
            "Jl. Jimerto No. 25–27, Surabaya",
        ),
        (
            "sosialisasi-majelis-taklim",
            "Sosialisasi untuk majelis taklim Kecamatan Wonokromo",
            EventPage.Kind.OUTREACH,
            at(14, 15, 30),
            2,
            "Masjid Al-Ikhlas",
            "Wonokromo, Surabaya",
        ),
    ):
        child(
            events,
            EventPage,
            slug,
            title=title,
            summary=f"{title}. Terbuka untuk umum, gratis.",
            kind=kind,
            start=start,
            end=start + timedelta(hours=hours),
            place=place,
            address=address,
            region=region,
        )

    # English: the home page, the campaign list and two campaigns.
    home_en = own_translation(home, english)
    report_en = report.get_translation_or_none(english) if report else None
    home_en.title = "Satu Layanan"
    home_en.intro = (
        "<p>Reporting and protection services for women and children in Surabaya. One "
        "report, and every service works on it together: medical, legal, psychological "
        "and safe shelter.</p>"
    )
    home_en.report_text = "Seen or experienced violence? Report it; your identity stays safe."
    home_en.report_page = report_en or report
    home_en.save_revision().publish()
    translate(
        campaigns,
        english,
        "campaigns",
        title="Campaigns",
        intro="<p>Campaigns to prevent violence against women and children.</p>",
    )
    translate(
        berani,
        english,
        "dare-to-speak-up",
        title="Dare to Speak Up",
        summary="Encourage children and women to speak up: violence is no shame, and "
        "reporting is safe.",
        body=[
            (
                "text",
                "<p>Many victims stay silent out of fear or shame, or because they do not "
                "know where to go. <b>Dare to Speak Up</b> asks families, schools and "
                "neighbours to listen without judging.</p><h2>What you can do</h2><ul>"
                "<li>Listen, and believe what you are told.</li><li>Do not blame.</li>"
                "<li>Call SAPA 129 or report through this portal.</li></ul>",
            ),
            (
                "image",
                {
                    "image": speak_up,
                    "alt_text": "Purple poster reading Berani Bicara (Dare to Speak Up), "
                    "violence is no shame, with the SAPA 129 number.",
                    "caption": "Campaign poster for school and neighbourhood notice boards.",
                },
            ),
            ("download", {"document": poster, "title": "Poster (Indonesian)", "description": ""}),
        ],
    )
    translate(
        sekolah,
        english,
        "safe-schools",
        title="Child-Friendly Schools, Schools Without Violence",
        summary="Teachers, school committees and pupils together against bullying and "
        "violence at school.",
        body=[
            (
                "text",
                "<p>Any school in Surabaya can ask the UPTD PPA for an outreach session: the "
                "team visits, talks with teachers and parents, and helps set up a "
                "prevention team.</p>",
            ),
        ],
    )
    stdout.write(f"Public pages ready: {campaigns.url_path}, {news.url_path}, {events.url_path}")
