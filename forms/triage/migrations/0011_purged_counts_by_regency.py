"""Retained counts at the regency, never finer: rows kept per district or village are
added into their regency's row (a count of one per village comes close to a name)."""

from django.db import migrations
from django.db.models import F

REGENCY = 2


def merge_into_regencies(apps, schema_editor):
    Count = apps.get_model("triage", "PurgedReportCount")
    Region = apps.get_model("content", "Region")
    for row in Count.objects.filter(region__level__gt=REGENCY).iterator():
        regency = Region.objects.get(code=row.region_id)
        while regency.level > REGENCY:
            regency = Region.objects.get(code=regency.parent_id)
        target, _created = Count.objects.get_or_create(
            month=row.month,
            region_id=regency.code,
            violence_kind=row.violence_kind,
            victim_age_group=row.victim_age_group,
            victim_sex=row.victim_sex,
        )
        Count.objects.filter(pk=target.pk).update(count=F("count") + row.count)
        row.delete()


class Migration(migrations.Migration):
    dependencies = [("triage", "0010_audit_chain"), ("content", "__first__")]

    operations = [migrations.RunPython(merge_into_regencies, migrations.RunPython.noop)]
