"""Create or update an organisation from a checked policy pack.

Loading is idempotent: a pack whose digest matches the organisation's changes nothing at all, and a
changed pack updates only the rows whose values differ. Rows that a pack no longer names are left in
place: channels and people are records, removed through their lifecycle, not by editing a file.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from civicdesk.core.exceptions import Conflict
from civicdesk.organisations.models import Organisation, Person, RoleAssignment, Unit
from civicdesk.policy.validate import PolicyPack
from civicdesk.registry.models import Channel, ChannelEvent, Goal


@dataclass
class LoadResult:
    organisation: Organisation
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: bool = False

    def count(self, bucket: dict[str, int], name: str) -> None:
        bucket[name] = bucket.get(name, 0) + 1

    def summary(self) -> str:
        if self.unchanged:
            return f"{self.organisation.slug}: unchanged"
        parts = [f"{n} {k} created" for k, n in sorted(self.created.items())]
        parts += [f"{n} {k} updated" for k, n in sorted(self.updated.items())]
        return f"{self.organisation.slug}: " + (", ".join(parts) or "no changes")


def _sync(instance, values: dict, result: LoadResult, name: str) -> None:
    changed = [k for k, v in values.items() if getattr(instance, k) != v]
    if changed:
        for key in changed:
            setattr(instance, key, values[key])
        instance.save(update_fields=[*changed, *_auto_now_fields(instance)])
        result.count(result.updated, name)


def _auto_now_fields(instance) -> list[str]:
    return [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]


@transaction.atomic
def load_pack(pack: PolicyPack) -> LoadResult:
    """Create or update the organisation described by a valid `pack`."""
    if not pack.valid:
        raise ValueError("load_pack needs a valid pack; check it first")
    data = pack.data
    meta = data["organisation"]
    organisation = Organisation.objects.select_for_update().filter(slug=meta["slug"]).first()
    if organisation is not None and organisation.policy_digest == pack.digest:
        return LoadResult(organisation, unchanged=True)
    org_values = {
        "name": meta["name"],
        "kind": meta["kind"],
        "country": meta["country"],
        "timezone": meta["timezone"],
        "languages": meta["languages"],
        "website": meta["website"],
        "diary_number_format": meta["diary_number_format"],
        "policy": pack.rules(),
        "policy_source": meta["source"] or pack.source[-500:],
        "policy_digest": pack.digest,
    }
    if organisation is None:
        organisation = Organisation.objects.create(slug=meta["slug"], **org_values)
        result = LoadResult(organisation)
        result.count(result.created, "organisations")
    else:
        result = LoadResult(organisation)
        _sync(organisation, org_values, result, "organisations")

    units = _load_units(organisation, data["units"], result)
    goals = _load_goals(organisation, data["goals"], result)
    people = _load_people(organisation, data["people"], units, result)
    _load_channels(organisation, data["channels"], units, goals, people, result)
    return result


def _claim(model, slug: str, organisation: Organisation):
    existing = model.objects.filter(slug=slug).first()
    if existing is not None and existing.organisation_id != organisation.pk:
        raise Conflict(f"'{slug}' belongs to another organisation", field="slug")
    return existing


def _load_units(organisation, entries: list[dict], result: LoadResult) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    new_slugs: set[str] = set()
    for entry in entries:
        values = {"name": entry["name"], "kind": entry["kind"], "mailbox": entry["mailbox"]}
        unit = _claim(Unit, entry["slug"], organisation)
        if unit is None:
            unit = Unit.objects.create(organisation=organisation, slug=entry["slug"], **values)
            new_slugs.add(entry["slug"])
            result.count(result.created, "units")
        else:
            _sync(unit, values, result, "units")
        units[entry["slug"]] = unit
    for entry in entries:
        unit = units[entry["slug"]]
        parent = units.get(entry["parent"]) if entry["parent"] else None
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
            if entry["slug"] not in new_slugs:
                result.count(result.updated, "unit links")
    return units


def _load_goals(organisation, entries: list[dict], result: LoadResult) -> dict[str, Goal]:
    goals: dict[str, Goal] = {}
    for entry in entries:
        goal = Goal.objects.filter(organisation=organisation, code=entry["code"]).first()
        if goal is None:
            goal = Goal.objects.create(
                organisation=organisation, code=entry["code"], text=entry["text"]
            )
            result.count(result.created, "goals")
        else:
            _sync(goal, {"text": entry["text"]}, result, "goals")
        goals[entry["code"]] = goal
    return goals


def _load_people(organisation, entries, units, result: LoadResult) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for entry in entries:
        values = {"title": entry["title"], "unit": units[entry["unit"]], "email": entry["email"]}
        person = Person.objects.filter(organisation=organisation, key=entry["key"]).first()
        if person is None:
            person = Person.objects.create(organisation=organisation, key=entry["key"], **values)
            result.count(result.created, "people")
        else:
            _sync(person, values, result, "people")
        people[entry["key"]] = person
        wanted = set()
        for ref in entry["roles"]:
            role, _, unit_slug = ref.partition("@")
            wanted.add((role, units[unit_slug].pk if unit_slug else None))
        have = {(a.role, a.unit_id): a for a in person.roles.all()}
        for role, unit_id in sorted(wanted - set(have), key=str):
            RoleAssignment.objects.create(
                person=person, role=role, organisation=organisation, unit_id=unit_id
            )
            result.count(result.created, "role assignments")
        for stale in set(have) - wanted:
            have[stale].delete()
            result.count(result.updated, "role assignments")
    return people


def _load_channels(organisation, entries, units, goals, people, result: LoadResult) -> None:
    for entry in entries:
        values = {
            "name": entry["name"],
            "platform": entry["platform"],
            "address": entry["address"],
            "owning_unit": units[entry["owning_unit"]],
            "purpose": entry["purpose"],
            "audience": entry["audience"],
            "contact": entry["contact"],
            "teaching": entry["teaching"],
            "inactivity_days": entry["inactivity_days"],
            "hashtags": entry["hashtags"],
            "substitute": people.get(entry["substitute"]) if entry["substitute"] else None,
        }
        channel = _claim(Channel, entry["slug"], organisation)
        if channel is None:
            now = timezone.now()
            channel = Channel.objects.create(
                organisation=organisation,
                slug=entry["slug"],
                status=entry["status"],
                purpose_reviewed_at=now,
                **values,
            )
            ChannelEvent.objects.create(
                channel=channel,
                kind=ChannelEvent.Kind.REGISTERED,
                to_status=entry["status"],
                reason=f"Registered from the policy pack ({organisation.policy_source})"[:2000],
                at=now,
            )
            result.count(result.created, "channels")
        else:
            _sync(channel, values, result, "channels")
        _sync_m2m(channel.goals, [goals[c] for c in entry["goals"]], result, "channel goals")
        _sync_m2m(
            channel.administrators,
            [people[k] for k in entry["administrators"]],
            result,
            "channel administrators",
        )


def _sync_m2m(manager, wanted: list, result: LoadResult, name: str) -> None:
    current = set(manager.values_list("pk", flat=True))
    if current != {obj.pk for obj in wanted}:
        manager.set(wanted)
        result.count(result.updated, name)
