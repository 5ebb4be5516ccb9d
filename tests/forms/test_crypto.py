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
