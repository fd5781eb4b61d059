"""Loading packs creates the organisation, and loading the same pack twice changes nothing."""

import pytest

from civicdesk.conftest import POLICY_DIR, load_seed
from civicdesk.core.exceptions import Conflict
from civicdesk.organisations.models import Organisation, Person, RoleAssignment, Unit
from civicdesk.policy.loader import load_pack
from civicdesk.policy.tests.test_validate import MINIMAL
from civicdesk.policy.validate import parse_pack, read_pack
from civicdesk.registry.models import Channel, ChannelEvent, ChannelStatus, Goal

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    models = [Organisation, Unit, Person, RoleAssignment, Channel, ChannelEvent, Goal]
    rows = {}
    for model in models:
        rows[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
        )
    rows["admins"] = sorted(
        Channel.administrators.through.objects.values_list("channel_id", "person_id")
    )
    rows["goals"] = sorted(Channel.goals.through.objects.values_list("channel_id", "goal_id"))
    return rows


class TestLoadSeedPacks:
    def test_tyreso_channels_are_registered_and_active(self):
        organisation = load_seed("tyreso.toml")
        channels = Channel.objects.filter(organisation=organisation)
        assert channels.count() == 11
        facebook = channels.get(slug="tyreso-facebook")
        assert facebook.status == ChannelStatus.ACTIVE
        assert "tyreso.se" in facebook.purpose
        assert facebook.owning_unit.slug == "tyreso-info"
        assert facebook.substitute.key == "web"
        assert {p.key for p in facebook.administrators.all()} == {"info", "web"}
        event = facebook.events.get()
        assert event.kind == ChannelEvent.Kind.REGISTERED

    def test_klim_op_goals_are_linked(self):
        organisation = load_seed("klim-op.toml")
        twitter = Channel.objects.get(organisation=organisation, platform="x")
        assert sorted(g.code for g in twitter.goals.all()) == ["3", "4", "5"]
        assert twitter.teaching

    def test_roles_are_scoped_to_units(self):
        organisation = load_seed("tyreso.toml")
        head = RoleAssignment.objects.get(organisation=organisation, person__key="sbf-head")
        assert (head.role, head.unit.slug) == ("unit_head", "tyreso-samhallsbyggnad")
        comms = RoleAssignment.objects.get(organisation=organisation, person__key="comms")
        assert (comms.role, comms.unit) == ("communications_chief", None)

    def test_all_four_load(self):
        for name in ("tyreso.toml", "botkyrka.toml", "klim-op.toml", "bo.toml"):
            load_seed(name)
        assert sorted(Organisation.objects.values_list("slug", flat=True)) == [
            "bo",
            "botkyrka",
            "klim-op",
            "tyreso",
        ]


class TestIdempotence:
    def test_second_load_changes_nothing(self):
        load_seed("tyreso.toml")
        before = snapshot()
        result = load_pack(read_pack(POLICY_DIR / "tyreso.toml"))
        assert result.unchanged
        assert snapshot() == before

    def test_second_load_after_a_digest_reset_changes_no_rows(self):
        # Even when the digest does not short-cut, unchanged values are not rewritten.
        load_seed("tyreso.toml")
        Organisation.objects.update(policy_digest="")
        before = snapshot()
        result = load_pack(read_pack(POLICY_DIR / "tyreso.toml"))
        assert result.updated == {"organisations": 1}
        after = snapshot()
        before.pop("Organisation"), after.pop("Organisation")
        assert after == before

    def test_changed_pack_updates_only_what_changed(self):
        load_pack(parse_pack(MINIMAL))
        changed = MINIMAL.replace('purpose = "Nyheter"', 'purpose = "Nyheter och evenemang"')
        result = load_pack(parse_pack(changed))
        assert result.updated == {"organisations": 1, "channels": 1}
        assert Channel.objects.get(slug="testby-facebook").purpose == "Nyheter och evenemang"
        assert ChannelEvent.objects.count() == 1

    def test_pack_reload_keeps_status_changed_in_civicdesk(self):
        load_pack(parse_pack(MINIMAL))
        Channel.objects.update(status=ChannelStatus.DORMANT)
        load_pack(parse_pack(MINIMAL.replace("Nyheter", "Nytt")))
        assert Channel.objects.get().status == ChannelStatus.DORMANT

    def test_role_removed_from_pack_is_withdrawn(self):
        with_role = MINIMAL.replace(
            'title = "Webbredaktör"\n', 'title = "Webbredaktör"\nroles = ["registrar"]\n'
        )
        load_pack(parse_pack(with_role))
        assert RoleAssignment.objects.filter(role="registrar").count() == 1
        load_pack(parse_pack(MINIMAL))
        assert RoleAssignment.objects.filter(role="registrar").count() == 0


class TestCollisions:
    def test_another_organisation_cannot_take_a_channel_slug(self):
        load_pack(parse_pack(MINIMAL))
        other = MINIMAL.replace('slug = "testby"', 'slug = "testby-norra"').replace(
            "testby-kommun", "testby-norra-kommun"
        )
        # The prefix rule already refuses it at check time, before any row is touched.
        assert not parse_pack(other).valid

    def test_loader_refuses_a_slug_owned_elsewhere(self):
        load_pack(parse_pack(MINIMAL))
        other = (
            MINIMAL.replace('slug = "testby"', 'slug = "testbyn"')
            .replace('slug = "testby-kommun"', 'slug = "testbyn-kommun"')
            .replace('unit = "testby-kommun"', 'unit = "testbyn-kommun"')
            .replace('owning_unit = "testby-kommun"', 'owning_unit = "testbyn-kommun"')
            .replace('slug = "testby-facebook"', 'slug = "testbyn-facebook"')
        )
        pack = parse_pack(other)
        assert pack.valid
        load_pack(pack)
        Channel.objects.filter(slug="testbyn-facebook").update(
            organisation=Organisation.objects.get(slug="testby")
        )
        Organisation.objects.filter(slug="testbyn").update(policy_digest="")
        with pytest.raises(Conflict, match="belongs to another organisation"):
            load_pack(pack)
