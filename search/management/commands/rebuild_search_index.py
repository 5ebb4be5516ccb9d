"""Rebuild the portal's search index from the published pages, from scratch.

On Elasticsearch the documents go into a new index and the alias moves to it at the
end, so readers keep searching the old index until the new one is complete.
"""

import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page

from search.backends import get_backend
from search.documents import document_for, indexed_models


class Progress:
    """A text progress bar on stderr (or plain counts when it is not a terminal)."""

    def __init__(self, label: str, total: int, stream):
        self.label, self.total, self.done, self.stream = label, total, 0, stream
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last_percent = -1

    def __call__(self, step: int = 1) -> None:
        self.done += step
        percent = 100 * self.done // self.total if self.total else 100
        if percent == self.last_percent:
            return
        self.last_percent = percent
        filled = percent // 4
        bar = f"{self.label} [{'#' * filled}{'.' * (25 - filled)}] {self.done}/{self.total}"
        if self.tty:
            self.stream.write("\r" + bar)
        elif percent % 10 == 0 or self.done == self.total:
            self.stream.write(bar + "\n")
        self.stream.flush()

    def finish(self):
        if self.tty:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Rebuild the portal's search index from the published pages."

    def handle(self, *args, **options):
        from search.indexing import store
        from search.models import SearchEntry
        from search.spelling import rebuild_vocabulary

        stream = options.get("stderr") or sys.stderr
        pages = (
            Page.objects.live().type(*indexed_models()) if indexed_models() else Page.objects.none()
        )
        total = pages.count()
        progress = Progress("documents", total, stream)
        keep = []
        with transaction.atomic():
            for page in pages.specific().iterator(chunk_size=200):
                document = document_for(page)
                if document is not None:
                    store(document)
                    keep.append(page.pk)
                progress()
            progress.finish()
            # Entries whose page is gone or no longer public.
            stale = SearchEntry.objects.exclude(page_id__in=keep)
            for entry in stale:
                entry.delete()
            rebuild_vocabulary()
        entries = SearchEntry.objects.prefetch_related("services").order_by("pk")
        backend = get_backend()
        indexing = Progress(f"index ({backend.name})", entries.count(), stream)
        backend.rebuild(entries.iterator(chunk_size=500), progress=indexing)
        indexing.finish()
        self.stdout.write(self.style.SUCCESS(f"Indexed {len(keep)} pages on {backend.name}."))
