"""The server error page still helps a reader when the database is gone."""

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.html import parse_html

pytestmark = pytest.mark.django_db


def test_a_server_error_page_gives_the_emergency_numbers_without_the_database():
    def database_down(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(database_down):
        response = Client(raise_request_exception=False).get("/id/")
    assert response.status_code == 500
    page = parse_html(response.content.decode())
    call_112 = '<a href="tel:112">Jika Anda dalam bahaya sekarang, telepon 112.</a>'
    assert page.count(parse_html(call_112)) == 1
    assert page.count(parse_html('<a href="tel:129">SAPA 129</a>')) == 1
    assert page.count(parse_html('<meta name="referrer" content="no-referrer">')) == 1
