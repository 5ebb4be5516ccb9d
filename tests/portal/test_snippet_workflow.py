"""Hotlines and services under moderation (content.models.moderation and
portal/migrations/0002_snippet_moderation.py), driven through the admin."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data

from content.models import (
    Hotline,
    Region,
    Service,
    ServiceDirectoryPage,
    ServiceUnitPage,
    UnitKind,
)
from content.templatetags.safety_tags import hotline_bar
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_staff):
    return make_staff("editor", groups=["Editor"])


@pytest.fixture
def moderator(make_staff):
    return make_staff("moderator", groups=["Moderator"])


@pytest.fixture
def sapa(home_page):
    """SAPA 129, published, as the public pages show it."""
    hotline = Hotline(
        name="SAPA 129",
        number="129",
        whatsapp="628111129129",
        scope=Hotline.Scope.NATIONAL,
        locale=home_page.locale,
    )
    hotline.save()
    hotline.save_revision().publish()
    return hotline


def hotline_form(hotline, action, **changes):
    fields = {
        "name": hotline.name,
        "number": hotline.number,
        "whatsapp": hotline.whatsapp,
        "hours": hotline.hours,
        "scope": hotline.scope,
        "region": "",
        "sort_order": hotline.sort_order,
        **changes,
    }
    if action:
        fields[action] = "1"
    return nested_form_data(fields)


def edit_url(hotline):
    return reverse("wagtailsnippets_content_hotline:edit", args=[hotline.pk])


def in_progress(obj):
    return WorkflowState.objects.get(
        base_content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )


def approve(client, moderator, hotline, comment=""):
    sign_in_verified(client, moderator)
    state = in_progress(hotline)
    url = reverse(
        "wagtailsnippets_content_hotline:workflow_action",
        args=[hotline.pk, "approve", state.current_task_state.pk],
    )
    return client.post(url, {"comment": comment})


def test_hotlines_and_services_are_under_the_moderation_workflow(sapa):
    assert sapa.get_workflow().name == "Moderation"
    service = Service.objects.create(code="medis", name="Medis", locale=sapa.locale)
    assert service.get_workflow().name == "Moderation"


def test_an_editors_new_number_waits_for_a_moderator_before_readers_see_it(
    client, editor, moderator, sapa
):
    sign_in_verified(client, editor)
    response = client.post(edit_url(sapa), hotline_form(sapa, "action-submit", number="0800-129"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert in_progress(sapa).requested_by == editor

    client.logout()
    html = client.get("/id/").content.decode()
    assert 'href="tel:129"' in html
    assert "0800-129" not in html

    response = approve(client, moderator, sapa, comment="Nomor baru dari Kementerian PPPA")
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    html = client.get("/id/").content.decode()
    assert 'href="tel:0800129"' in html
    sapa.refresh_from_db()
    assert sapa.number == "0800-129" and not sapa.has_unpublished_changes


def test_an_editor_cannot_publish_a_hotline_even_by_posting_the_publish_action(
    client, editor, sapa
):
    sign_in_verified(client, editor)
    html = client.get(edit_url(sapa)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    client.post(edit_url(sapa), hotline_form(sapa, "action-publish", number="0800-129"))
    sapa.refresh_from_db()
    assert sapa.number == "129"
    assert 'href="tel:129"' in client.get("/id/").content.decode()


def test_an_editor_cannot_approve_their_own_change(client, editor, sapa):
    sign_in_verified(client, editor)
    client.post(edit_url(sapa), hotline_form(sapa, "action-submit", number="0800-129"))
    response = approve(client, editor, sapa)
    assert response.status_code in (302, 403)
    sapa.refresh_from_db()
    assert sapa.number == "129"
    assert in_progress(sapa).status == WorkflowState.STATUS_IN_PROGRESS


def test_an_editor_cannot_delete_a_hotline(client, editor, sapa):
    sign_in_verified(client, editor)
    url = reverse("wagtailsnippets_content_hotline:delete", args=[sapa.pk])
    client.post(url)
    assert Hotline.objects.filter(pk=sapa.pk).exists()


def test_a_hotline_an_editor_adds_stays_off_public_pages_until_approved(
    client, editor, moderator, sapa
):
    sign_in_verified(client, editor)
    url = reverse("wagtailsnippets_content_hotline:add") + f"?locale={sapa.locale.language_code}"
    new = Hotline(name="Hotline palsu", number="0999", scope=Hotline.Scope.NATIONAL)
    response = client.post(url, hotline_form(new, "action-submit"))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Hotline.objects.get(name="Hotline palsu")
    assert not created.live

    client.logout()
    assert "Hotline palsu" not in client.get("/id/").content.decode()
    assert [h.name for h in hotline_bar({})["hotlines"]] == ["SAPA 129"]

    approve(client, moderator, created)
    client.logout()
    assert "Hotline palsu" in client.get("/id/").content.decode()


@pytest.fixture
def unit_with_a_draft_service(home_page):
    """A published unit offering medical help (live) and a shelter service an editor
    added that no moderator approved yet."""
    province = Region.objects.create(code="35", name="Jawa Timur", level=Region.Level.PROVINCE)
    Region.objects.create(
        code="35.78", name="Kota Surabaya", level=Region.Level.REGENCY, parent=province
    )
    medical = Service(code="medical", name="Pendampingan medis", locale=home_page.locale)
    medical.save()
    medical.save_revision().publish()
    shelter = Service(
        code="shelter", name="Rumah aman rahasia", locale=home_page.locale, live=False
    )
    shelter.save()
    shelter.save_revision()
    directory = home_page.add_child(instance=ServiceDirectoryPage(title="Layanan", slug="layanan"))
    unit = ServiceUnitPage(title="UPTD PPA Surabaya", region_id="35.78", kind=UnitKind.UPTD_PPA)
    directory.add_child(instance=unit)
    unit.services.set([medical, shelter])
    unit.save_revision().publish()
    return unit


def test_an_unapproved_service_shows_nowhere_public(client, unit_with_a_draft_service):
    unit = unit_with_a_draft_service
    html = client.get(unit.url).content.decode()
    assert "Pendampingan medis" in html
    assert "Rumah aman rahasia" not in html

    directory_html = client.get("/id/layanan/").content.decode()
    assert 'value="medical"' in directory_html
    assert 'value="shelter"' not in directory_html
    assert "Rumah aman rahasia" not in directory_html

    (record,) = client.get("/open-data/services.json").json()["units"]
    assert record["services"] == ["medical"]
    assert record["service_names"] == ["Pendampingan medis"]
    assert "Rumah aman rahasia" not in client.get("/open-data/services.csv").content.decode()


def test_an_approved_service_change_reaches_cached_unit_pages(
    client, settings, unit_with_a_draft_service
):
    unit = unit_with_a_draft_service
    client.get(unit.url)  # the first view makes the site settings row, which empties the cache
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.get(unit.url)
    cached = client.get(unit.url)
    assert cached["X-Page-Cache"] == "hit"

    medical = Service.objects.get(code="medical")
    medical.name = "Pendampingan medis 24 jam"
    medical.save_revision()  # a draft: readers still see the published name
    assert "Pendampingan medis 24 jam" not in client.get(unit.url).content.decode()

    medical.get_latest_revision().publish()
    assert "Pendampingan medis 24 jam" in client.get(unit.url).content.decode()


def test_a_moderator_approves_from_the_hotline_editor(client, editor, moderator, sapa):
    sign_in_verified(client, editor)
    client.post(edit_url(sapa), hotline_form(sapa, "action-submit", number="0800-129"))
    # What the editor's "Approve" button posts: the unchanged form plus the action.
    sign_in_verified(client, moderator)
    submitted = Hotline.objects.get(pk=sapa.pk).get_latest_revision_as_object()
    form = hotline_form(submitted, "action-workflow-action")
    form["workflow-action-name"] = "approve"
    response = client.post(edit_url(sapa), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    sapa.refresh_from_db()
    assert sapa.number == "0800-129" and sapa.live and not sapa.has_unpublished_changes
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
