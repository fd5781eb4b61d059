import pytest
from django.db import connection

from civicdesk.conftest import load_seed


@pytest.fixture
def klimop(db):
    return load_seed("klim-op.toml")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    """``postgres_only`` tests need row locks that SQLite does not have: skip them there."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def standards():
    import os
    from pathlib import Path

    from civicdesk.records.archive.standards import find_standards_dir

    found = find_standards_dir(Path(__file__))
    if found is None:
        pytest.skip("official schemas not found: set CIVICDESK_STANDARDS_DIR")
    os.environ.setdefault("CIVICDESK_STANDARDS_DIR", str(found))
    return found


@pytest.fixture
def demo(db, standards):
    """The four seed organisations with their demo staff and a small demo inbox each."""
    from civicdesk.demo.content import fill_inbox
    from civicdesk.demo.services import create_demo_logins, load_seed_packs

    organisations = {org.slug: org for org in load_seed_packs()}
    for organisation in organisations.values():
        create_demo_logins(organisation)
        fill_inbox(organisation, count=60)
    return organisations
