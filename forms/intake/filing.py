"""Stage 6: filing the report: one transaction, sealed fields, a receipt code.

The public form and a staff member's recording (``forms/intake/recording.py``) file
through the same ``file_report``; a recording adds its ``Recording`` (channel, date
received, who recorded it) in place of the captcha's outcome.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from forms import receipts
from forms.intake.captcha import CaptchaOutcome
from forms.models import Attachment, CaptchaState, Report
from forms.models.report import SEALED_FIELDS

logger = logging.getLogger(__name__)

# The answers a report keeps as they were given (sealed or in clear), by field name.
CLEAR_ANSWERS = (
    "reporter_role",
    "victim_age_group",
    "victim_sex",
    "victim_disability",
    "place_category",
)
# Every sealed field of a report is a question of the form.
SEALED_ANSWERS = SEALED_FIELDS
FLAG_ANSWERS = ("immediate_danger", "consent_contact", "consent_referral")


class StorageFailed(Exception):
    """The report could not be stored completely; nothing of it was kept."""


@dataclass(frozen=True)
class Recording:
    """A report taken by a staff member from another channel than the web form."""

    channel: str
    received_at: datetime
    recorded_by: object  # the staff member (a user)
    referring_agency: str = ""


def delete_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        try:
            attachment.file.storage.delete(attachment.file.name)
        except OSError:  # pragma: no cover - best effort after a failure
            logger.exception("Could not remove an evidence file after a failed save")


def apply_answers(report: Report, cleaned: dict) -> list[str]:
    """Set the answers of ``cleaned`` on ``report`` (not saved); the names of the
    fields whose value changed (no values: an audit entry may hold the names)."""
    changed = []
    for name in CLEAR_ANSWERS:
        value = cleaned.get(name) or ""
        if getattr(report, name) != value:
            changed.append(name)
            setattr(report, name, value)
    for name in FLAG_ANSWERS:
        value = bool(cleaned.get(name))
        if getattr(report, name) != value:
            changed.append(name)
            setattr(report, name, value)
    existing = report.pk is not None
    for name in SEALED_ANSWERS:
        value = cleaned.get(name) or ""
        if not existing or getattr(report, name) != value:
            changed.append(name)
            setattr(report, name, value)
    return changed


def _store_files(report: Report, cleaned: dict, written: list[Attachment]) -> None:
    for item in cleaned.get("evidence") or []:
        written.append(Attachment.store(report, item.data, item.content_type, item.name))


def file_report(
    cleaned: dict, language: str, recording: Recording | None = None, then=None, with_code=None
) -> tuple[Report, str]:
    """Store the report, its violence kinds, its files and its receipt digest in one
    transaction; return the report and the receipt code (shown once, never stored).

    Without ``recording`` it is the public form's report and ``cleaned["captcha"]``
    says what the captcha found. ``then(report)`` runs inside the same transaction
    (a recording's audit entry), and so does ``with_code(report, code)``, for what must
    be kept exactly when the report is (the receipt's hand-over to the next page).
    Files written before a failure are removed again,
    so a failure leaves nothing.
    """
    for _attempt in range(3):
        code = receipts.new_code()
        written: list[Attachment] = []
        try:
            with transaction.atomic():
                report = Report(language=language, receipt_digest=receipts.digest(code))
                if recording is None:
                    outcome: CaptchaOutcome = cleaned["captcha"]
                    report.captcha_state, report.captcha_score = outcome.state, outcome.score
                else:
                    report.captcha_state = CaptchaState.STAFF
                    report.channel = recording.channel
                    report.received_at = recording.received_at
                    report.recorded_by = recording.recorded_by
                    report.referring_agency = recording.referring_agency
                apply_answers(report, cleaned)
                report.set_region(cleaned["region"])
                report.save()
                report.set_violence_kinds(cleaned["violence_kinds"])
                if cleaned.get("perpetrator_relation_category"):
                    report.perpetrators.create(relation=cleaned["perpetrator_relation_category"])
                _store_files(report, cleaned, written)
                if then is not None:
                    then(report)
                if with_code is not None:
                    with_code(report, code)
            return report, code
        except IntegrityError:
            delete_files(written)
            # A receipt digest collision (one in 10^16) or a real integrity problem:
            # try a new code, then give up.
            continue
        except Exception as error:
            delete_files(written)
            logger.error("A report could not be stored (%s)", type(error).__name__)
            raise StorageFailed from error
    raise StorageFailed("no unique receipt code")


def correct_report(report: Report, cleaned: dict, recording: Recording, then=None) -> list[str]:
    """A recording corrected by its recorder: the answers, the region, the kinds, the
    channel and date received replaced, new files added, in one transaction with
    ``then(changed)``. Returns the names of what changed."""
    written: list[Attachment] = []
    try:
        with transaction.atomic():
            changed = apply_answers(report, cleaned)
            for name in ("channel", "received_at"):
                if getattr(report, name) != getattr(recording, name):
                    changed.append(name)
                    setattr(report, name, getattr(recording, name))
            if report.referring_agency != recording.referring_agency:
                changed.append("referring_agency")
                report.referring_agency = recording.referring_agency
            region, precise = report.region_id, report.precise_region
            report.set_region(cleaned["region"])
            if (region, precise) != (report.region_id, report.precise_region):
                changed.append("region")
            report.save()
            kinds = sorted(cleaned["violence_kinds"])
            if kinds != sorted(report.violence_kinds):
                changed.append("violence_kinds")
                report.set_violence_kinds(kinds)
            relation = cleaned.get("perpetrator_relation_category") or ""
            first = report.perpetrators.first()
            if relation != (first.relation if first else ""):
                changed.append("perpetrator_relation_category")
                report.perpetrators.all().delete()
                if relation:
                    report.perpetrators.create(relation=relation)
            _store_files(report, cleaned, written)
            if written:
                changed.append("evidence")
            if then is not None:
                then(changed)
    except Exception as error:
        delete_files(written)
        logger.error("A correction could not be stored (%s)", type(error).__name__)
        raise StorageFailed from error
    return changed
