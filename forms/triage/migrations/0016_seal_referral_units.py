"""Existing referrals to the new referral model: units sealed, statuses mapped.

For every referral made before partner units worked on them:

- its unit goes into the sealed ``unit`` value (the report's data key) and its blind
  index (forms/triage/unit_index.py); the clear foreign key is dropped by 0011;
- its status maps to the new workflow: sent, accepted, in progress (now: accepted),
  done, declined;
- its one service (a directory service code) becomes its list of services asked, and
  a need of the case plan in the matching state;
- its staff notes become the packet's summary;
- open referrals of one report to one unit are merged into one (a referral now asks
  a unit for several services at once).

The sealed values are written through the live model's own sealed attributes, so they
are sealed exactly as new ones are (forms.crypto.sealed_text: bound to the model, the
field and the row's ``seal_id``, which triage 0012 gave every referral); the historical
row only lends them its report's cipher. The old notes are read the same way, as 0012
re-sealed them.
"""

from datetime import timedelta

from django.conf import settings
from django.db import migrations

STATUS = {
    "sent": "sent",
    "accepted": "accepted",
    "in_progress": "accepted",
    "done": "done",
    "declined": "declined",
}
OPEN = {"sent", "accepted"}
NEED_STATE = {"sent": "referred", "accepted": "in_progress", "done": "done"}
KINDS = {
    "medical",
    "visum",
    "psychological",
    "legal",
    "shelter",
    "repatriation",
    "home-visit",
    "religious-counselling",
    "mediation",
    "other",
}
CHILDREN = {"0-5", "6-12", "13-17"}


def lend_cipher(row, report):
    """Give the historical ``row`` its report's cipher (the data key bound to its
    report since complaints 0009; ``report_cipher`` re-wraps one that is not)."""
    from forms import resealing

    cipher = resealing.report_cipher(report)
    row.cipher = lambda: cipher
    return row


def seal_units(apps, schema_editor):
    from forms import crypto
    from forms.triage import unit_index
    from forms.triage.models.referral import Referral as Live

    Referral = apps.get_model("triage", "Referral")
    Need = apps.get_model("triage", "Need")
    old_notes = crypto.sealed_text("notes")
    kept = {}
    for referral in Referral.objects.select_related("report", "unit").order_by("pk").iterator():
        report = lend_cipher(referral, referral.report).report
        status = STATUS.get(referral.status, "sent")
        token = unit_index.token(referral.unit.translation_key)
        service = referral.service if referral.service in KINDS else "other"
        key = (report.pk, token)
        if status in OPEN and key in kept:
            # A second open referral of this report to this unit: fold it into the first.
            first = kept[key]
            first.services = sorted({*first.services, service})
            first.save(update_fields=["services"])
            add_need(Need, report, service, status, first, referral.created_by_id)
            referral.delete()
            continue
        Live.summary.fset(referral, old_notes.fget(referral))
        Live.unit_ref.fset(referral, str(referral.unit_id))
        referral.unit_index = token
        referral.status, referral.is_open = status, status in OPEN
        referral.services = [service]
        referral.immediate_danger = report.immediate_danger
        referral.child_victim = report.victim_age_group in CHILDREN
        referral.due_at = response_due(referral) if status == "sent" else None
        referral.closed_at = None if status in OPEN else referral.updated_at
        referral.save()
        add_need(Need, report, service, status, referral, referral.created_by_id)
        if status in OPEN:
            kept[key] = referral


def response_due(referral):
    hours = (
        settings.REFERRAL_DANGER_RESPONSE_HOURS
        if referral.immediate_danger
        else settings.REFERRAL_RESPONSE_HOURS
    )
    return referral.created_at + timedelta(hours=hours)


def add_need(Need, report, kind, status, referral, created_by_id):
    state = NEED_STATE.get(status, "planned")
    Need.objects.create(
        report=report,
        kind=kind,
        state=state,
        referral=referral if state != "planned" else None,
        created_by_id=created_by_id,
    )


def unseal_units(apps, schema_editor):
    """Back to a clear unit and one service per referral (for a rollback only)."""
    from forms import crypto
    from forms.triage.models.referral import Referral as Live

    Referral = apps.get_model("triage", "Referral")
    old_notes = crypto.sealed_text("notes")
    for referral in Referral.objects.select_related("report").order_by("pk").iterator():
        lend_cipher(referral, referral.report)
        unit = Live.unit_ref.fget(referral)
        if not unit.isdigit():
            referral.delete()
            continue
        referral.unit_id = int(unit)
        referral.service = (referral.services or ["other"])[0]
        old_notes.fset(referral, Live.summary.fget(referral))
        referral.status = {"revoked": "declined"}.get(referral.status, referral.status)
        referral.save()


class Migration(migrations.Migration):
    dependencies = [("triage", "0015_unit_roles")]

    operations = [migrations.RunPython(seal_units, unseal_units)]
