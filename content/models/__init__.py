"""Content models, one module per page type or snippet."""

from content.models.articles import ArticleIndexPage, ArticlePage, ArticleTag
from content.models.campaigns import Audience, CampaignIndexPage, CampaignPage
from content.models.directory import (
    OpeningHours,
    ServiceDirectoryPage,
    ServiceUnitPage,
    UnitKind,
    Weekday,
)
from content.models.events import EventIndexPage, EventPage
from content.models.home import HomePage
from content.models.hotlines import Hotline
from content.models.regions import Region
from content.models.services import Service
from content.models.site_settings import SiteSettings
from content.models.statistics import StatisticsPage

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleTag",
    "Audience",
    "CampaignIndexPage",
    "CampaignPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "Hotline",
    "OpeningHours",
    "Region",
    "Service",
    "ServiceDirectoryPage",
    "ServiceUnitPage",
    "SiteSettings",
    "StatisticsPage",
    "UnitKind",
    "Weekday",
]
