"""manage.py backup / restore, end to end: a report filed here, with evidence, backed up,
restored into a fresh installation (another database, other folders, the same keys),
then opened there on the follow-up page with its receipt code, and its evidence
decrypted there to the bytes the reporter sent."""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import uuid

import httpx
import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from forms.models import Report
from tests.forms.conftest import filed, once_token, receipt_code
from tests.processes import ROOT, database_url, gunicorn
from tests.utils import make_pdf

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
EVIDENCE = make_pdf("Surat keterangan dari sekolah Kenanga")
NARRATIVE = "Paman Hartono menyentuh anak saya di gudang belakang rumah"

# Run in the restored installation: the report its receipt code opens, decrypted.
OPEN_REPORT = """
import hashlib, json, sys
from forms import receipts
report = receipts.find_report(sys.argv[1])
print(json.dumps({
    "narrative": report.decrypt().narrative,
    "evidence": [hashlib.sha256(a.read()).hexdigest() for a in report.attachments.all()],
}))
"""


@pytest.fixture
def storage_roots(settings, private_storage, tmp_path):
    """storages["private"] (what the backup reads) is the folder the evidence went to."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private_storage), "base_url": None},
        },
    }
    storages._storages.clear()
    yield
    storages._storages.clear()


def fresh_database(kind: str, tmp_path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL target needs the PostgreSQL lane (--db=postgres)")
    name = f"restored_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    return database_url({**connection.settings_dict, "NAME": name})


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize("target", ["sqlite", "postgres"])
def test_a_report_backed_up_and_restored_opens_with_its_receipt_and_its_evidence(
    client, submit, complaint_page, storage_roots, tmp_path, target
):
    pdf = SimpleUploadedFile("surat.pdf", EVIDENCE, content_type="application/pdf")
    response = submit(files=[pdf], narrative=NARRATIVE)
    assert filed(response), response.content.decode()[:3000]
    code = receipt_code(response)
    # What the portal keeps is the file cleaned of its metadata: that is what must
    # come back.
    (stored,) = Report.objects.get().attachments.all()
    kept = stored.read()
    assert kept.startswith(b"%PDF")

    # Wagtail's history keeps entries of pages deleted since: the backup copes.
    gone = complaint_page.get_parent().add_child(instance=Page(title="Sementara", slug="sementara"))
    gone.save_revision().publish()
    gone.delete()

    archive = tmp_path / "satu.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    with tarfile.open(archive) as contents:
        names = contents.getnames()
        everything = b"".join(
            contents.extractfile(member).read() for member in contents if member.isfile()
        )
    assert "database.json" in names
    assert any(name.startswith("storage/private/") for name in names)
    # Evidence and narrative stay sealed in the archive; no key is in it.
    assert kept not in everything
    assert NARRATIVE.encode() not in everything
    for key in os.environ["ENCRYPTION_KEYS"].split(","):
        assert key.split(":", 1)[1].encode() not in everything

    restored = {
        **os.environ,
        "DATABASE_URL": fresh_database(target, tmp_path),
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "restored-private"),
        "LOG_LEVEL": "WARNING",
    }
    result = manage(restored, "restore", str(archive))
    assert result.returncode == 0, result.stderr[-3000:]

    opened = manage(restored, "shell", "-c", OPEN_REPORT.replace("sys.argv[1]", repr(code)))
    assert opened.returncode == 0, opened.stderr[-2000:]
    report = json.loads(opened.stdout.strip().splitlines()[-1])
    assert report["narrative"] == NARRATIVE
    assert report["evidence"] == [hashlib.sha256(kept).hexdigest()]

    with gunicorn(restored) as base, httpx.Client(base_url=base, timeout=60) as reporter:
        page = reporter.get("/id/lapor/status/")
        token = reporter.cookies["csrftoken"]
        status = reporter.post(
            "/id/lapor/status/",
            data={"csrfmiddlewaretoken": token, "receipt": code, "once": once_token()},
        )
    assert page.status_code == 200
    assert status.status_code == 200
    shown = BeautifulSoup(status.text, "html.parser")
    assert shown.select_one("section.report-status p.status-text") is not None

    again = manage(restored, "restore", str(archive))
    assert again.returncode != 0
    assert "Restore refused: this installation already holds reports" in again.stderr
