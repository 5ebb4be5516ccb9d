"""Section editor groups (portal/sections.py, portal/migrations/0003_section_editors.py):
each reaches its own section of the site and nothing else."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from content.models import ServiceDirectoryPage, ServiceUnitPage, UnitKind
from portal.sections import SECTIONS
from portal.translations import translate
from tests.content.pages import build_tree, media_root  # noqa: F401
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page, media_root):  # noqa: F811
    tree = build_tree(home_page)
    directory = home_page.add_child(instance=ServiceDirectoryPage(title="Layanan", slug="layanan"))
    unit = directory.add_child(
        instance=ServiceUnitPage(
            title="UPTD PPA Surabaya", region=tree.region, kind=UnitKind.UPTD_PPA
        )
    )
    return tree, directory, unit


@pytest.fixture
def directory_editor(make_staff):
    return make_staff("layanan", groups=["Directory editors"])


def can_edit(user, page) -> bool:
    return page.permissions_for_user(user).can_edit()


def test_the_migration_made_one_group_per_section_with_admin_access():
    for name in SECTIONS:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
        assert not group.permissions.filter(content_type__app_label="triage").exists()


def test_a_directory_editor_edits_a_unit_page_but_not_a_campaign(client, site, directory_editor):
    tree, directory, unit = site
    assert can_edit(directory_editor, unit) and can_edit(directory_editor, directory)
    assert not can_edit(directory_editor, tree.campaign)
    assert not can_edit(directory_editor, tree.article)
    assert not can_edit(directory_editor, tree.home)

    sign_in_verified(client, directory_editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[unit.pk])).status_code == 200
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[tree.campaign.pk]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    # Nor can they add a campaign.
    refused = client.get(
        reverse("wagtailadmin_pages:add", args=["content", "campaignpage", tree.campaigns.pk])
    )
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_a_directory_editor_submits_but_does_not_publish(site, directory_editor):
    _, _, unit = site
    permissions = unit.permissions_for_user(directory_editor)
    assert permissions.can_edit() and not permissions.can_publish()
    assert not permissions.can_delete()


def test_campaign_and_news_editors_stay_in_their_sections(site, make_staff):
    tree, directory, unit = site
    campaigner = make_staff("kampanye", groups=["Campaign editors"])
    reporter = make_staff("berita", groups=["News editors"])
    assert can_edit(campaigner, tree.campaign)
    assert not any(can_edit(campaigner, p) for p in [tree.article, tree.event, unit])
    assert can_edit(reporter, tree.article) and can_edit(reporter, tree.event)
    assert not any(can_edit(reporter, p) for p in [tree.campaign, unit, directory])


def test_the_english_translation_of_a_section_is_in_the_same_section(
    site, locales, directory_editor
):
    tree, directory, unit = site
    english = locales[1]
    translate(tree.home, english, {"beranda": "home"})
    directory_en = translate(directory, english, {"layanan": "services"})
    unit_en = translate(unit, english, {})
    assert can_edit(directory_editor, unit_en) and can_edit(directory_editor, directory_en)


def test_the_migration_grants_sections_that_already_exist(site):
    _, directory, _ = site
    group = Group.objects.get(name="Directory editors")
    GroupPagePermission.objects.filter(group=group).delete()
    migration = importlib.import_module("portal.migrations.0003_section_editors")
    migration.create_section_groups(apps, None)
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=directory).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "lock_page"}


def test_a_section_group_an_administrator_deleted_is_not_made_again(home_page):
    Group.objects.filter(name="Directory editors").delete()
    home_page.add_child(instance=ServiceDirectoryPage(title="Layanan", slug="layanan"))
    assert not Group.objects.filter(name="Directory editors").exists()
