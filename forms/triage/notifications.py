"""Tell on-duty staff that a report is waiting, and nothing more.

The notice carries no content of the report (not its region, kind or number):
mail passes through servers the agency does not control. It links to the queue,
behind login and the second factor.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from forms.triage import access


def on_duty_staff_for(region_code: str):
    """Active on-duty staff in a triage role whose regions cover ``region_code``."""
    ancestors = [".".join(region_code.split(".")[:depth]) for depth in range(1, 5)]
    candidates = (
        get_user_model()
        .objects.filter(
            is_active=True,
            staff_profile__on_duty=True,
            staff_profile__regions__code__in=[code for code in ancestors if code],
        )
        .select_related("staff_profile")
        .distinct()
    )
    return [user for user in candidates if access.has_triage_access(user)]


def notice() -> tuple[str, str]:
    queue_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("triage_queue:index")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A new report is waiting")
        body = _(
            "A new report is waiting in the triage queue.\n\n"
            "Open the queue (sign-in and two-factor authentication required):\n"
            "%(url)s\n\n"
            "This notice deliberately contains nothing about the report."
        ) % {"url": queue_url}
    return subject, body


@task()
def notify_new_report(report_id: int) -> int:
    """Email every on-duty staff member of the report's region; returns how many."""
    from forms.models import Report

    found = Report.objects.filter(pk=report_id).values_list("region_id", "created_at").first()
    if found is None:
        return 0
    region_code, created_at = found
    recipients = sorted(
        {user.staff_profile.email_for_notices for user in on_duty_staff_for(region_code)} - {""}
    )
    if not recipients:
        return 0
    subject, body = notice()
    # One message per person: no recipient learns who else is on duty. A worker killed
    # half-way runs the task again (portal/worker.py): whoever already got this notice,
    # as remembered in the shared cache, is not sent it twice.
    for address in recipients:
        sent = notice_sent_key(report_id, created_at, address)
        if cache.get(sent):
            continue
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        cache.set(sent, True, timeout=NOTICE_MEMORY_SECONDS)
    return len(recipients)


# Long enough for any worker restart; the key holds a digest, not the address.
NOTICE_MEMORY_SECONDS = 7 * 24 * 60 * 60


def notice_sent_key(report_id: int, created_at, address: str) -> str:
    """The report's id and time of arrival (ids can come back after a restore or in a
    test database), and a digest of the address."""
    digest = hashlib.sha256(f"{report_id}|{created_at.isoformat()}|{address.lower()}".encode())
    return f"triage:notice-sent:{digest.hexdigest()[:40]}"
