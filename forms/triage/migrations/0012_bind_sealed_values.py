"""Internal notes and referral notes bound to their model, field and row, as the
complaint's own sealed values are (complaints 0009; forms/resealing.py)."""

import uuid

from django.db import migrations, models


def reseal(apps, schema_editor):
    from forms import resealing

    Report = apps.get_model("complaints", "Report")
    Note = apps.get_model("triage", "Note")
    Referral = apps.get_model("triage", "Referral")
    ciphers = {}

    def cipher_of_row(row):
        if row.report_id not in ciphers:
            ciphers[row.report_id] = resealing.report_cipher(Report.objects.get(pk=row.report_id))
        return ciphers[row.report_id]

    for model, field in ((Note, "body"), (Referral, "notes")):
        resealing.give_seal_ids(model)
        resealing.reseal_fields(model, [field], cipher_of_row)


def seal_id(null: bool):
    if null:
        return models.UUIDField(null=True, editable=False)
    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("triage", "0011_purged_counts_by_regency"),
        ("complaints", "0009_bind_sealed_values"),
    ]

    operations = [
        migrations.AddField(model_name="note", name="seal_id", field=seal_id(null=True)),
        migrations.AddField(model_name="referral", name="seal_id", field=seal_id(null=True)),
        migrations.RunPython(reseal, migrations.RunPython.noop),
        migrations.AlterField(model_name="note", name="seal_id", field=seal_id(null=False)),
        migrations.AlterField(model_name="referral", name="seal_id", field=seal_id(null=False)),
    ]
