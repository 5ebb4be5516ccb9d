"""Is a unit open at a given moment? One rule, answered in SQL and in Python.

Opening hours are kept per weekday in Asia/Jakarta wall-clock time (the portal's
TIME_ZONE). A period whose closing time is not after its opening time runs past
midnight into the next day.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone


def local_now(now: datetime.datetime | None = None) -> datetime.datetime:
    """The moment in the portal's time zone (Asia/Jakarta), where opening hours live."""
    return timezone.localtime(now or timezone.now())


def open_now_q(now: datetime.datetime | None = None) -> Q:
    """A filter on ServiceUnitPage that keeps the units open at ``now``."""
    from content.models import OpeningHours

    moment = local_now(now)
    today, time = moment.weekday(), moment.time().replace(tzinfo=None)
    yesterday = (today - 1) % 7
    periods = OpeningHours.objects.filter(page=OuterRef("pk")).filter(
        # A same-day period that has started and not ended.
        Q(weekday=today, opens__lte=time, closes__gt=time, opens__lt=F("closes"))
        # A period past midnight that started today...
        | Q(weekday=today, opens__lte=time, opens__gte=F("closes"))
        # ...or started yesterday and has not ended yet.
        | Q(weekday=yesterday, closes__gt=time, opens__gte=F("closes"))
    )
    return Q(open_24_hours=True) | Q(Exists(periods))


def is_open(unit, now: datetime.datetime | None = None) -> bool:
    """The same rule as ``open_now_q`` for one unit whose hours are already loaded."""
    if unit.open_24_hours:
        return True
    moment = local_now(now)
    today, time = moment.weekday(), moment.time().replace(tzinfo=None)
    yesterday = (today - 1) % 7
    for period in unit.opening_hours.all():
        overnight = period.opens >= period.closes
        if period.weekday == today:
            if overnight and period.opens <= time:
                return True
            if not overnight and period.opens <= time < period.closes:
                return True
        if period.weekday == yesterday and overnight and time < period.closes:
            return True
    return False


def next_change(units, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The next moment at which any of these units opens or closes (None: never).

    Pages that show an "open now" badge are cached only until then (content.page_cache),
    so a cached page never says "open" after the unit has closed. The hours must be
    loaded (prefetched) already, as for ``is_open``.
    """
    moment = local_now(now)
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    soonest = None
    for unit in units:
        if unit.open_24_hours:
            continue
        for period in unit.opening_hours.all():
            # The period's opening and closing this week and next, in wall-clock time.
            for week in (-1, 0, 1):
                day = midnight + datetime.timedelta(
                    days=(period.weekday - moment.weekday()) + 7 * week
                )
                opens = datetime.datetime.combine(day.date(), period.opens)
                closes = datetime.datetime.combine(day.date(), period.closes)
                if period.opens >= period.closes:  # runs past midnight
                    closes += datetime.timedelta(days=1)
                for boundary in (opens, closes):
                    aware = timezone.make_aware(boundary, moment.tzinfo)
                    if aware > moment and (soonest is None or aware < soonest):
                        soonest = aware
    return soonest


def weekly_hours(unit) -> list[tuple[str, list]]:
    """Monday to Sunday, each with its periods (empty: closed that day)."""
    from content.models import Weekday

    periods = sorted(unit.opening_hours.all(), key=lambda p: (p.weekday, p.opens))
    return [(label, [p for p in periods if p.weekday == value]) for value, label in Weekday.choices]
