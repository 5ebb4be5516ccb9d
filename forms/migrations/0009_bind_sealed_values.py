"""Bind every sealed value to its model, field and row, and each data key to its
report: a random ``seal_id`` per row, then the existing values re-sealed under it
(forms/resealing.py: batched, resumable; the migration is not atomic so that an
interrupted run keeps what it did and continues when run again)."""

import uuid

from django.core.files.storage import storages
from django.db import migrations, models

REPORT_FIELDS = [
    "narrative",
    "place",
    "approximate_date",
    "perpetrator_relation",
    "contact_name",
    "contact_channel",
    "contact_details",
    "safe_time",
    "precise_region",
]


def reseal(apps, schema_editor):
    from forms import resealing

    Report = apps.get_model("complaints", "Report")
    Message = apps.get_model("complaints", "Message")
    Attachment = apps.get_model("complaints", "Attachment")
    for model in (Report, Message, Attachment):
        resealing.give_seal_ids(model)
    ciphers = {}

    def cipher_of_report(report):
        if report.pk not in ciphers:
            ciphers[report.pk] = resealing.report_cipher(report)
        return ciphers[report.pk]

    def cipher_of_row(row):
        if row.report_id not in ciphers:
            cipher_of_report(Report.objects.get(pk=row.report_id))
        return ciphers[row.report_id]

    resealing.reseal_fields(Report, REPORT_FIELDS, cipher_of_report)
    resealing.reseal_fields(Message, ["body"], cipher_of_row)
    resealing.reseal_fields(Attachment, ["filename"], cipher_of_row)
    resealing.reseal_files(Attachment, cipher_of_row, storages["private"])


def seal_id(null: bool):
    if null:
        return models.UUIDField(null=True, editable=False)
    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("complaints", "0008_sealed_precise_region")]

    operations = [
        *[
            migrations.AddField(model_name=name, name="seal_id", field=seal_id(null=True))
            for name in ("report", "message", "attachment")
        ],
        migrations.RunPython(reseal, migrations.RunPython.noop),
        *[
            migrations.AlterField(model_name=name, name="seal_id", field=seal_id(null=False))
            for name in ("report", "message", "attachment")
        ],
    ]
