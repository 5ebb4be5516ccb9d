"""Purged report counts: one row per report's set of kinds, so that totals add up.

Rows written before kept one row per kind: they are kept as they are (a report that
named two kinds stays counted twice in those months).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_statistics_page"),
        ("triage", "0017_drop_clear_referral_unit"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="purgedreportcount",
            name="triage_purged_count_unique",
        ),
        migrations.RenameField(
            model_name="purgedreportcount",
            old_name="violence_kind",
            new_name="violence_kinds",
        ),
        migrations.AlterField(
            model_name="purgedreportcount",
            name="violence_kinds",
            field=models.CharField(blank=True, max_length=200, verbose_name="violence types"),
        ),
        migrations.AddConstraint(
            model_name="purgedreportcount",
            constraint=models.UniqueConstraint(
                fields=("month", "region", "violence_kinds", "victim_age_group", "victim_sex"),
                name="triage_purged_count_unique",
            ),
        ),
    ]
