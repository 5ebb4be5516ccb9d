"""Envelope encryption of complaint data (AES-256-GCM from `cryptography`).

Every report has its own random 256-bit *data key*. Its sensitive fields, its
messages and its evidence files are sealed with that key; the data key itself is
stored only *wrapped* (encrypted) by a master key from ``settings.ENCRYPTION_KEYS``,
together with that master key's id. A database dump alone therefore opens nothing,
and a master key can be rotated by re-wrapping the small data keys
(``manage.py rotate_keys``) without touching the data itself.

``ENCRYPTION_KEYS`` is a list of ``key_id:urlsafe-base64-32-bytes``: the first key
wraps new data keys, every key listed can unwrap.

Reading decrypted content (for the triage queue and other staff views)::

    report.narrative              # one field, decrypted on access
    report.decrypt()              # every sealed field at once (a DecryptedReport)
    message.body                  # a message in the report's thread
    attachment.read()             # an evidence file's plaintext bytes

Each of these works on a plain model instance; the data key is unwrapped once per
instance and kept only in memory.

Every sealed value is bound (AES-GCM associated data) to its model, its field and
its row, and every wrapped data key to its report: ``row_binding`` names them, and the
row is a random ``seal_id`` that ``sealed_text`` adds to the model (a primary key is
not known before the first save, and a report's fields are sealed before it). So a
note's ciphertext copied into a message row, or a report's sealed field together with
its data key copied into another report, does not open there. Values sealed before
this binding are re-sealed by migrations (complaints 0009, triage 0012).

Writing is symmetrical: assign the attribute (``report.narrative = "..."``,
``Message(report=r, body="...")``) and save.
Whoever shows decrypted content to staff must write the audit entry that the
triage rules require; this module does not know who is asking.
"""

from __future__ import annotations

import base64
import binascii
import os
import uuid
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
# The first byte of every sealed value, so a future format can be told apart.
FORMAT_V1 = b"\x01"


class DecryptionError(Exception):
    """A sealed value or wrapped key does not open: wrong key, or altered data."""


@dataclass(frozen=True)
class MasterKey:
    key_id: str
    secret: bytes


def parse_master_keys(entries: list[str]) -> list[MasterKey]:
    """Parse ``ENCRYPTION_KEYS`` entries, refusing anything that is not a 32-byte key."""
    keys: list[MasterKey] = []
    for entry in entries:
        key_id, sep, encoded = entry.strip().partition(":")
        if not sep or not key_id:
            raise ImproperlyConfigured(
                "Each ENCRYPTION_KEYS entry must look like key_id:urlsafe-base64-key."
            )
        try:
            secret = base64.urlsafe_b64decode(encoded.encode())
        except (binascii.Error, ValueError) as error:
            raise ImproperlyConfigured(
                f"ENCRYPTION_KEYS entry {key_id!r} is not base64."
            ) from error
        if len(secret) != 32:
            raise ImproperlyConfigured(f"ENCRYPTION_KEYS entry {key_id!r} must be 32 bytes.")
        if any(key.key_id == key_id for key in keys):
            raise ImproperlyConfigured(f"ENCRYPTION_KEYS lists the key id {key_id!r} twice.")
        keys.append(MasterKey(key_id, secret))
    if not keys:
        raise ImproperlyConfigured("ENCRYPTION_KEYS must hold at least one key.")
    return keys


@cache
def _keys_for(entries: tuple[str, ...]) -> tuple[MasterKey, ...]:
    return tuple(parse_master_keys(list(entries)))


def master_keys() -> tuple[MasterKey, ...]:
    """The configured master keys, newest (the wrapping one) first."""
    return _keys_for(tuple(settings.ENCRYPTION_KEYS))


def current_key_id() -> str:
    return master_keys()[0].key_id


def _wrap_aad(key_id: str, binding: str = "") -> bytes:
    base = b"satu-layanan/data-key/" + key_id.encode()
    # Without a binding: the form data keys were wrapped in before (re-sealing only).
    return base + b"/" + binding.encode() if binding else base


def row_binding(instance, field: str) -> str:
    """What a sealed value of ``instance.field`` is bound to: model, field and row."""
    return f"{instance._meta.label_lower}/{field}/{instance.seal_id}"


def wrap_data_key(data_key: bytes, binding: str = "") -> str:
    """Encrypt a data key under the newest master key: ``key_id:base64(nonce|ciphertext)``."""
    master = master_keys()[0]
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(master.secret).encrypt(nonce, data_key, _wrap_aad(master.key_id, binding))
    return f"{master.key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def wrapping_key_id(wrapped: str) -> str:
    return wrapped.partition(":")[0]


def unwrap_data_key(wrapped: str, binding: str = "") -> bytes:
    key_id, _, encoded = wrapped.partition(":")
    master = next((key for key in master_keys() if key.key_id == key_id), None)
    if master is None:
        raise DecryptionError(f"The master key {key_id!r} is not in ENCRYPTION_KEYS.")
    try:
        blob = base64.urlsafe_b64decode(encoded.encode())
        return AESGCM(master.secret).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], _wrap_aad(key_id, binding)
        )
    except (InvalidTag, binascii.Error, ValueError) as error:
        raise DecryptionError(f"The data key does not open with master key {key_id!r}.") from error


def new_wrapped_data_key(binding: str = "") -> tuple[bytes, str]:
    data_key = AESGCM.generate_key(bit_length=256)
    return data_key, wrap_data_key(data_key, binding)


class Cipher:
    """Seals and opens values with one report's data key.

    ``purpose`` is bound into each value (AES-GCM associated data): for model fields
    it is ``row_binding(instance, field)``, so a sealed value opens only in the
    column and row it was sealed for.
    """

    def __init__(self, data_key: bytes):
        self._aead = AESGCM(data_key)

    def seal(self, plaintext: bytes, purpose: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT_V1 + nonce + self._aead.encrypt(nonce, plaintext, purpose.encode())

    def open(self, sealed: bytes, purpose: str) -> bytes:
        sealed = bytes(sealed)  # PostgreSQL hands back a memoryview
        if not sealed.startswith(FORMAT_V1):
            raise DecryptionError(f"Unknown sealed format for {purpose!r}.")
        nonce = sealed[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[1 + NONCE_BYTES :], purpose.encode())
        except InvalidTag as error:
            raise DecryptionError(f"The sealed {purpose!r} does not open.") from error

    def seal_text(self, text: str, purpose: str) -> bytes:
        # Empty stays empty: an absent optional answer needs no ciphertext.
        return self.seal(text.encode("utf-8"), purpose) if text else b""

    def open_text(self, sealed: bytes | memoryview | None, purpose: str) -> str:
        if not sealed:
            return ""
        return self.open(sealed, purpose).decode("utf-8")


def seal_id_field():
    """The random per-row id sealed values are bound to (set when the row is made)."""
    from django.db import models

    return models.UUIDField(default=uuid.uuid4, unique=True, editable=False)


class SealedText(property):
    """``sealed_text``'s attribute: a ``property`` (so that Django's model constructor
    accepts it as a keyword argument, after the real fields), which also gives its
    model the ``seal_id`` field the first time one is declared on it."""

    def contribute_to_class(self, cls, name):
        setattr(cls, name, self)
        if not cls._meta.abstract and not any(f.name == "seal_id" for f in cls._meta.local_fields):
            cls.add_to_class("seal_id", seal_id_field())


def sealed_text(name: str, doc: str = "") -> property:
    """A model attribute that reads and writes the BinaryField ``<name>_sealed``.

    Sealed under ``row_binding(instance, name)``: the model, the field and the row's
    ``seal_id`` (added to the model by the first ``sealed_text``; do not declare it).
    The owning model must provide ``cipher()``.
    """
    column = f"{name}_sealed"

    def fget(instance) -> str:
        binding = row_binding(instance, name)
        return instance.cipher().open_text(getattr(instance, column), binding)

    def fset(instance, value) -> None:
        binding = row_binding(instance, name)
        setattr(instance, column, instance.cipher().seal_text(str(value or ""), binding))

    return SealedText(fget, fset, doc=doc or f"The decrypted {name.replace('_', ' ')}.")
