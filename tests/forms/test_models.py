"""The complaint models as the triage queue uses them: filters, threads, files."""

from pathlib import Path

from django.core.files.storage import storages

from forms.models import Attachment, Author, Message, Report, Status


def test_reports_can_be_filtered_by_violence_kind(report_factory):
    sexual = report_factory(kinds=["sexual", "other"])
    physical = report_factory(kinds=["physical"])
    assert list(Report.objects.with_violence("sexual")) == [sexual]
    assert set(Report.objects.with_violence("sexual", "physical")) == {sexual, physical}
    assert sorted(sexual.violence_kinds) == ["other", "sexual"]


def test_immediate_danger_sorts_first_and_new_reports_start_new(report_factory):
    calm = report_factory()
    urgent = report_factory(immediate_danger=True)
    assert list(Report.objects.all()) == [urgent, calm]
    assert calm.status == Status.NEW


def test_a_staff_message_is_sealed_and_reads_back(report_factory, django_user_model):
    report = report_factory()
    officer = django_user_model.objects.create(username="officer")
    Message.objects.create(
        report=report, author=Author.STAFF, staff_user=officer, body="Kami akan menghubungi."
    )
    stored = Message.objects.get(report=report)
    assert b"menghubungi" not in bytes(stored.body_sealed)
    assert stored.body == "Kami akan menghubungi."


def test_an_attachment_is_stored_sealed_in_private_storage(report_factory, private_storage):
    report = report_factory()
    data = b"%PDF-1.4 visum et repertum"
    attachment = Attachment.store(report, data, "application/pdf", "visum budi.pdf")
    on_disk = (private_storage / attachment.file.name).read_bytes()
    assert b"visum" not in on_disk
    assert "budi" not in attachment.file.name
    stored = Attachment.objects.get(pk=attachment.pk)
    assert stored.read() == data
    assert stored.filename == "visum budi.pdf"


def test_evidence_files_live_outside_every_publicly_served_directory(settings):
    field = Attachment._meta.get_field("file")
    assert field._storage_callable() is storages["private"]
    private_root = Path(storages["private"].location).resolve()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not private_root.is_relative_to(Path(public).resolve())


def test_a_stored_attachment_is_not_reachable_under_the_media_url(report_factory, client):
    attachment = Attachment.store(report_factory(), b"%PDF-1.4 x", "application/pdf")
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
