"""Re-seal values sealed before they were bound to their row (migrations complaints
0006 and triage 0010 run this on their historical models).

Resumable, ``rotate_keys`` style: rows go in batches, each in its own transaction, and
a value that already opens under its binding is left alone, so an interrupted run
simply runs again. Afterwards the portal opens values under their binding only.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from forms import crypto

BATCH = 200


def open_or_legacy(cipher: crypto.Cipher, sealed, binding: str, legacy: str) -> bytes | None:
    """The value re-sealed under ``binding``, or None when it is bound already."""
    try:
        cipher.open(sealed, binding)
        return None
    except crypto.DecryptionError:
        return cipher.seal(cipher.open(sealed, legacy), binding)


def report_cipher(report) -> crypto.Cipher:
    """The report's cipher, its data key re-wrapped under its binding if it was not."""
    binding = crypto.row_binding(report, "data_key")
    try:
        return crypto.Cipher(crypto.unwrap_data_key(report.data_key, binding))
    except crypto.DecryptionError:
        data_key = crypto.unwrap_data_key(report.data_key)
        report.data_key = crypto.wrap_data_key(data_key, binding)
        type(report).objects.filter(pk=report.pk).update(data_key=report.data_key)
        return crypto.Cipher(data_key)


def give_seal_ids(model) -> None:
    while True:
        with transaction.atomic():
            pks = list(
                model.objects.filter(seal_id__isnull=True).values_list("pk", flat=True)[:BATCH]
            )
            for pk in pks:
                model.objects.filter(pk=pk).update(seal_id=uuid.uuid4())
        if len(pks) < BATCH:
            return


def reseal_fields(model, fields: list[str], cipher_of, legacy=None) -> None:
    """Re-seal ``<field>_sealed`` of every row; ``legacy`` maps a field to the purpose
    it was sealed under (its own name by default)."""
    legacy = legacy or {}
    last = 0
    while True:
        with transaction.atomic():
            rows = list(model.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
            for row in rows:
                cipher = cipher_of(row)
                changed = {}
                for field in fields:
                    sealed = bytes(getattr(row, f"{field}_sealed") or b"")
                    if not sealed:
                        continue
                    binding = crypto.row_binding(row, field)
                    new = open_or_legacy(cipher, sealed, binding, legacy.get(field, field))
                    if new is not None:
                        changed[f"{field}_sealed"] = new
                if changed:
                    model.objects.filter(pk=row.pk).update(**changed)
        if not rows:
            return
        last = rows[-1].pk


def reseal_files(model, cipher_of, storage) -> None:
    """Re-seal every attachment's file in place (bound to its row as field ``file``)."""
    last = 0
    while True:
        rows = list(model.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
        for row in rows:
            with storage.open(row.file.name, "rb") as handle:
                sealed = handle.read()
            binding = crypto.row_binding(row, "file")
            new = open_or_legacy(cipher_of(row), sealed, binding, "attachment")
            if new is not None:
                with storage.open(row.file.name, "wb") as handle:
                    handle.write(new)
        if not rows:
            return
        last = rows[-1].pk
