"""Policy packs: the seed packs are valid, and every kind of mistake is reported with its line."""

from pathlib import Path

import pytest

from civicdesk.policy.validate import PackUnreadableError, parse_pack, read_pack

POLICY_DIR = Path(__file__).resolve().parents[4] / "policies"
SEED_PACKS = sorted(POLICY_DIR.glob("*.toml"))

MINIMAL = """\
schema = 1

[organisation]
slug = "testby"
name = "Testby kommun"
country = "SE"
timezone = "Europe/Stockholm"
languages = ["sv"]
website = "https://testby.example"

[[units]]
slug = "testby-kommun"
name = "Testby kommun"

[[people]]
key = "admin"
title = "Webbredaktör"
unit = "testby-kommun"

[[channels]]
slug = "testby-facebook"
name = "Testby på Facebook"
platform = "facebook"
address = "https://facebook.com/testby"
owning_unit = "testby-kommun"
purpose = "Nyheter"
substitute = "admin"
"""


def messages(text: str) -> list[str]:
    return [p.format("pack.toml") for p in parse_pack(text, "pack.toml").problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


class TestSeedPacks:
    def test_there_are_four_seed_packs(self):
        assert [p.name for p in SEED_PACKS] == [
            "bo.toml",
            "botkyrka.toml",
            "klim-op.toml",
            "tyreso.toml",
        ]

    @pytest.mark.parametrize("path", SEED_PACKS, ids=lambda p: p.name)
    def test_seed_pack_is_valid(self, path):
        pack = read_pack(path)
        assert pack.problems == []
        assert pack.digest

    def test_tyreso_encodes_its_rules(self):
        data = read_pack(POLICY_DIR / "tyreso.toml").data
        assert data["inbox"]["reply_working_days"] == 1  # I5
        assert data["register"]["inactivity_days_by_platform"] == {"blog": 7}  # R6
        assert data["records"]["snapshot_interval_months"] == 6  # A3
        assert data["moderation"]["actions"]["personal_id_number"] == "hide"  # I2
        assert data["moderation"]["actions"]["profanity"] == "remove"  # I2
        platforms = {c["platform"] for c in data["channels"]}
        assert {
            "facebook",
            "instagram",
            "x",
            "youtube",
            "linkedin",
            "issuu",
            "wikipedia",
            "blog",
        } <= platforms

    def test_klim_op_maps_goals_to_channels(self):
        data = read_pack(POLICY_DIR / "klim-op.toml").data
        goals = {c["platform"]: c["goals"] for c in data["channels"]}
        assert goals == {
            "facebook": ["1", "2", "5"],
            "x": ["3", "4", "5"],
            "linkedin": ["5", "6", "7"],
        }
        assert data["inbox"]["negative_discussions"] == "no_reply"  # I7

    def test_botkyrka_has_the_rotating_account(self):
        rotating = read_pack(POLICY_DIR / "botkyrka.toml").data["rotating_account"]
        assert rotating["min_posts_per_day"] == 2  # C3
        assert rotating["required_hashtag"] == "#botkyrkaskola"  # C3
        assert (rotating["min_period_days"], rotating["max_period_days"]) == (7, 31)  # C1


class TestDefaults:
    def test_minimal_pack_is_valid_and_gets_defaults(self):
        pack = parse_pack(MINIMAL)
        assert pack.problems == []
        assert pack.data["inbox"]["closing_time"] == "17:00"
        assert pack.data["register"]["purpose_review_months"] == 12
        assert "rotating_account" not in pack.data

    def test_moderation_actions_extend_the_defaults(self):
        text = MINIMAL + '\n[moderation.actions]\nprofanity = "hold"\n'
        actions = parse_pack(text).data["moderation"]["actions"]
        assert actions["profanity"] == "hold"
        assert actions["hate_speech"] == "remove"

    def test_same_content_gives_same_digest(self):
        assert parse_pack(MINIMAL).digest == parse_pack(MINIMAL + "\n# a comment\n").digest


class TestProblemsAreLocated:
    def test_unknown_key_names_its_line_and_suggests(self):
        text = MINIMAL.replace('country = "SE"', 'country = "SE"\ncountyr = "SE"')
        assert messages(text) == [
            f"pack.toml:{line_of(text, 'countyr')}: unknown key 'countyr' in [organisation] "
            "(did you mean 'country'?)"
        ]

    def test_wrong_type_names_its_line(self):
        text = MINIMAL + '\n[inbox]\nreply_working_days = "one"\n'
        (message,) = messages(text)
        assert message.startswith(f"pack.toml:{line_of(text, 'reply_working_days')}: ")
        assert "inbox.reply_working_days: expected an integer" in message

    def test_boolean_is_not_an_integer(self):
        text = MINIMAL + "\n[inbox]\nreply_working_days = true\n"
        assert "expected an integer" in messages(text)[0]

    def test_channel_without_purpose_is_reported_at_the_channel(self):
        text = MINIMAL.replace('purpose = "Nyheter"\n', "")
        (message,) = messages(text)
        assert message.startswith(f"pack.toml:{line_of(text, '[[channels]]')}: ")
        assert "missing required key 'purpose'" in message

    def test_empty_purpose_is_reported(self):
        text = MINIMAL.replace('purpose = "Nyheter"', 'purpose = "   "')
        (message,) = messages(text)
        assert f":{line_of(text, 'purpose =')}: channels[1].purpose: must not be empty" in message

    def test_unknown_unit_is_reported_with_suggestion(self):
        text = MINIMAL.replace('owning_unit = "testby-kommun"', 'owning_unit = "testby-komun"')
        (message,) = messages(text)
        assert message == (
            f"pack.toml:{line_of(text, 'owning_unit')}: channels[1].owning_unit: unknown unit "
            "'testby-komun' (did you mean 'testby-kommun'?)"
        )

    def test_second_channel_problem_points_at_second_channel(self):
        second = MINIMAL.split("[[channels]]")[1].replace("testby-facebook", "testby-x")
        text = (
            MINIMAL
            + "\n[[channels]]"
            + second.replace('platform = "facebook"', 'platform = "myspace"')
        )
        (message,) = messages(text)
        assert message.startswith(f"pack.toml:{line_of(text, 'myspace')}: channels[2].platform")

    def test_toml_syntax_error_names_its_line(self):
        text = MINIMAL.replace('name = "Testby kommun"\ncountry', 'name = "Testby kommun\ncountry')
        (message,) = messages(text)
        assert message.startswith("pack.toml:5: TOML syntax:")

    def test_missing_organisation_table(self):
        text = MINIMAL.split("[[units]]")[0].split("[organisation]")[0]
        assert any("missing required table [organisation]" in m for m in messages(text))

    def test_slug_of_another_organisation_is_refused(self):
        text = MINIMAL.replace('slug = "testby-facebook"', 'slug = "tyreso-facebook"')
        assert "must start with 'testby-'" in messages(text)[0]

    def test_duplicate_channel_slug(self):
        text = MINIMAL + "\n[[channels]]" + MINIMAL.split("[[channels]]")[1]
        assert "duplicate slug 'testby-facebook'" in messages(text)[0]

    def test_unit_cycle(self):
        text = MINIMAL.replace(
            '[[units]]\nslug = "testby-kommun"\nname = "Testby kommun"\n',
            '[[units]]\nslug = "testby-kommun"\nname = "Testby kommun"\n'
            '[[units]]\nslug = "testby-a"\nname = "A"\nparent = "testby-b"\n'
            '[[units]]\nslug = "testby-b"\nname = "B"\nparent = "testby-a"\n',
        )
        assert any("units form a cycle" in m for m in messages(text))

    def test_diary_format_needs_a_sequence(self):
        text = MINIMAL.replace(
            'website = "https://testby.example"',
            'website = "https://testby.example"\ndiary_number_format = "KS {year}"',
        )
        assert "must contain {seq}" in messages(text)[0]

    def test_bad_timezone_and_url(self):
        text = MINIMAL.replace("Europe/Stockholm", "Europe/Tyreso").replace(
            "https://testby.example", "javascript:alert(1)"
        )
        found = " ".join(messages(text))
        assert "not a known time zone" in found and "not an http(s) address" in found

    def test_role_reference_to_unknown_unit(self):
        text = MINIMAL.replace(
            'unit = "testby-kommun"\n',
            'unit = "testby-kommun"\nroles = ["unit_head@testby-nowhere"]\n',
            1,
        )
        assert "unknown unit 'testby-nowhere'" in messages(text)[0]

    def test_active_channel_needs_a_substitute(self):
        text = MINIMAL.replace('substitute = "admin"\n', "")
        assert "names a substitute (I9" in messages(text)[0]


class TestHostileFiles:
    def test_invalid_utf8_is_a_problem_not_a_crash(self, tmp_path):
        path = tmp_path / "bad.toml"
        path.write_bytes(MINIMAL.encode() + b'\nname = "\xff\xfe"\n')
        pack = read_pack(path)
        assert not pack.valid
        assert pack.problems[0].message == "not valid UTF-8 text"
        assert pack.problems[0].line == MINIMAL.count("\n") + 2

    def test_missing_file_is_unreadable(self, tmp_path):
        with pytest.raises(PackUnreadableError, match="cannot read"):
            read_pack(tmp_path / "nope.toml")

    def test_huge_file_is_unreadable(self, tmp_path):
        path = tmp_path / "huge.toml"
        path.write_text("# x\n" * 300_000)
        with pytest.raises(PackUnreadableError, match="larger than"):
            read_pack(path)

    def test_huge_string_value_is_refused(self):
        text = MINIMAL.replace('purpose = "Nyheter"', f'purpose = "{"a" * 20_000}"')
        assert "longer than" in messages(text)[0]

    def test_array_where_table_expected(self):
        text = MINIMAL.replace("schema = 1\n", "schema = 1\ninbox = [1, 2]\n")
        assert messages(text) == ["pack.toml:2: inbox: expected a table"]
