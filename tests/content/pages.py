"""Builders and fixtures for the public page tree (home, campaigns, news, events).

Test modules import the fixtures they use from here, e.g.
``from tests.content.pages import public_tree  # noqa: F401``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from content.demo.pages import surabaya
from content.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    HomePage,
    Region,
)


def make_image(title: str = "Poster", color: str = "#7a1f5c", size=(120, 80)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, color).save(buffer, "PNG")
    name = f"{title.lower().replace(' ', '-')}.png"
    image = get_image_model()(title=title, file=ImageFile(buffer, name=name))
    image.save()
    return image


def make_document(title: str = "Leaflet", content: bytes = b"%PDF-1.4\n" + b"x" * 2048):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(content))
    document.save()
    return document


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_new_campaign(tree) -> CampaignPage:
    """A campaign published the day after the tree's: the first of the current ones."""
    return publish(
        tree.campaigns,
        CampaignPage(
            title="Sekolah Ramah Anak",
            slug="sekolah-ramah-anak",
            summary="-",
            start_date=tree.campaign.start_date + timedelta(days=1),
        ),
    )


@dataclass
class PublicTree:
    home: HomePage
    campaigns: CampaignIndexPage
    campaign: CampaignPage
    news: ArticleIndexPage
    article: ArticlePage
    events: EventIndexPage
    event: EventPage
    region: Region


def build_tree(home: HomePage) -> PublicTree:
    region = surabaya()
    today = timezone.localdate()
    campaigns = publish(home, CampaignIndexPage(title="Kampanye", slug="kampanye"))
    campaign = publish(
        campaigns,
        CampaignPage(
            title="Berani Bicara",
            slug="berani-bicara",
            summary="Ajak anak berani bercerita tentang kekerasan.",
            start_date=today - timedelta(days=10),
            end_date=today + timedelta(days=30),
            audiences=["parents", "schools"],
            region=region,
            body=[
                ("text", "<p>Kekerasan bukan aib. Ceritakan.</p>"),
                ("quote", {"text": "Saya akhirnya bercerita.", "attribution": "Seorang ibu"}),
            ],
        ),
    )
    news = publish(home, ArticleIndexPage(title="Berita", slug="berita"))
    article = publish(
        news,
        ArticlePage(
            title="Posko PPT dibuka di Kelurahan Ketabang",
            slug="posko-ppt-ketabang",
            summary="Warga kini bisa melapor di kantor kelurahan.",
            date=today - timedelta(days=1),
            body=[("text", "<p>Posko buka setiap hari kerja.</p>")],
        ),
    )
    article.tags.add("ppt", "layanan")
    article.save_revision().publish()
    events = publish(home, EventIndexPage(title="Agenda", slug="agenda"))
    start = timezone.make_aware(datetime.combine(today + timedelta(days=7), datetime.min.time()))
    event = publish(
        events,
        EventPage(
            title="Sosialisasi di SDN Ketabang",
            slug="sosialisasi-sdn-ketabang",
            summary="Sosialisasi pencegahan kekerasan untuk orang tua murid.",
            kind=EventPage.Kind.OUTREACH,
            start=start + timedelta(hours=9),
            end=start + timedelta(hours=11),
            place="Aula SDN Ketabang 1",
            address="Jl. Ketabang Kali No. 1\nSurabaya",
            region=region,
        ),
    )
    return PublicTree(home, campaigns, campaign, news, article, events, event, region)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def public_tree(home_page, media_root) -> PublicTree:
    return build_tree(home_page)


def on(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def bulk_children(parent, model, count: int, fields) -> None:
    """Add ``count`` live children of ``model`` under ``parent`` in a few INSERTs.

    ``fields(i)`` gives the model's own field values for child ``i``. Wagtail's
    ``add_child`` costs about ten queries a page; the query-count tests need thousands
    of pages, so the tree rows (path, depth, url_path) are written in bulk here.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
    now = timezone.now()
    base_rows = []
    own = []
    for i in range(count):
        slug = f"{model._meta.model_name}-{first_step + i}"
        values = fields(i)
        title = values.pop("title", slug)
        base_rows.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, first_step + i),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
        own.append(values)
    for batch_start in range(0, count, 500):
        batch = Page.objects.bulk_create(base_rows[batch_start : batch_start + 500])
        children = [
            model(page_ptr_id=page.pk, **values)
            for page, values in zip(batch, own[batch_start : batch_start + 500], strict=True)
        ]
        # The child table alone: Django's bulk_create refuses multi-table models.
        model._base_manager._insert(
            children, fields=model._meta.local_concrete_fields, using="default"
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
