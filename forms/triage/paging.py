"""Pages of the queue that cost the same at page 500 as at page 1.

The queue's order starts with a few yes/no keys (open, immediate danger, overdue),
then the oldest first. "Overdue" depends on the time of the request, so no index
can hold the whole order, and a plain ``LIMIT 50 OFFSET 24950`` makes PostgreSQL
sort the whole queue for every deep page (tests/bench/triage.py).

So the queue is cut into segments, one per combination of the yes/no keys (at most
eight). Each segment, on its own, is in the order of an index
(``triage_queue_segment``: open, danger, received, report, with the due time
included to decide "overdue" from the index alone). A page costs three queries
whatever its number:

1. the size of every segment, in one ``GROUP BY`` (this is also the total count,
   in place of the ``COUNT(*)`` Django's paginator runs), the last key counted with
   a ``FILTER`` rather than grouped on;
2. the report numbers on the page: one index-ordered slice of each segment the
   page overlaps (usually one), glued with ``UNION ALL``;
3. the rows of those reports, with the full order (50 rows to sort, not 100,000).

SQLite cannot slice the members of a ``UNION`` (and is the development database,
never 100,000 reports): there step 2 is one ordered slice of the whole queue, the
same query count and the same result.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator


class SegmentedPaginator(WagtailPaginator):
    """Paginates a queryset ordered by ``segment_keys`` (booleans, true first), then
    ``within``; the queryset must carry any annotation the keys name."""

    segment_keys: tuple[str, ...] = ()
    within: tuple[str, ...] = ()

    @cached_property
    def segments(self) -> list[tuple[dict, int]]:
        """[(key values, size)] in the queue's order, empty segments left out.

        Grouped by every key but the last, which is counted with a ``FILTER``: the
        last key ("overdue") is worked out from the request's time, and grouping by
        it makes PostgreSQL evaluate and hash it for every row of a busy list."""
        *grouped, last = self.segment_keys
        rows = (
            self.object_list.order_by()
            .prefetch_related(None)
            .values(*grouped)
            .annotate(size=Count("pk"), with_last=Count("pk", filter=Q(**{last: True})))
        )
        sizes = []
        for row in rows:
            keys = {key: row[key] for key in grouped}
            for value, size in ((True, row["with_last"]), (False, row["size"] - row["with_last"])):
                if size:
                    sizes.append(({**keys, last: value}, size))
        return sorted(sizes, key=lambda item: tuple(not item[0][key] for key in self.segment_keys))

    @cached_property
    def count(self) -> int:
        return sum(size for _keys, size in self.segments)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom: int, top: int) -> list:
        ids = self.ids(bottom, top)
        if not ids:
            return []
        return list(self.object_list.filter(pk__in=ids))

    def ids(self, bottom: int, top: int) -> list:
        """The primary keys of the rows at positions [bottom, top) of the whole order."""
        if top <= bottom:
            return []
        keys = self.object_list.prefetch_related(None)
        if not connection.features.supports_slicing_ordering_in_compound:
            return list(keys.values_list("pk", flat=True)[bottom:top])
        slices, start = [], 0
        for values, size in self.segments:
            low, high = max(bottom, start), min(top, start + size)
            if low < high:
                segment = keys.filter(**values).order_by(*self.within)
                slices.append(segment.values_list("pk", flat=True)[low - start : high - start])
            start += size
        if not slices:
            return []
        first, *others = slices
        return list(first.union(*others, all=True)) if others else list(first)
