"""The triage screens of the admin, one module per screen:

- ``queue``: the queue of reports (Triage → Reports);
- ``case``: a report's case page, its files and referral letters;
- ``actions``: the POSTs of the case page (each a registered action);
- ``audit``: the audit log (Triage → Audit log);
- ``export``: the row-level export for national recording;
- ``inbox``: a partner unit's referrals, packets and actions (Referrals);
- ``staff``: staff administration (Settings → Staff).

Every view passes ``access.gate`` first (signed in, a role of its section, second
factor), then scopes what it reads through ``access``; every change is a registered
action in ``forms.triage.actions``, which checks and audits it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from forms.triage.views.audit import AuditLogViewSet
from forms.triage.views.base import ICON
from forms.triage.views.inbox import InboxPaginator, InboxViewSet, inbox_queryset
from forms.triage.views.queue import QueuePaginator, TriageViewSet, queue_queryset
from forms.triage.views.staff import StaffProfileViewSet


class TriageViewSetGroup(ViewSetGroup):
    items = (TriageViewSet, AuditLogViewSet)
    menu_label = _("Triage")
    menu_icon = ICON
    menu_name = "triage"
    menu_order = 150


__all__ = [
    "InboxPaginator",
    "InboxViewSet",
    "QueuePaginator",
    "StaffProfileViewSet",
    "TriageViewSet",
    "TriageViewSetGroup",
    "inbox_queryset",
    "queue_queryset",
]
