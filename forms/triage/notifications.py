"""Tell on-duty staff that a report is waiting, and nothing more.

The notice carries no content of the report (not its region, kind or number):
mail passes through servers the agency does not control. It links to the queue,
behind login and the second factor.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
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

    region_code = Report.objects.filter(pk=report_id).values_list("region_id", flat=True).first()
    if region_code is None:
        return 0
    recipients = sorted(
        {user.staff_profile.email_for_notices for user in on_duty_staff_for(region_code)} - {""}
    )
    if not recipients:
        return 0
    subject, body = notice()
    # One message per person: no recipient learns who else is on duty.
    for address in recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return len(recipients)
