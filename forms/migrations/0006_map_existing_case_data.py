"""Existing reports in the new categories.

- "Domestic violence" was stored as a kind; it is the setting: the report's place
  becomes "household" and the kind row goes. A report that named only "domestic"
  keeps a kind, "other" (every report names at least one).
- Age groups: 0-5, 6-12, 13-17 and 60+ are national groups already; "18-59" spans
  three of them (18-24, 25-44, 45-59), so it becomes "not recorded" for staff to
  complete on the case.
- The free-text place and perpetrator relation are sealed and stay as they are.
"""

from django.db import migrations

OLD_ADULT = "18-59"


def forwards(apps, schema_editor):
    Report = apps.get_model("complaints", "Report")
    ReportViolence = apps.get_model("complaints", "ReportViolence")
    domestic = ReportViolence.objects.filter(kind="domestic")
    report_ids = list(domestic.values_list("report_id", flat=True))
    Report.objects.filter(pk__in=report_ids).update(place_category="household")
    domestic.delete()
    named = set(
        ReportViolence.objects.filter(report_id__in=report_ids).values_list("report_id", flat=True)
    )
    ReportViolence.objects.bulk_create(
        [ReportViolence(report_id=pk, kind="other") for pk in report_ids if pk not in named]
    )
    Report.objects.filter(victim_age_group=OLD_ADULT).update(victim_age_group="")


def backwards(apps, schema_editor):
    Report = apps.get_model("complaints", "Report")
    ReportViolence = apps.get_model("complaints", "ReportViolence")
    for pk in Report.objects.filter(place_category="household").values_list("pk", flat=True):
        ReportViolence.objects.get_or_create(report_id=pk, kind="domestic")
    ReportViolence.objects.filter(
        kind="other", report__place_category="household", report__violence__kind="domestic"
    ).delete()
    Report.objects.filter(victim_age_group__in=["18-24", "25-44", "45-59"]).update(
        victim_age_group=OLD_ADULT
    )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_structured_case_data")]

    operations = [migrations.RunPython(forwards, backwards)]
