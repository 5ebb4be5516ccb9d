"""Cases remember whether their report was verified (what the public statistics count).

Existing reports: a report in a status only reached through verification counts
from the time it entered that status; a closed report counts when its audit trail
shows a verification after its last "marked invalid".
"""

from django.db import migrations, models

AFTER_VERIFICATION = ("verified", "referred", "in_handling", "resolved")


def mark_verified(apps, schema_editor):
    Case = apps.get_model("triage", "Case")
    AuditEntry = apps.get_model("triage", "AuditEntry")
    for case in Case.objects.filter(report__status__in=AFTER_VERIFICATION).iterator():
        Case.objects.filter(pk=case.pk).update(verified_at=case.status_since)
    for case in Case.objects.filter(report__status="closed").iterator():
        last = (
            AuditEntry.objects.filter(report_id=case.pk, action__in=("verify", "invalidate"))
            .order_by("-created_at", "-pk")
            .first()
        )
        if last is not None and last.action == "verify":
            Case.objects.filter(pk=case.pk).update(verified_at=last.created_at)


class Migration(migrations.Migration):
    dependencies = [("triage", "0007_referral_consent_override")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="verified_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="verified"),
        ),
        migrations.RunPython(mark_verified, migrations.RunPython.noop),
    ]
