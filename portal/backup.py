"""Backup and restore: the database and both storages in one archive.

``manage.py backup PATH`` writes a gzipped tar archive:

- ``manifest.json``: format version, time, database engine, the applied migrations;
- ``database.json``: every row the installation holds, as Django's serializer writes
  it with natural keys (``dumpdata``): portable between SQLite and PostgreSQL, so the
  same archive also moves an embedded installation onto PostgreSQL;
- ``storage/default/...`` and ``storage/private/...``: the public media and the
  evidence files, read through the configured storages (local folders or S3).

Left out, because the target makes or rebuilds them: content types and permissions
(made by migrations, matched by natural key), sessions, the task queue, and the
search index (rebuilt after the restore).

Evidence stays sealed: the files and the sealed columns are ciphertext at rest and
are copied as they are. Neither SECRET_KEY (receipt digests) nor ENCRYPTION_KEYS (the
master keys) is in the archive; the installation restored into needs the same keys,
kept apart from the backups.

``manage.py restore PATH`` migrates an empty installation, loads the rows, writes the
files back and rebuilds the search index. It refuses an installation that already
holds reports, users or pages beyond what its migrations made.
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
STORAGES = ("default", "private")
# App labels and models (lower case) left out; those that do not exist on this
# database (the SQLite full-text table) are skipped.
EXCLUDED = {
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_tasks_database",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "portal_search.searchentry",
    "portal_search.searchentryservice",
    "portal_search.searchterm",
    "axes",
    # Dumped apart (log_entries): they may point at pages and users deleted since.
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
}


def excluded_models() -> list[str]:
    """The models not dumped: those above, and those with no table of their own."""
    return [
        model._meta.label_lower
        for model in apps.get_models()
        if not model._meta.managed
        or model._meta.label_lower in EXCLUDED
        or model._meta.app_label in EXCLUDED
    ]


class RestoreRefused(RuntimeError):
    """The installation is not empty, or the archive is not one this version reads."""


def walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name below ``folder`` in ``storage``."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for name in folders:
        yield from walk(storage, f"{folder}/{name}" if folder else name)


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(time.time())
    archive.addfile(info, io.BytesIO(data))


def log_entries() -> list:
    """Wagtail's history, as serializer rows. Its entries keep the ids of pages and users
    deleted since (no database constraint), which natural keys cannot name: entries of
    a deleted page are left out, a deleted user becomes "unknown"."""
    from django.contrib.auth import get_user_model
    from wagtail.models import ModelLogEntry, Page, PageLogEntry

    users = set(get_user_model().objects.values_list("pk", flat=True))
    pages = PageLogEntry.objects.filter(page_id__in=Page.objects.values("pk"))
    entries = [*pages.order_by("pk"), *ModelLogEntry.objects.order_by("pk")]
    for entry in entries:
        if entry.user_id not in users:
            entry.user_id = None
    return json.loads(
        serializers.serialize(
            "json", entries, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    )


def backup(path: Path) -> dict:
    """Write the archive to ``path``; returns the manifest."""
    with tempfile.NamedTemporaryFile(suffix=".json") as rows:
        call_command(
            "dumpdata",
            exclude=excluded_models(),
            natural_foreign=True,
            natural_primary=True,
            output=rows.name,
            verbosity=0,
        )
        database = json.dumps(json.loads(Path(rows.name).read_bytes()) + log_entries()).encode()
    applied = sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )
    manifest = {
        "format": FORMAT,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "engine": connection.vendor,
        "migrations": applied,
        "files": {},
    }
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "database.json", database)
        for alias in STORAGES:
            storage = storages[alias]
            names = sorted(walk(storage))
            manifest["files"][alias] = len(names)
            for name in names:
                with storage.open(name, "rb") as handle:
                    _add(archive, f"storage/{alias}/{name}", handle.read())
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def check_empty() -> None:
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from forms.models import Report

    if Report.objects.exists() or get_user_model().objects.exists():
        raise RestoreRefused("this installation already holds reports or users")
    if Page.objects.filter(depth__gt=2).exists():
        raise RestoreRefused("this installation already holds pages")


def restore(path: Path) -> dict:
    """Restore the archive at ``path`` into this (empty) installation."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT:
            raise RestoreRefused(f"archive format {manifest.get('format')!r} is not {FORMAT}")
        call_command("migrate", interactive=False, verbosity=0)
        check_empty()
        # Wagtail's migrations make a welcome page and a site; the archive has its own.
        _drop_made_by_migrations()
        with tempfile.NamedTemporaryFile(suffix=".json") as rows:
            rows.write(archive.extractfile("database.json").read())
            rows.flush()
            call_command("loaddata", rows.name, verbosity=0)
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("storage/"):
                continue
            _prefix, alias, name = member.name.split("/", 2)
            if alias not in STORAGES or ".." in Path(name).parts:
                continue
            storage = storages[alias]
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, ContentFile(archive.extractfile(member).read()))
            if saved != name:
                raise RestoreRefused(f"storage {alias} renamed a restored file")
    call_command("rebuild_search_index", verbosity=0)
    call_command("update_index", verbosity=0)  # Wagtail's own index, for the admin
    return manifest


def _drop_made_by_migrations() -> None:
    from wagtail.models import Page, Site

    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
