"""Stage 6: filing the report: one transaction, sealed fields, a receipt code."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from forms import receipts
from forms.intake.captcha import CaptchaOutcome
from forms.models import Attachment, Report

logger = logging.getLogger(__name__)


class StorageFailed(Exception):
    """The report could not be stored completely; nothing of it was kept."""


def delete_files(attachments: list[Attachment]) -> None:
    for attachment in attachments:
        try:
            attachment.file.storage.delete(attachment.file.name)
        except OSError:  # pragma: no cover - best effort after a failure
            logger.exception("Could not remove an evidence file after a failed save")


def file_report(cleaned: dict, language: str) -> tuple[Report, str]:
    """Store the report, its violence kinds, its files and its receipt digest in one
    transaction; return the report and the receipt code (shown once, never stored).

    Files written before a failure are removed again, so a failure leaves nothing.
    """
    outcome: CaptchaOutcome = cleaned["captcha"]
    for _attempt in range(3):
        code = receipts.new_code()
        written: list[Attachment] = []
        try:
            with transaction.atomic():
                report = Report(
                    reporter_role=cleaned.get("reporter_role") or "",
                    immediate_danger=bool(cleaned.get("immediate_danger")),
                    victim_age_group=cleaned.get("victim_age_group") or "",
                    victim_sex=cleaned.get("victim_sex") or "",
                    victim_disability=cleaned.get("victim_disability") or "",
                    place_category=cleaned.get("place_category") or "",
                    language=language,
                    captcha_state=outcome.state,
                    captcha_score=outcome.score,
                    consent_contact=bool(cleaned.get("consent_contact")),
                    consent_referral=bool(cleaned.get("consent_referral")),
                    receipt_digest=receipts.digest(code),
                    narrative=cleaned["narrative"],
                    place=cleaned.get("place", ""),
                    approximate_date=cleaned.get("approximate_date", ""),
                    perpetrator_relation=cleaned.get("perpetrator_relation", ""),
                    contact_name=cleaned.get("contact_name", ""),
                    contact_channel=cleaned.get("contact_channel", ""),
                    contact_details=cleaned.get("contact_details", ""),
                    safe_time=cleaned.get("safe_time", ""),
                )
                report.set_region(cleaned["region"])
                report.save()
                report.set_violence_kinds(cleaned["violence_kinds"])
                if cleaned.get("perpetrator_relation_category"):
                    report.perpetrators.create(relation=cleaned["perpetrator_relation_category"])
                for item in cleaned.get("evidence") or []:
                    written.append(
                        Attachment.store(report, item.data, item.content_type, item.name)
                    )
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
