"""Demo home page, site and national hotlines: the first step of ``manage.py load_demo``.

Idempotent: running it again updates what it made instead of duplicating it.
"""

from wagtail.models import Page, Site

from content.models import HomePage, Hotline

NATIONAL_HOTLINES = [
    # name (id), name (en), number, whatsapp, hours (id), hours (en), emergency
    ("SAPA 129", "SAPA 129", "129", "628111129129", "24 jam", "24 hours", False),
    ("Darurat 112", "Emergency 112", "112", "", "24 jam", "24 hours", True),
    ("Polisi 110", "Police 110", "110", "", "24 jam", "24 hours", True),
]


def home_page(locale) -> HomePage:
    """The Indonesian home page, root of the default site (Wagtail's welcome page goes)."""
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Satu Layanan",
                slug="beranda",
                locale=locale,
                intro="<p>Satu laporan, semua layanan bergerak bersama.</p>",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "site_name": "Satu Layanan",
            "root_page": home,
        },
    )
    # Wagtail's own "Welcome" page is not part of the portal.
    if old_root and old_root.pk != home.pk and old_root.specific_class is Page:
        old_root.delete()
    return home


def hotlines(indonesian, english) -> None:
    """The national hotlines, published, in Indonesian and English."""
    for order, (name_id, name_en, number, wa, hours_id, hours_en, emergency) in enumerate(
        NATIONAL_HOTLINES
    ):
        hotline, _ = Hotline.objects.update_or_create(
            locale=indonesian,
            number=number,
            scope=Hotline.Scope.NATIONAL,
            defaults={
                "name": name_id,
                "whatsapp": wa,
                "hours": hours_id,
                "is_emergency": emergency,
                "sort_order": order,
            },
        )
        translation = hotline.get_translation_or_none(english) or hotline.copy_for_translation(
            english
        )
        translation.name = name_en
        translation.hours = hours_en
        translation.number = number
        translation.whatsapp = wa
        translation.is_emergency = emergency
        translation.sort_order = order
        translation.save()
