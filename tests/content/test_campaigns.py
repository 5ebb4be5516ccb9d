"""Campaign index and campaign pages: what an editor enters is what a reader sees."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase

from content.models import CampaignIndexPage, CampaignPage, HomePage
from tests.content.pages import make_document, make_image

pytestmark = pytest.mark.django_db


def test_campaign_page_shows_summary_period_audience_region_and_body(client, public_tree):
    response = client.get(public_tree.campaign.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Berani Bicara</h1>" in html
    assert "Ajak anak berani bercerita tentang kekerasan." in html
    assert "Kota Surabaya" in html
    assert "Orang tua" in html or "Parents" in html
    assert "Kekerasan bukan aib. Ceritakan." in html
    assert "<blockquote><p>Saya akhirnya bercerita.</p></blockquote>" in html
    period = public_tree.campaign.start_date.strftime("%Y")
    assert period in html


def test_campaign_index_lists_live_campaigns_only(client, public_tree):
    draft = CampaignPage(
        title="Draf rahasia",
        slug="draf",
        summary="Belum siap.",
        start_date=public_tree.campaign.start_date,
        live=False,
    )
    public_tree.campaigns.add_child(instance=draft)
    html = client.get(public_tree.campaigns.url).content.decode()
    assert "Berani Bicara" in html
    assert "Draf rahasia" not in html


def test_unpublished_campaign_is_a_404(client, public_tree):
    url = public_tree.campaign.url
    public_tree.campaign.unpublish()
    assert client.get(url).status_code == 404


def test_download_block_shows_format_and_size(client, public_tree):
    leaflet = make_document("Leaflet Berani Bicara", b"%PDF-1.4\n" + b"x" * 150_000)
    campaign = public_tree.campaign
    campaign.body = [("download", {"document": leaflet, "title": "", "description": "A5"})]
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert "Leaflet Berani Bicara" in html
    assert "PDF" in html
    assert "146,5\xa0KB" in html or "146.5\xa0KB" in html
    assert f'href="{leaflet.url}"' in html


def test_image_block_renders_the_alt_text_the_editor_wrote(client, public_tree):
    poster = make_image("Poster")
    campaign = public_tree.campaign
    campaign.body = [
        ("image", {"image": poster, "alt_text": "Anak memegang poster", "caption": "Poster"})
    ]
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert 'alt="Anak memegang poster"' in html


def test_image_block_refuses_an_image_without_alt_text(public_tree):
    block = CampaignPage.body.field.stream_block.child_blocks["image"]
    with pytest.raises(ValidationError):
        block.clean({"image": make_image("Poster"), "alt_text": "", "caption": ""})


def test_video_block_never_embeds_a_third_party_player(client, public_tree):
    campaign = public_tree.campaign
    campaign.body = [
        (
            "video",
            {
                "title": "Film pendek",
                "file": None,
                "link": "https://video.example/v/1",
                "transcript": "",
            },
        )
    ]
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert '<a href="https://video.example/v/1"' in html
    assert "<iframe" not in html


def test_video_block_needs_a_file_or_a_link(public_tree):
    block = CampaignPage.body.field.stream_block.child_blocks["video"]
    with pytest.raises(ValidationError):
        block.clean({"title": "Film", "file": None, "link": "", "transcript": ""})


def test_call_to_action_links_a_page_in_the_readers_language(client, public_tree):
    campaign = public_tree.campaign
    campaign.body = [
        (
            "call_to_action",
            {"text": "", "label": "Baca berita", "page": public_tree.news, "url": ""},
        )
    ]
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert f'href="{public_tree.news.url}">Baca berita</a>' in html


def test_campaign_cannot_end_before_it_starts(public_tree):
    campaign = public_tree.campaign
    campaign.end_date = campaign.start_date - timedelta(days=1)
    with pytest.raises(ValidationError):
        campaign.full_clean()


def test_current_campaigns_leave_out_ended_and_future_ones(public_tree):
    index, start = public_tree.campaigns, public_tree.campaign.start_date
    for slug, offset_start, offset_end in (("lalu", -60, -30), ("nanti", 30, 60)):
        page = CampaignPage(
            title=slug,
            slug=slug,
            summary="-",
            start_date=start + timedelta(days=offset_start),
            end_date=start + timedelta(days=offset_end),
        )
        index.add_child(instance=page)
    current = CampaignPage.current(public_tree.home.locale, today=start + timedelta(days=1))
    assert [page.slug for page in current] == ["berani-bicara"]


class CampaignPageTreeRules(WagtailPageTestCase):
    def test_campaigns_live_under_a_campaign_index_under_home(self):
        self.assertCanCreateAt(HomePage, CampaignIndexPage)
        self.assertCanCreateAt(CampaignIndexPage, CampaignPage)
        self.assertCanNotCreateAt(HomePage, CampaignPage)
        self.assertAllowedSubpageTypes(CampaignIndexPage, {CampaignPage})
        self.assertAllowedSubpageTypes(CampaignPage, set())


def test_campaign_page_has_open_graph_tags_for_link_previews(client, public_tree):
    html = client.get(public_tree.campaign.url).content.decode()
    assert '<meta property="og:title" content="Berani Bicara">' in html
    assert '<meta property="og:description" content="Ajak anak berani bercerita' in html
    assert f'<meta property="og:url" content="http://localhost{public_tree.campaign.url}">' in html
    assert '<meta property="og:locale" content="id_ID">' in html
