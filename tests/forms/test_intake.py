"""The complaint form as a reader (or a bot) meets it: field rules and protections."""

import time

import pytest
from django.test import Client

from forms.intake import started_token
from forms.models import Report, Status
from tests.forms.conftest import CLIENT_META, filed, valid_answers


def page_text(response) -> str:
    return response.content.decode()


def test_the_form_page_shows_the_form_with_a_fill_time_token(client, complaint_page):
    response = client.get(complaint_page.url)
    assert response.status_code == 200
    html = page_text(response)
    assert 'name="narrative"' in html
    assert 'name="started"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Laporkan tanpa nama." in html  # the editor's intro


def test_a_complete_report_is_stored_with_its_triage_metadata(submit):
    response = submit(immediate_danger="on", consent_referral="on")
    assert filed(response)
    report = Report.objects.get()
    assert report.status == Status.NEW
    assert sorted(report.violence_kinds) == ["physical", "psychological"]
    assert report.region_id == "31.71"  # the regency in clear; the village sealed
    assert report.precise_region == "31.71.01.1002"
    assert report.immediate_danger is True
    assert report.consent_referral is True
    assert report.consent_contact is False
    assert (report.victim_age_group, report.victim_sex) == ("25-44", "female")
    assert report.language == "id"
    assert report.narrative.startswith("Suami saya memukul saya")
    assert report.place == "Rumah kontrakan di gang Melati"
    assert report.approximate_date == "Sekitar dua minggu lalu"
    assert report.perpetrator_relation == "Suami"


def test_only_violence_kind_region_and_narrative_are_needed(submit):
    minimal = dict.fromkeys(
        ("reporter_role", "victim_age_group", "victim_sex", "place")
        + ("approximate_date", "perpetrator_relation", "regency", "district", "village"),
        "",
    )
    response = submit(**minimal)
    assert filed(response)
    assert Report.objects.get().region_id == "31"


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("violence_kinds", "Please choose at least one kind of violence."),
        ("province", "Please choose the province where it happened."),
        ("narrative", "Please tell us briefly what happened."),
    ],
)
def test_each_required_answer_missing_gives_its_own_kind_message(submit, field, message):
    response = submit(**{field: None})
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Report.objects.exists()


def test_what_was_typed_survives_a_validation_error(submit):
    response = submit(violence_kinds=None, place="Dekat pasar Senen", victim_sex="male")
    html = page_text(response)
    assert response.status_code == 400
    assert "Suami saya memukul saya ketika marah" in html
    assert 'value="Dekat pasar Senen"' in html
    assert '<option value="male" selected>' in html
    # The region picker keeps every level chosen.
    assert '<option value="31.71.01.1002" selected>' in html


def test_chosen_files_are_announced_as_dropped_after_an_error(submit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%test\n", "application/pdf")
    response = submit(files=[pdf], narrative="")
    assert response.status_code == 400
    assert "please choose your files again" in page_text(response)


def test_an_area_that_does_not_belong_to_the_chosen_province_is_refused(submit):
    response = submit(province="35", regency="31.71", district="", village="")
    assert response.status_code == 400
    assert "it does not belong to the area above it" in page_text(response)
    assert not Report.objects.exists()


def test_the_region_picker_steps_down_without_javascript(client, complaint_page):
    first = client.post(complaint_page.url, {"province": "31", "action": "regions"})
    html = page_text(first)
    assert first.status_code == 200
    assert "Kota Jakarta Pusat" in html and 'name="district"' not in html
    second = client.post(
        complaint_page.url,
        {"province": "31", "regency": "31.71", "action": "regions", "narrative": "tetap"},
    )
    html = page_text(second)
    assert 'name="district"' in html and "Sawah Besar" in html
    assert "tetap</textarea>" in html
    # Stepping through the picker stores nothing and shows no errors yet.
    assert not Report.objects.exists()
    assert "need another look" not in html


def test_the_region_picker_json_lists_the_next_level(client, complaint_page):
    response = client.get(complaint_page.url + "regions/", {"parent": "31.71"})
    assert response.json() == {"regions": [["31.71.01", "Gambir"], ["31.71.02", "Sawah Besar"]]}
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"contact_channel": "whatsapp"}, "contact_details", "choose “Do not contact me”"),
        ({"contact_details": "0812 3456 7890"}, "contact_channel", "how we may use"),
        (
            {
                "contact_channel": "email",
                "contact_details": "not-an-email",
                "consent_contact": "on",
            },
            "contact_details",
            "valid email address",
        ),
        (
            {"contact_channel": "phone", "contact_details": "call me", "consent_contact": "on"},
            "contact_details",
            "digits only",
        ),
        (
            {"contact_channel": "sms", "contact_details": "0812 3456 7890"},
            "consent_contact",
            "tick this box if we may contact you",
        ),
    ],
)
def test_contact_details_need_a_channel_a_valid_value_and_consent(
    submit, overrides, field, message
):
    response = submit(**overrides)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Report.objects.exists()


def test_contact_details_are_kept_when_consistent(submit):
    response = submit(
        contact_name="Mawar",
        contact_channel="whatsapp",
        contact_details="+62 812-3456-7890",
        safe_time="Senin pagi",
        consent_contact="on",
    )
    assert filed(response)
    decrypted = Report.objects.get().decrypt()
    assert (decrypted.contact_name, decrypted.contact_channel) == ("Mawar", "whatsapp")
    assert decrypted.contact_details == "+62 812-3456-7890"
    assert decrypted.safe_time == "Senin pagi"


def test_an_overlong_narrative_is_refused_with_its_limit(submit):
    response = submit(narrative="a" * 10_001)
    assert response.status_code == 400
    assert "10000 characters" in page_text(response)


def test_the_emergency_numbers_show_before_and_after_sending(client, complaint_page, submit):
    before = page_text(client.get(complaint_page.url))
    assert 'class="emergency"' in before and 'href="tel:112"' in before
    after = submit(immediate_danger="on")
    html = page_text(after)
    assert filed(after)
    assert "emergency--urgent" in html and 'href="tel:112"' in html
    # And highlighted at the top when the form comes back with an error.
    again = page_text(submit(immediate_danger="on", narrative=""))
    assert again.index("emergency--urgent") < again.index("<form")


# -- protections -------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_refused(complaint_page):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(complaint_page.url, valid_answers(), **CLIENT_META)
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_post_with_the_csrf_token_from_the_page_is_accepted(complaint_page, siteverify):
    browser = Client(enforce_csrf_checks=True)
    browser.get(complaint_page.url)
    token = browser.cookies["csrftoken"].value
    data = valid_answers(csrfmiddlewaretoken=token)
    assert browser.post(complaint_page.url, data).status_code == 303


def test_a_filled_honeypot_stores_nothing(submit):
    response = submit(website="http://spam.example")
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_form_sent_faster_than_a_person_can_is_refused_but_kept(submit):
    response = submit(started=started_token(time.time() - 1))
    assert response.status_code == 400
    assert "quicker than anyone can fill in this form" in page_text(response)
    assert "Suami saya memukul saya" in page_text(response)
    assert not Report.objects.exists()


@pytest.mark.parametrize("kind", ["missing", "forged", "expired"])
def test_a_missing_forged_or_expired_fill_time_token_is_refused(submit, kind):
    token = {"missing": "", "forged": "complaint:1ab:forged", "expired": started_token(0)}[kind]
    response = submit(started=token)
    assert response.status_code == 400
    assert "open too long or is incomplete" in page_text(response)
    # A fresh token comes back, so the next attempt can pass.
    assert token not in page_text(response) or token == ""


def test_one_client_is_rate_limited_and_another_is_not(settings, complaint_page, siteverify):
    settings.INTAKE_RATE_PER_CLIENT = "2/h"
    busy, other = Client(), Client()
    meta = {**CLIENT_META, "REMOTE_ADDR": "192.0.2.1"}
    statuses = [busy.post(complaint_page.url, valid_answers(), **meta).status_code for _ in "abc"]
    assert statuses == [303, 303, 429]
    limited = busy.post(complaint_page.url, valid_answers(narrative="tetap ada"), **meta)
    assert "Too many reports" in page_text(limited) and "tetap ada" in page_text(limited)
    elsewhere = other.post(complaint_page.url, valid_answers(), REMOTE_ADDR="192.0.2.2")
    assert elsewhere.status_code == 303
    assert Report.objects.count() == 3


def test_the_global_limit_stops_many_clients_together(settings, complaint_page, siteverify):
    settings.INTAKE_RATE_GLOBAL = "3/m"
    statuses = [
        Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(1, 6)
    ]
    assert statuses == [303, 303, 303, 429, 429]


def test_ipv6_clients_are_counted_per_network_prefix(settings, complaint_page, siteverify):
    settings.INTAKE_RATE_PER_CLIENT = "1/h"
    first = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR="2001:db8:1:2::10")
    same_net = Client().post(complaint_page.url, valid_answers(), REMOTE_ADDR="2001:db8:1:2::99")
    assert (first.status_code, same_net.status_code) == (303, 429)


def test_an_oversized_request_is_refused_before_it_is_read(settings, client, complaint_page):
    settings.PUBLIC_MAX_REQUEST_BYTES = 50_000
    response = client.post(complaint_page.url, valid_answers(narrative="x" * 60_000), **CLIENT_META)
    assert response.status_code == 413
    assert "too large" in page_text(response)
    assert not Report.objects.exists()


def test_the_counted_facts_a_reporter_can_give_are_stored_in_clear_beside_the_sealed_words(
    submit,
):
    response = submit(
        place_category="household",
        perpetrator_relation_category="partner",
        victim_disability="yes",
        violence_kinds=["other"],
    )
    assert filed(response)
    report = Report.objects.get()
    assert (report.place_category, report.victim_disability) == ("household", "yes")
    assert [p.relation for p in report.perpetrators.all()] == ["partner"]
    assert report.violence_kinds == ["other"]
    assert report.perpetrator_relation == "Suami"  # the reporter's own words, sealed


def test_a_made_up_category_is_refused(submit):
    response = submit(place_category="moon", perpetrator_relation_category="alien")
    assert response.status_code == 400  # the form again, with the answers to check
    assert not Report.objects.exists()
