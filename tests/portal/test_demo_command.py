"""`make demo`: the set-up a new user runs first, and the errors they may meet."""

import os
import re
import shutil
import socket
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content.models import Hotline

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def printed_login(output: str) -> tuple[str, str]:
    line = next(line for line in output.splitlines() if "Login:" in line)
    username, password = line.split("Login:")[1].strip().split(" / ")
    return username, password


def test_demo_prints_an_admin_login_that_works(client):
    username, password = printed_login(run_demo())
    response = client.post(
        "/admin/login/", {"username": username, "password": password}, follow=False
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("/admin/login/")


def test_demo_runs_twice_without_duplicating_content_and_with_a_fresh_login(client):
    first = printed_login(run_demo())
    second = printed_login(run_demo())
    assert first[0] == second[0] and first[1] != second[1]
    assert Hotline.objects.filter(locale__language_code="id").count() == 3
    assert Hotline.objects.filter(locale__language_code="en").count() == 3
    response = client.get("/id/")
    assert response.status_code == 200
    assert "SAPA 129" in response.content.decode()


@pytest.mark.parametrize(
    ("page", "links"),
    [
        ("/id/kampanye/", ["/id/layanan/", "/id/lapor/"]),
        ("/en/campaigns/", ["/en/services/", "/en/report/"]),
    ],
)
def test_the_demo_menu_reaches_the_directory_and_the_complaint_form_from_any_page(
    client, page, links
):
    run_demo()
    html = client.get(page).content.decode()
    menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    for link in links:
        assert f'href="{link}"' in menu


def test_demo_refuses_a_taken_port_with_a_clear_message():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} on 127.0.0.1 is already in use"):
            call_command("demo", "--port", str(port), stdout=StringIO())


def test_taken_port_is_reported_without_a_traceback():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "demo", "--port", str(port)],
            cwd=ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode != 0
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr


OLD_PYTHON = shutil.which("python3.10") or shutil.which("python3.9")


@pytest.mark.skipif(OLD_PYTHON is None, reason="no Python older than 3.11 on this machine")
@pytest.mark.parametrize("target", ["demo", "test"])
def test_make_refuses_a_python_older_than_311_with_a_clear_message(target):
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"PYTHON={OLD_PYTHON}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Python 3.11 or newer is needed" in output
    assert "Traceback" not in output


def test_make_reports_a_missing_python_clearly():
    result = subprocess.run(
        ["make", "--no-print-directory", "demo", "PYTHON=python-that-does-not-exist"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "python-that-does-not-exist not found" in result.stdout + result.stderr
