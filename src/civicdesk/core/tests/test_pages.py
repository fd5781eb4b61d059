import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_lists_public_registers(tyreso):
    page = Client().get("/").content.decode()
    assert "/o/tyreso/channels/" in page


def test_health_checks_the_database():
    assert Client().get("/healthz").json() == {"status": "ok"}


def test_debug_is_off_by_default(settings):
    assert settings.DEBUG is False
