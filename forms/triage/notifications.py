"""Tell staff that something is waiting or changed, and nothing more.

Every notice here carries no content of the report or the referral: not its region,
kind, number, unit or anything anyone wrote. Mail passes through servers the agency
does not control. A notice names what happened in general ("a new referral is
waiting", "a partner unit updated a referral") and links to a page behind sign-in
and the second factor. One message per person, so no recipient learns who else is
on duty. All but the follow-up reminders are sent by background tasks (django-tasks)
once the transaction that caused them commits. Each notice is sent once per person
and occurrence: a worker killed half-way runs its task again (portal/worker.py), and
whoever already got that notice, as remembered in the shared cache, is skipped.

Who is told:

- a new report: the on-duty triage staff whose regions cover it;
- a referral sent, revoked or answered by the agency: the on-duty members of its unit;
- a unit accepting, declining, recording a service, asking or completing: the case
  holder (or, if nobody holds the case, the officer who referred it);
- a follow-up date that has come (``manage.py send_follow_up_reminders``): the case
  holder, else whoever set the date.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from forms.triage import access

# What happened to a referral, for its unit.
ARRIVED, REVOKED, ANSWERED = "arrived", "revoked", "answered"

UNIT_NOTICES = {
    ARRIVED: (
        gettext_noop("A new referral is waiting for your unit"),
        gettext_noop("A new referral is waiting in your unit's inbox."),
    ),
    REVOKED: (
        gettext_noop("A referral to your unit was withdrawn"),
        gettext_noop("The agency withdrew a referral to your unit; it has left your inbox."),
    ),
    ANSWERED: (
        gettext_noop("The agency answered your unit"),
        gettext_noop("The case holder answered a question from your unit."),
    ),
}
HOLDER_NOTICE = (
    gettext_noop("A partner unit updated a referral"),
    gettext_noop("A partner unit updated a referral on a case you hold."),
)
FOLLOW_UP_NOTICE = (
    gettext_noop("A follow-up date has come"),
    gettext_noop("A follow-up date you set on a case has come."),
)
NEW_REPORT_NOTICE = (
    gettext_noop("A new report is waiting"),
    gettext_noop("A new report is waiting in the triage queue."),
)


def admin_url(name: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name)


def notice(subject: str, lead: str, url_name: str) -> tuple[str, str]:
    """(subject, body) in the portal's language: the lead, a link, and a promise."""
    with translation.override(settings.LANGUAGE_CODE):
        body = _(
            "%(lead)s\n\n"
            "Open it (sign-in and two-factor authentication required):\n"
            "%(url)s\n\n"
            "This notice deliberately contains nothing about the case."
        ) % {"lead": _(lead), "url": admin_url(url_name)}
        return _(subject), body


def address_of(user) -> str:
    """The staff profile's notice address, else the account's own."""
    profile = getattr(user, "staff_profile", None)
    return profile.email_for_notices if profile else user.email


# Long enough for any worker restart; the key holds a digest, not the address.
NOTICE_MEMORY_SECONDS = 7 * 24 * 60 * 60


def notice_sent_key(occurrence: str, address: str) -> str:
    digest = hashlib.sha256(f"{occurrence}|{address.lower()}".encode())
    return f"triage:notice-sent:{digest.hexdigest()[:40]}"


def send(users, message: tuple[str, str], occurrence: str) -> int:
    """Mail ``message`` to each of ``users`` once for this ``occurrence`` (what happened,
    to what, when: a rerun of the same task sends nobody the notice twice)."""
    addresses = sorted({address_of(user) for user in users} - {""})
    subject, body = message
    for address in addresses:
        sent = notice_sent_key(occurrence, address)
        if cache.get(sent):
            continue
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        cache.set(sent, True, timeout=NOTICE_MEMORY_SECONDS)
    return len(addresses)


# ---------------------------------------------------------------------------
# A new report: the region's on-duty triage staff
# ---------------------------------------------------------------------------


def on_duty_staff_for(region_code: str, district_index: str = ""):
    """Active on-duty staff in a triage role whose regions cover a report of
    ``region_code`` (clear) and ``district_index`` (its sealed district's index)."""
    codes = access.scope_codes_covering(region_code, district_index)
    return (
        access.users_holding(access.ACCESS)
        .filter(staff_profile__on_duty=True, staff_profile__regions__code__in=codes)
        .select_related("staff_profile")
        .distinct()
    )


@task()
def notify_new_report(report_id: int) -> int:
    """Email every on-duty staff member of the report's region; returns how many."""
    from forms.models import Report

    found = (
        Report.objects.filter(pk=report_id)
        .values_list("region_id", "district_index", "created_at")
        .first()
    )
    if found is None:
        return 0
    region_code, district_index, created_at = found
    # The report's id and time of arrival: ids can come back after a restore or in a
    # test database.
    occurrence = f"new-report|{report_id}|{created_at.isoformat()}"
    message = notice(*NEW_REPORT_NOTICE, "triage_queue:index")
    return send(on_duty_staff_for(region_code, district_index), message, occurrence)


# ---------------------------------------------------------------------------
# Referrals: the unit's on-duty members, and the case holder
# ---------------------------------------------------------------------------


def on_duty_members_of(unit):
    """Active, on-duty members of ``unit`` (any of its translations) who work on
    referrals."""
    return (
        access.users_holding(access.REFERRALS)
        .filter(
            staff_profile__on_duty=True,
            staff_profile__units__translation_key=unit.translation_key,
        )
        .select_related("staff_profile")
        .distinct()
    )


def holder_of(referral):
    """Who answers for the case: its holder, else the officer who referred it, as
    long as they may still see the report."""
    from forms.triage.models import Case

    case = Case.objects.filter(report_id=referral.report_id).select_related("assignee").first()
    for user in (case and case.assignee, referral.created_by):
        if user is not None and access.can(user, "view", referral.report):
            return user
    return None


def tell_unit(referral, event: str) -> None:
    """After the current transaction commits, notify the referral's unit."""
    referral_id, occurrence = referral.pk, uuid.uuid4().hex
    transaction.on_commit(lambda: notify_unit.enqueue(referral_id, event, occurrence))


def tell_holder(referral, event: str) -> None:
    referral_id, occurrence = referral.pk, uuid.uuid4().hex
    transaction.on_commit(lambda: notify_holder.enqueue(referral_id, event, occurrence))


@task()
def notify_unit(referral_id: int, event: str, occurrence: str = "") -> int:
    from content.models import ServiceUnitPage
    from forms.triage.models import Referral

    referral = Referral.objects.select_related("report").filter(pk=referral_id).first()
    unit = referral and ServiceUnitPage.objects.filter(pk=referral.unit_pk).first()
    if unit is None or event not in UNIT_NOTICES:
        return 0
    message = notice(*UNIT_NOTICES[event], "triage_inbox:index")
    return send(on_duty_members_of(unit), message, f"unit|{referral_id}|{event}|{occurrence}")


@task()
def notify_holder(referral_id: int, event: str, occurrence: str = "") -> int:
    from forms.triage.models import Referral

    referral = Referral.objects.select_related("report", "created_by").filter(pk=referral_id)
    referral = referral.first()
    holder = referral and holder_of(referral)
    if holder is None:
        return 0
    message = notice(*HOLDER_NOTICE, "triage_queue:index")
    return send([holder], message, f"holder|{referral_id}|{event}|{occurrence}")


# ---------------------------------------------------------------------------
# Follow-up dates
# ---------------------------------------------------------------------------


def send_follow_up_reminders(today=None) -> int:
    """Remind the case holder of every follow-up date that has come and was not yet
    reminded; each date is reminded once. Returns how many dates were reminded."""
    from forms.triage.models import Case, FollowUp

    today = today or timezone.localdate()
    due = FollowUp.objects.filter(
        due_on__lte=today, done_at__isnull=True, reminded_at__isnull=True
    ).select_related("report", "created_by")
    holders = dict(
        Case.objects.filter(report__in=due.values("report")).values_list("report", "assignee")
    )
    users = get_user_model().objects.in_bulk(
        {holders.get(f.report_id) or f.created_by_id for f in due} - {None}
    )
    reminded = 0
    for follow_up in due:
        user = users.get(holders.get(follow_up.report_id) or follow_up.created_by_id)
        if user is not None and access.can(user, "view", follow_up.report):
            message = notice(*FOLLOW_UP_NOTICE, "triage_queue:index")
            send([user], message, f"follow-up|{follow_up.pk}|{follow_up.due_on}")
        FollowUp.objects.filter(pk=follow_up.pk).update(reminded_at=timezone.now())
        reminded += 1
    return reminded
