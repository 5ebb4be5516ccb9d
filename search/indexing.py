"""Indexing follows publishing.

Wagtail's signals (published, unpublished, moved, deleted; a translation is a page of
its own and follows the same path) enqueue background tasks (django-tasks): the web
request that publishes never waits for the search backend. With the immediate task
backend (development, tests) the task runs at once; in production a worker runs it.

Every change goes through ``index_pages`` / ``remove_pages``: they write the stored
search entries (search.models.SearchEntry) and tell the configured backend.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete
from django_tasks import task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.documents import SearchDocument, content_type_for, document_for
from search.text import normalise


def store(document: SearchDocument):
    """Write one document as a SearchEntry (and its services and vocabulary)."""
    from search.models import SearchEntry, SearchEntryService
    from search.spelling import add_to_vocabulary

    entry, _ = SearchEntry.objects.update_or_create(
        page_id=document.page_id,
        defaults={
            "language": document.language,
            "content_type": document.content_type,
            "page_title": document.title[:255],
            "page_text": document.body,
            "url": document.url[:500],
            "title": normalise(document.title, document.language),
            "body": normalise(document.body, document.language),
            "region_code": document.region_code or "",
            "unit_kind": document.unit_kind or "",
            "latitude": document.latitude,
            "longitude": document.longitude,
            "translation_key": document.translation_key,
        },
    )
    SearchEntryService.objects.filter(entry=entry).exclude(service__in=document.services).delete()
    SearchEntryService.objects.bulk_create(
        [SearchEntryService(entry=entry, service=code) for code in document.services],
        ignore_conflicts=True,
    )
    add_to_vocabulary(document.language, f"{document.title} {document.body}")
    return entry


def index_documents(documents: list[SearchDocument]) -> None:
    from search.backends import get_backend

    with transaction.atomic():
        entries = [store(document) for document in documents]
    get_backend().index(entries)


def index_pages(pages: Iterable[Page]) -> None:
    """Bring the index in line with these pages: add, update or drop each one."""
    documents, gone = [], []
    for page in pages:
        document = document_for(page)
        if document is None:
            gone.append(page.pk)
        else:
            documents.append(document)
    if documents:
        index_documents(documents)
    if gone:
        remove_pages(gone)


def remove_pages(page_ids: Iterable[int]) -> None:
    from search.models import SearchEntry

    # Deleting an entry reaches the backend through the post_delete handler below,
    # which also covers entries removed by a cascade when a page is deleted.
    for entry in SearchEntry.objects.filter(page_id__in=list(page_ids)):
        entry.delete()


@task()
def index_page_tree(page_id: int) -> None:
    """Re-index a page and everything below it (a move changes all their URLs)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        remove_pages([page_id])
        return
    index_pages(page.specific for page in Page.objects.descendant_of(page, inclusive=True))


@task()
def index_page(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        remove_pages([page_id])
    else:
        index_pages([page.specific])


@task()
def remove_page(page_id: int) -> None:
    remove_pages([page_id])


@task()
def remove_entry_from_backend(page_id: int) -> None:
    from search.backends import get_backend

    get_backend().remove_id(page_id)


# -- signal handlers (connected in SearchConfig.ready) ------------------------


def on_published(sender, instance, **kwargs):
    if content_type_for(instance) is not None:
        transaction.on_commit(lambda: index_page.enqueue(instance.pk))


def on_unpublished(sender, instance, **kwargs):
    transaction.on_commit(lambda: remove_page.enqueue(instance.pk))


def on_moved(sender, instance, **kwargs):
    transaction.on_commit(lambda: index_page_tree.enqueue(instance.pk))


def on_entry_deleted(sender, instance, **kwargs):
    from search.backends import get_backend

    backend = get_backend()
    if backend.name == "database":
        # The database index lives in the same database: remove it in the same transaction.
        backend.remove(instance)
    else:
        page_id = instance.page_id
        transaction.on_commit(lambda: remove_entry_from_backend.enqueue(page_id))


def connect() -> None:
    from search.models import SearchEntry

    page_published.connect(on_published, dispatch_uid="portal_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_search_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="portal_search_moved")
    post_delete.connect(on_entry_deleted, sender=SearchEntry, dispatch_uid="portal_search_deleted")
