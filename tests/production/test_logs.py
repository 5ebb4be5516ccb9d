"""Every line a real gunicorn process writes with LOG_FORMAT=json, read after a day's
traffic: complaints, follow-ups, searches, staff reads. None names the reporter's
address, a receipt code, a search term or anything the reporter wrote."""

import json
import re

import httpx
import pytest
from bs4 import BeautifulSoup
from django_otp.plugins.otp_totp.models import TOTPDevice

from forms.models import Report
from search.models import SearchPage
from tests.forms.triage.conftest import PASSWORD, current_token, make_staff
from tests.processes import gunicorn
from tests.siteverify import SiteVerify
from tests.utils import form_fields

pytestmark = pytest.mark.processes

ADDRESS = "198.51.100.23"
NARRATIVE = "Paman Hartono mengancam anak saya di gudang belakang"
CONTACT = "+62 813 9999 4242"
QUERY = "cara pergi dari suami yang memukul"
REPLY = "Saya takut pulang malam ini"


@pytest.fixture
def siteverify():
    server = SiteVerify.start()
    yield server
    server.stop()


def submit_complaint(client: httpx.Client, page_url: str) -> str:
    form = form_fields(client.get(page_url).text, "form[method=post]")
    answers = {
        **form,
        "violence_kinds": ["physical"],
        "reporter_role": "victim",
        "victim_age_group": "13-17",
        "victim_sex": "female",
        "province": "31",
        "regency": "31.71",
        "district": "31.71.01",
        "village": "31.71.01.1001",
        "place": "Gudang belakang rumah",
        "narrative": NARRATIVE,
        "contact_channel": "whatsapp",
        "contact_details": CONTACT,
        "consent_contact": "on",
        "website": "",
        "g-recaptcha-response": "pass",
    }
    response = client.post(page_url, data=answers, follow_redirects=True)
    # Filed: a redirect after the POST, to the page that shows the receipt once.
    assert [step.status_code for step in response.history] == [303], response.text[:500]
    assert response.status_code == 200
    code = BeautifulSoup(response.text, "html.parser").select_one("#receipt-code")
    return code.get_text().replace(" ", "")


def test_json_logs_of_a_days_traffic_carry_no_personal_data(
    process_env, complaint_page, siteverify, tmp_path, regions
):
    search = SearchPage(title="Cari", slug="cari")
    complaint_page.get_parent().add_child(instance=search)
    search.save_revision().publish()
    officer = make_staff("siti", ["Triage officer"], [regions["31.71"]])
    log = tmp_path / "gunicorn.log"
    env = {
        **process_env,
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "DEBUG",
        "RECAPTCHA_DOMAIN": siteverify.domain,
        "SSL_CERT_FILE": str(siteverify.cert_file),
        "INTAKE_MIN_FILL_SECONDS": "0",
        "TRUSTED_PROXY_COUNT": "1",
    }
    headers = {"X-Forwarded-For": ADDRESS, "User-Agent": "Distinctive-Phone-X1"}
    with gunicorn(env, log=log) as base:
        with httpx.Client(base_url=base, headers=headers, timeout=60) as reporter:
            code = submit_complaint(reporter, complaint_page.url)
            status = complaint_page.url + "status/"

            def form():  # each POST carries a fresh one-time token, as the page gives
                return form_fields(reporter.get(status).text, "form[method=post]")

            for receipt in (code, "1111 2222 3333 4444"):
                reporter.post(status, data={**form(), "receipt": receipt})
            reply = {**form(), "receipt": code, "action": "reply", "body": REPLY}
            assert reporter.post(status, data=reply, follow_redirects=True).status_code == 200
            assert reporter.get("/id/cari/", params={"q": QUERY}).status_code == 200
            reporter.get("/id/layanan/", params={"near": "-6.1754,106.8272"})
        report = Report.objects.get()
        with httpx.Client(base_url=base, headers=headers, timeout=60) as staff:
            login = form_fields(staff.get("/admin/login/").text, "form")
            staff.post("/admin/login/", data={**login, "username": "siti", "password": PASSWORD})
            verify = form_fields(staff.get("/admin/2fa/verify/").text, "form")
            token = current_token(TOTPDevice.objects.get(user=officer))
            staff.post("/admin/2fa/verify/", data={**verify, "token": token})
            detail = staff.get(f"/admin/triage/reports/{report.pk}/")
            assert detail.status_code == 200
            assert NARRATIVE in detail.text  # the staff read did decrypt it
            staff.get("/admin/triage/reports/", params={"q": "Hartono"})

    lines = log.read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert records, "the process logged nothing, so this proves nothing"
    assert {"time", "level", "logger", "message"} <= set(records[0])
    portal_lines = [line for line in lines if not line.startswith("[")]  # gunicorn's own
    assert len(portal_lines) == len(records), "a portal log line that is not JSON"
    secrets = [ADDRESS, "Distinctive-Phone-X1", code, NARRATIVE, CONTACT, QUERY, REPLY]
    secrets += ["Hartono", "106.8272", "-6.1754", QUERY.replace(" ", "+")]
    for line in lines:
        for secret in secrets:
            assert secret not in line, f"{secret!r} in the log: {line[:300]}"
    assert not re.search(r"\b\d{4} ?\d{4} ?\d{4} ?\d{4}\b", log.read_text())
