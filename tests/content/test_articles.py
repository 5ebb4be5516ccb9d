"""News: the index, articles with tags, and the RSS feed."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from wagtail.test.utils import WagtailPageTestCase

from content.models import ArticleIndexPage, ArticlePage, HomePage
from tests.content.pages import publish

pytestmark = pytest.mark.django_db


def test_article_page_shows_date_summary_body_and_tags(client, public_tree):
    response = client.get(public_tree.article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Posko PPT dibuka di Kelurahan Ketabang</h1>" in html
    assert "Warga kini bisa melapor di kantor kelurahan." in html
    assert "Posko buka setiap hari kerja." in html
    assert f'href="{public_tree.news.url}?tag=ppt">ppt</a>' in html
    assert '<meta property="og:type" content="article">' in html


def test_news_index_lists_newest_first_and_filters_by_tag(client, public_tree):
    older = publish(
        public_tree.news,
        ArticlePage(
            title="Pelatihan konselor",
            slug="pelatihan",
            summary="-",
            date=public_tree.article.date - timedelta(days=5),
        ),
    )
    html = client.get(public_tree.news.url).content.decode()
    assert html.index(public_tree.article.title) < html.index(older.title)
    tagged = client.get(public_tree.news.url + "?tag=ppt").content.decode()
    assert public_tree.article.title in tagged
    assert older.title not in tagged


def test_unpublished_article_is_a_404(client, public_tree):
    url = public_tree.article.url
    public_tree.article.unpublish()
    assert client.get(url).status_code == 404


def test_rss_feed_lists_live_articles_with_links_and_categories(client, public_tree):
    response = client.get(public_tree.news.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    # Our own response, not untrusted input.
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314
    assert channel.findtext("title") == "Berita"
    assert channel.findtext("language") == "id"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [public_tree.article.title]
    item = items[0]
    assert item.findtext("link") == "http://testserver" + public_tree.article.url
    assert item.findtext("description") == public_tree.article.summary
    assert sorted(category.text for category in item.findall("category")) == ["layanan", "ppt"]


def test_rss_feed_leaves_out_unpublished_articles(client, public_tree):
    public_tree.article.unpublish()
    response = client.get(public_tree.news.url + "rss/")
    assert b"<item>" not in response.content


def test_news_index_announces_its_feed(client, public_tree):
    html = client.get(public_tree.news.url).content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Berita" '
        f'href="{public_tree.news.url}rss/">' in html
    )


class ArticleTreeRules(WagtailPageTestCase):
    def test_articles_live_under_a_news_index(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
