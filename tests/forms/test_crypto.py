"""Envelope encryption: round trips, tamper detection, key configuration and rotation."""

import base64
import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from forms import crypto
from forms.models import Report


def new_key(key_id: str) -> str:
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"


def test_a_data_key_wrapped_under_the_first_master_key_unwraps_to_itself():
    data_key, wrapped = crypto.new_wrapped_data_key()
    assert crypto.wrapping_key_id(wrapped) == crypto.current_key_id()
    assert crypto.unwrap_data_key(wrapped) == data_key
    assert base64.urlsafe_b64encode(data_key).decode() not in wrapped


def test_a_sealed_value_opens_only_for_its_own_purpose_and_key():
    cipher = crypto.Cipher(os.urandom(32))
    sealed = cipher.seal_text("Dia memukul saya", "narrative")
    assert b"memukul" not in sealed
    assert cipher.open_text(sealed, "narrative") == "Dia memukul saya"
    with pytest.raises(crypto.DecryptionError):
        cipher.open_text(sealed, "place")
    with pytest.raises(crypto.DecryptionError):
        crypto.Cipher(os.urandom(32)).open_text(sealed, "narrative")


def test_a_flipped_bit_in_a_sealed_value_is_detected():
    cipher = crypto.Cipher(os.urandom(32))
    sealed = bytearray(cipher.seal(b"evidence", "attachment"))
    sealed[-1] ^= 1
    with pytest.raises(crypto.DecryptionError):
        cipher.open(bytes(sealed), "attachment")


@pytest.mark.parametrize(
    "entries",
    [[], ["no-colon"], ["k1:not base64!"], ["k1:" + base64.urlsafe_b64encode(b"short").decode()]],
)
def test_malformed_master_keys_stop_start_up_with_a_clear_error(entries):
    with pytest.raises(ImproperlyConfigured):
        crypto.parse_master_keys(entries)


def test_the_same_key_id_twice_is_refused():
    with pytest.raises(ImproperlyConfigured, match="twice"):
        crypto.parse_master_keys([new_key("k1"), new_key("k1")])


def test_a_report_reads_back_every_sealed_field(report_factory):
    report = report_factory(
        narrative="Suami saya memukul saya setiap malam.",
        place="Rumah di Jalan Melati 5",
        approximate_date="Minggu lalu",
        perpetrator_relation="Suami",
        contact_name="Ani",
        contact_channel="whatsapp",
        contact_details="+62 812 0000 1111",
        safe_time="Pagi, jam 9-11",
    )
    fresh = Report.objects.get(pk=report.pk)
    decrypted = fresh.decrypt()
    assert decrypted.narrative == "Suami saya memukul saya setiap malam."
    assert decrypted.contact_details == "+62 812 0000 1111"
    assert fresh.safe_time == "Pagi, jam 9-11"
    assert fresh.perpetrator_relation == "Suami"


def test_two_reports_never_share_a_data_key(report_factory):
    first = report_factory(narrative="a")
    second = report_factory(narrative="a")
    assert first.data_key != second.data_key
    assert bytes(first.narrative_sealed) != bytes(second.narrative_sealed)


def test_rotate_keys_rewraps_old_reports_under_the_newest_key(report_factory, settings):
    old_keys = list(settings.ENCRYPTION_KEYS)
    settings.ENCRYPTION_KEYS = old_keys[1:]  # as if the newest key did not exist yet
    old_id = crypto.current_key_id()
    reports = [report_factory(narrative=f"laporan {n}") for n in range(3)]
    assert {crypto.wrapping_key_id(r.data_key) for r in reports} == {old_id}

    settings.ENCRYPTION_KEYS = old_keys
    call_command("rotate_keys", verbosity=0)

    # With the old key gone, every report still opens: nothing was left behind.
    settings.ENCRYPTION_KEYS = old_keys[:1]
    for n, report in enumerate(reports):
        fresh = Report.objects.get(pk=report.pk)
        assert crypto.wrapping_key_id(fresh.data_key) == crypto.current_key_id() != old_id
        assert fresh.narrative == f"laporan {n}"


def test_without_its_master_key_a_report_does_not_open(report_factory, settings):
    report = report_factory(narrative="rahasia")
    settings.ENCRYPTION_KEYS = [new_key("elsewhere")]
    with pytest.raises(crypto.DecryptionError):
        _ = Report.objects.get(pk=report.pk).narrative


def test_a_sealed_value_copied_into_another_row_does_not_open_there(report_factory):
    from forms.models import Message
    from forms.triage.models import Note

    report = report_factory()
    note = Note.objects.create(report=report, body="Catatan internal: rumah aman di Cideng")
    message = Message.objects.create(report=report, author="staff", body="Halo")
    # A note's ciphertext copied into a message row of the same report.
    Message.objects.filter(pk=message.pk).update(body_sealed=note.body_sealed)
    with pytest.raises(crypto.DecryptionError):
        _ = Message.objects.get(pk=message.pk).body
    # Two messages of one report: one's body copied into the other.
    other = Message.objects.create(report=report, author="staff", body="Kedua")
    Message.objects.filter(pk=other.pk).update(
        body_sealed=Message.objects.get(pk=message.pk).body_sealed
    )
    with pytest.raises(crypto.DecryptionError):
        _ = Message.objects.get(pk=other.pk).body


def test_a_field_and_its_data_key_copied_into_another_report_do_not_open(report_factory):
    source = report_factory(narrative="Cerita asli korban")
    target = report_factory(narrative="lain")
    Report.objects.filter(pk=target.pk).update(
        data_key=source.data_key, narrative_sealed=source.narrative_sealed
    )
    with pytest.raises(crypto.DecryptionError):
        _ = Report.objects.get(pk=target.pk).narrative


def test_values_sealed_before_the_binding_are_re_sealed_and_rerunning_changes_nothing(
    report_factory,
):
    from forms import resealing
    from forms.models import Message

    report = report_factory()
    legacy_key = crypto.wrap_data_key(
        crypto.unwrap_data_key(report.data_key, crypto.row_binding(report, "data_key"))
    )
    cipher = report.cipher()
    Report.objects.filter(pk=report.pk).update(
        data_key=legacy_key, narrative_sealed=cipher.seal_text("Lama", "narrative")
    )
    message = Message.objects.create(report=report, author="staff", body="x")
    Message.objects.filter(pk=message.pk).update(body_sealed=cipher.seal_text("Pesan lama", "body"))

    def cipher_of(row):
        return resealing.report_cipher(Report.objects.get(pk=getattr(row, "report_id", row.pk)))

    for _run in range(2):
        resealing.reseal_fields(Report, ["narrative"], cipher_of)
        resealing.reseal_fields(Message, ["body"], cipher_of)
    assert Report.objects.get(pk=report.pk).narrative == "Lama"
    assert Message.objects.get(pk=message.pk).body == "Pesan lama"
