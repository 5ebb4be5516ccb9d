"""The editorial workflow made by portal/migrations/0001_editorial_roles.py, driven
through the admin as editors and moderators use it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content.models import HomePage
from tests.utils import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(home_page):
    """A page an editor is working on, never published."""
    page = home_page.add_child(
        instance=HomePage(title="Kampanye baru", slug="kampanye-baru", live=False)
    )
    page.save_revision()
    return page


@pytest.fixture
def editor(make_staff):
    return make_staff("editor", groups=["Editor"])


@pytest.fixture
def moderator(make_staff):
    return make_staff("moderator", groups=["Moderator"])


def edit(client, page, action, title="Kampanye baru", intro="Isi kampanye"):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": rich_text(f"<p>{intro}</p>"),
            "comments": inline_formset([]),
            action: "1",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def submit(client, editor, page):
    sign_in_verified(client, editor)
    response = edit(client, page, "action-submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    return WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))


def act(client, user, page, action, comment=""):
    sign_in_verified(client, user)
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_every_page_is_under_the_moderation_workflow(draft):
    workflow = draft.get_workflow()
    assert workflow.name == "Moderation"
    assert [t.name for t in workflow.tasks] == ["Moderator approval"]


def test_an_editor_sees_submit_but_no_publish(client, editor, draft):
    sign_in_verified(client, editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_an_editor_cannot_publish_even_by_posting_the_publish_action(client, editor, draft):
    sign_in_verified(client, editor)
    edit(client, draft, "action-publish")
    draft.refresh_from_db()
    assert not draft.live


def test_an_editor_submits_and_the_page_waits_unpublished(client, editor, draft):
    state = submit(client, editor, draft)
    assert state.status == "in_progress"
    assert state.requested_by == editor
    draft.refresh_from_db()
    assert not draft.live


def test_a_moderator_approves_with_a_comment_and_the_page_goes_live(
    client, editor, moderator, draft
):
    submit(client, editor, draft)
    response = act(client, moderator, draft, "approve", comment="Siap terbit.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == "approved"
    assert state.task_states.get().comment == "Siap terbit."
    assert client.get(draft.url).status_code == 200


def test_a_moderator_asks_for_changes_and_the_editor_sees_the_comment(
    client, editor, moderator, draft
):
    submit(client, editor, draft)
    act(client, moderator, draft, "reject", comment="Tolong tambahkan nomor SAPA 129.")
    draft.refresh_from_db()
    assert not draft.live
    assert WorkflowState.objects.get(object_id=str(draft.pk)).status == "needs_changes"
    sign_in_verified(client, editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Tolong tambahkan nomor SAPA 129." in html


def test_an_editor_cannot_approve_their_own_submission(client, editor, draft):
    submit(client, editor, draft)
    response = act(client, editor, draft, "approve")
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live
    assert WorkflowState.objects.get(object_id=str(draft.pk)).status == "in_progress"


def test_a_page_in_moderation_is_locked_for_the_editor(client, editor, draft):
    submit(client, editor, draft)
    sign_in_verified(client, editor)
    edit(client, draft, "action-submit", title="Diubah diam-diam")
    assert draft.get_latest_revision().as_object().title != "Diubah diam-diam"


def test_a_moderator_lock_keeps_editors_out(client, editor, moderator, draft):
    sign_in_verified(client, moderator)
    client.post(reverse("wagtailadmin_pages:lock", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.locked and draft.locked_by == moderator
    sign_in_verified(client, editor)
    edit(client, draft, "action-submit", title="Diubah saat terkunci")
    assert draft.get_latest_revision().as_object().title == "Kampanye baru"


def test_history_compares_revisions_and_rolls_back(client, moderator, draft):
    sign_in_verified(client, moderator)
    edit(client, draft, "action-publish", intro="Versi pertama")
    draft.refresh_from_db()
    first = draft.get_latest_revision()
    edit(client, draft, "action-publish", intro="Versi kedua")
    draft.refresh_from_db()
    second = draft.get_latest_revision()
    assert first != second
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[draft.pk, first.pk, second.pk])
    html = client.get(compare).content.decode()
    assert "pertama" in html
    assert "kedua" in html

    revert = reverse("wagtailadmin_pages:revisions_revert", args=[draft.pk, first.pk])
    html = client.get(revert).content.decode()
    assert "Versi pertama" in html
    edit(client, draft, "action-publish", intro="Versi pertama")
    draft.refresh_from_db()
    assert "Versi pertama" in draft.specific.intro
    assert "Versi pertama" in client.get(draft.url).content.decode()


def test_a_scheduled_page_goes_live_when_its_time_has_come(client, home_page):
    page = home_page.add_child(
        instance=HomePage(title="Kampanye 16 hari", slug="16-hari", live=False)
    )
    page.go_live_at = timezone.now() + timedelta(days=1)
    revision = page.save_revision()
    revision.publish()  # with a future go-live time, publishing only schedules it
    page.refresh_from_db()
    assert not page.live
    assert client.get("/id/16-hari/").status_code == 404
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live, "published before its time"

    # The day has come: the schedule now lies in the past.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert client.get("/id/16-hari/").status_code == 200


def test_a_campaign_expires_on_its_date(client, home_page):
    page = home_page.add_child(instance=HomePage(title="Kampanye lama", slug="kampanye-lama"))
    page.save_revision().publish()
    assert client.get("/id/kampanye-lama/").status_code == 200
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/id/kampanye-lama/").status_code == 404


def test_editors_get_no_triage_permission(editor):
    assert not [p for p in editor.get_all_permissions() if p.startswith("triage.")]
