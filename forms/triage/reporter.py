"""The case plan as the reporter sees it on their follow-up page: one line per kind
of service, in plain words ("Pendampingan medis: selesai"), registered with
``forms.progress`` (forms/triage/apps.py).

Never a unit's name or address unless the case holder ticked "the reporter may see
the unit's name" on that referral, and only once the unit has accepted it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from forms.progress import Progress
from forms.triage.models import Need, NeedState, Referral, ServiceKind

# What each state of a need means for the reporter.
STATE_FOR_REPORTER = {
    NeedState.PLANNED: _("planned"),
    NeedState.REFERRED: _("being arranged"),
    NeedState.IN_PROGRESS: _("in progress"),
    NeedState.DONE: _("done"),
}
SHARED_WHEN = (Referral.Status.ACCEPTED, Referral.Status.DONE)


def progress_for(report) -> list[Progress]:
    from content.models import ServiceUnitPage

    needs = list(
        Need.objects.filter(report=report)
        .exclude(state=NeedState.CANCELLED)
        .select_related("referral")
        .order_by("created_at", "pk")
    )
    shared = {
        need.pk: need.referral.unit_pk
        for need in needs
        if need.referral
        and need.referral.share_with_reporter
        and need.referral.status in SHARED_WHEN
    }
    units = ServiceUnitPage.objects.in_bulk(set(shared.values()) - {None})
    lines = []
    for need in needs:
        unit = units.get(shared.get(need.pk))
        where = f"{unit.title}, {unit.address}".strip(", ") if unit else ""
        lines.append(
            Progress(str(ServiceKind(need.kind).label), str(STATE_FOR_REPORTER[need.state]), where)
        )
    return lines
