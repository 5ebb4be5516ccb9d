"""Demo content for the complaint path: the complaint page at /id/lapor/ and /en/report/.

Called from ``manage.py load_demo``; idempotent (updates what it made before).
"""

from wagtail.models import Locale

from content.models import HomePage
from forms.models import ComplaintPage

INDONESIAN = {
    "title": "Laporkan kekerasan",
    "slug": "lapor",
    "intro": (
        "<p>Anda dapat melaporkan kekerasan terhadap perempuan dan anak tanpa menyebutkan "
        "nama. Laporan Anda dibaca oleh petugas UPTD PPA di daerah Anda.</p>"
    ),
    "safety_advice": (
        "<p><b>Keamanan Anda lebih dulu.</b> Gunakan ponsel yang tidak diperiksa orang lain. "
        "Tombol <b>Keluar cepat</b> di atas langsung menutup halaman ini.</p>"
    ),
    "next_steps": (
        "<h2>Apa yang terjadi setelah ini</h2><p>Anda menerima kode tanda terima 16 angka. "
        "Petugas membaca laporan dalam 1×24 jam pada hari kerja, atau segera bila ada "
        "yang dalam bahaya. Dengan kode itu Anda dapat melihat perkembangan dan membalas "
        "pesan petugas.</p>"
    ),
    "status_intro": (
        "<p>Masukkan kode tanda terima 16 angka yang Anda terima saat mengirim laporan.</p>"
    ),
}
ENGLISH = {
    "title": "Report violence",
    "slug": "report",
    "intro": (
        "<p>You can report violence against women and children without giving your name. "
        "Your report is read by the UPTD PPA staff of your area.</p>"
    ),
    "safety_advice": (
        "<p><b>Your safety first.</b> Use a phone nobody else checks. The <b>Quick exit</b> "
        "button at the top closes this page at once.</p>"
    ),
    "next_steps": (
        "<h2>What happens next</h2><p>You receive a 16-digit receipt code. Staff read "
        "reports within one working day, or at once when someone is in danger. With the "
        "code you can follow your report and answer staff messages.</p>"
    ),
    "status_intro": (
        "<p>Enter the 16-digit receipt code you were given when you sent your report.</p>"
    ),
}


def _fill(page: ComplaintPage, values: dict) -> None:
    for name, value in values.items():
        setattr(page, name, value)
    page.show_in_menus = True  # "Lapor" in the main menu of every page


def load(stdout) -> None:
    indonesian = Locale.objects.get(language_code="id")
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=indonesian)

    page = ComplaintPage.objects.filter(locale=indonesian).first()
    if page is None:
        page = ComplaintPage(locale=indonesian)
        _fill(page, INDONESIAN)
        home.add_child(instance=page)
    else:
        _fill(page, INDONESIAN)
    page.save_revision().publish()

    # /en/report/ needs the English home page (a translation of the Indonesian one).
    home_en = home.get_translation_or_none(english)
    if home_en is None:
        home_en = home.copy_for_translation(english)
        home_en.title = "Satu Layanan"
        home_en.save_revision().publish()

    translation = page.get_translation_or_none(english)
    if translation is None:
        translation = page.copy_for_translation(english)
    _fill(translation, ENGLISH)
    translation.save_revision().publish()
    stdout.write(f"Complaint page: {page.url_path} and {translation.url_path}")
