"""The registry of searchable page types, and what its default adapter reads."""

import datetime

import pytest
from django.apps import apps
from wagtail.models import Page

from content.models import CampaignPage, StatisticsPage
from forms.models import ComplaintPage
from search.api import search
from search.documents import (
    UnknownPageType,
    content_type_for,
    document_for,
    indexed_models,
    register,
)
from search.models import SearchPage

pytestmark = pytest.mark.django_db


def test_a_page_document_has_its_title_text_language_and_address(home_page):
    page = home_page.add_child(
        instance=CampaignPage(
            title="Berani Bicara",
            slug="berani-bicara",
            summary="Kekerasan bukan aib.",
            start_date=datetime.date(2026, 11, 25),
            search_description="Kampanye",
            body=[("text", "<p>Satu laporan, <b>semua</b> layanan.</p>")],
        )
    )
    document = document_for(page)
    assert document.title == "Berani Bicara"
    assert document.body == "Kampanye Kekerasan bukan aib. Satu laporan, semua layanan."
    assert document.language == "id"
    assert document.content_type == "campaign"
    assert document.url == "/id/berani-bicara/"


def test_a_listing_page_is_found_by_its_name_and_description_not_its_introduction(home_page):
    # The home page's introduction names everything below it ("layanan ... anak"):
    # indexed, it would outrank the pages it leads to.
    home_page.intro = "<p>Satu laporan, <b>semua</b> layanan.</p>"
    home_page.search_description = "Portal layanan"
    home_page.save()
    document = document_for(home_page)
    assert (document.title, document.body) == ("Satu Layanan", "Portal layanan")
    assert document.url == "/id/"


def test_the_statistics_page_is_found_by_its_name_not_its_counts_of_reports(home_page):
    # Its introduction and tables say "laporan" in every line: indexed, the page came
    # before the complaint form for "cara melapor" and "pengaduan online".
    page = home_page.add_child(
        instance=StatisticsPage(
            title="Angka kekerasan",
            slug="angka",
            intro="<p>Berapa laporan yang kami tangani.</p>",
            search_description="Statistik",
            first_month=datetime.date(2026, 1, 1),
            body=[("text", "<p>Hanya laporan yang sudah diverifikasi.</p>")],
        )
    )
    document = document_for(page)
    assert (document.title, document.body) == ("Angka kekerasan", "Statistik")


def test_draft_pages_have_no_document(home_page):
    child = home_page.add_child(instance=type(home_page)(title="Draf", live=False))
    assert document_for(child) is None


def test_the_search_page_itself_is_not_indexed(home_page):
    page = home_page.add_child(instance=SearchPage(title="Cari", slug="cari"))
    assert content_type_for(page) is None
    assert document_for(page) is None


def test_a_label_that_names_no_model_stops_start_up_with_the_labels_that_exist():
    # The app of the complaint page is labelled "complaints", not "forms".
    with pytest.raises(UnknownPageType) as refused:
        register("forms.ComplaintPage", "page", "Page")
    assert "'forms.ComplaintPage'" in str(refused.value)
    assert "complaints" in str(refused.value)
    assert "forms.complaintpage" not in {m._meta.label_lower for m in indexed_models()}


def test_a_model_that_is_not_a_page_is_refused():
    with pytest.raises(UnknownPageType, match="not a Wagtail page type"):
        register("content.Hotline", "page", "Page")


def test_the_real_registry_covers_every_public_page_type_of_the_portal():
    """What the apps' searchable modules registered at start-up: every routable page
    type readers can open, but the search page itself."""
    public_types = {
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and model._meta.app_label in {"content", "complaints"}
    }
    assert set(indexed_models()) == public_types
    assert apps.get_model("complaints", "ComplaintPage") in indexed_models()
    assert SearchPage not in indexed_models()


def test_the_complaint_page_is_indexed_and_found(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = home_page.add_child(
            instance=ComplaintPage(
                title="Laporkan kekerasan",
                slug="lapor",
                intro="<p>Laporkan kekerasan tanpa menyebut nama.</p>",
            )
        )
        complaint.save_revision().publish()
    results = search("lapor", "id")
    assert [hit.url for hit in results.hits] == ["/id/lapor/"]
