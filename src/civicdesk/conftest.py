"""Shared fixtures: the seed organisations loaded from their real policy packs, and their staff."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from civicdesk.organisations.models import Organisation, Person, RoleAssignment, Unit
from civicdesk.policy.loader import load_pack
from civicdesk.policy.validate import read_pack

POLICY_DIR = Path(__file__).resolve().parents[2] / "policies"


def load_seed(name: str) -> Organisation:
    pack = read_pack(POLICY_DIR / name)
    assert pack.valid, pack.problems
    return load_pack(pack).organisation


def make_staff(
    organisation: Organisation,
    username: str,
    role: str,
    unit: Unit | None = None,
    *,
    scoped: bool = False,
    **user_fields,
):
    """A login holding `role` in `organisation` (in `unit` and below when scoped)."""
    unit = unit or organisation.units.filter(parent__isnull=True).first()
    user = get_user_model().objects.create_user(username=username, password="pw", **user_fields)
    person = Person.objects.create(
        organisation=organisation, key=username, user=user, title=role.title(), unit=unit
    )
    RoleAssignment.objects.create(
        person=person, role=role, organisation=organisation, unit=unit if scoped else None
    )
    return user


@pytest.fixture
def tyreso(db) -> Organisation:
    return load_seed("tyreso.toml")


@pytest.fixture
def bo(db) -> Organisation:
    return load_seed("bo.toml")


@pytest.fixture
def tyreso_info(tyreso):
    return make_staff(tyreso, "t-info", "information_officer", is_staff=True)


@pytest.fixture
def bo_info(bo):
    return make_staff(bo, "b-info", "information_officer", is_staff=True)
