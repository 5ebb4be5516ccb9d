"""The referral packet: what a partner unit sees of a report, and nothing more.

One function builds it for the unit's page, the printed letter and the case
holder's preview alike: the summary written for the unit, the services asked, the
counted facts (violence kinds, age group, sex, region, immediate danger), the
reporter's contact details only where the reporter agreed to referral *and* to
contact and the referring officer passed them on, and the files the officer named.
The narrative, the other files, the internal notes and the reporter's messages are
never part of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.models import ContactChannel


@dataclass
class Contact:
    name: str
    channel: str
    details: str
    safe_time: str


@dataclass
class Packet:
    referral: object
    summary: str
    services: list[str]
    violence: list[str]
    age_group: str
    sex: str
    region: str
    immediate_danger: bool
    child_victim: bool
    without_consent: str
    contact: Contact | None
    files: list = field(default_factory=list)


def contact_passed_on(referral) -> bool:
    report = referral.report
    return referral.pass_contact and report.consent_referral and report.consent_contact


def packet_of(referral) -> Packet:
    report = referral.report
    contact = None
    if contact_passed_on(referral):
        channel = report.contact_channel
        contact = Contact(
            name=report.contact_name,
            channel=str(ContactChannel(channel).label) if channel in ContactChannel else channel,
            details=report.contact_details,
            safe_time=report.safe_time,
        )
    return Packet(
        referral=referral,
        summary=referral.summary,
        services=referral.get_services_display(),
        violence=report.get_violence_kinds_display(),
        age_group=report.get_victim_age_group_display(),
        sex=report.get_victim_sex_display(),
        region=f"{report.region.name} ({report.region_id})",
        immediate_danger=report.immediate_danger,
        child_victim=referral.child_victim,
        without_consent=referral.get_consent_override_display(),
        contact=contact,
        files=list(referral.attachments.all()),
    )
