"""The demo: the four seed organisations from their packs, and one login per role.

Demo logins exist only where `civicdesk demo` ran. Each is a position of its own ("demo-comms") that
copies the title, unit and scope of the pack's holder of that role, so a demo user acts exactly as
that position would.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from civicdesk.organisations.models import Organisation, Person, RoleAssignment, Unit
from civicdesk.organisations.roles import DEMO_LOGIN_SUFFIX, REGISTER_ADMIN_ROLES, Role
from civicdesk.policy.loader import load_pack
from civicdesk.policy.validate import read_pack

SEED_PACKS = ("tyreso.toml", "botkyrka.toml", "klim-op.toml", "bo.toml")
DEMO_PASSWORD = "demo"  # noqa: S105 - the documented demo login, created only by `civicdesk demo`


@dataclass(frozen=True)
class DemoLogin:
    username: str
    organisation: str
    role: str
    title: str


def policy_dir() -> Path:
    configured = os.environ.get("CIVICDESK_POLICY_DIR")
    if configured:
        return Path(configured)
    for candidate in (Path.cwd() / "policies", Path(__file__).resolve().parents[3] / "policies"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("no policies/ directory found; set CIVICDESK_POLICY_DIR")


def login_prefix(organisation: Organisation) -> str:
    return organisation.slug.replace("-", "")


def load_seed_packs(directory: Path | None = None) -> list[Organisation]:
    directory = directory or policy_dir()
    organisations = []
    for name in SEED_PACKS:
        pack = read_pack(directory / name)
        if not pack.valid:
            problems = "; ".join(p.format(name) for p in pack.problems)
            raise ValueError(f"seed pack {name} is invalid: {problems}")
        organisations.append(load_pack(pack).organisation)
    return organisations


def _root_unit(organisation: Organisation) -> Unit:
    return organisation.units.filter(parent__isnull=True).order_by("pk").first()


@transaction.atomic
def create_demo_logins(organisation: Organisation) -> list[DemoLogin]:
    user_model = get_user_model()
    logins = []
    for role in Role:
        suffix = DEMO_LOGIN_SUFFIX[role]
        username = f"{login_prefix(organisation)}-{suffix}"
        holder = (
            RoleAssignment.objects.filter(organisation=organisation, role=role)
            .exclude(person__key__startswith="demo-")
            .select_related("person", "unit")
            .order_by("pk")
            .first()
        )
        title = holder.person.title if holder else role.label
        unit = holder.person.unit if holder else _root_unit(organisation)
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username=username, password=DEMO_PASSWORD)
        user.is_staff = role in REGISTER_ADMIN_ROLES
        user.save(update_fields=["is_staff"])
        person, _ = Person.objects.update_or_create(
            organisation=organisation,
            key=f"demo-{suffix}",
            defaults={"user": user, "title": title, "unit": unit, "display_name": f"Demo {title}"},
        )
        RoleAssignment.objects.get_or_create(
            person=person,
            role=role,
            organisation=organisation,
            unit=holder.unit if holder else None,
        )
        if holder is not None:
            for channel in holder.person.administered_channels.all():
                channel.administrators.add(person)
        logins.append(DemoLogin(username, organisation.slug, role.label, title))
    return logins
