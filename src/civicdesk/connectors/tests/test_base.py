"""The adapter registry and the Record types the import command consumes."""

from collections.abc import Iterator

import pytest

from civicdesk.connectors.base import (
    FORMATS,
    Adapter,
    Entry,
    Position,
    Problem,
    formats,
    get_adapter,
)


class EchoAdapter(Adapter):
    """A format added by configuration in the tests."""

    name = "echo"

    def read(self, path, *, progress=None) -> Iterator:
        yield Problem(Position(1, 1, ""), f"read {path}")


class TestRegistry:
    @pytest.mark.parametrize("name", sorted(FORMATS))
    def test_every_built_in_format_loads_and_names_itself(self, name):
        adapter = get_adapter(name)
        assert isinstance(adapter, Adapter)
        assert adapter.name == name
        assert adapter.description

    def test_an_unknown_format_names_the_known_ones(self):
        with pytest.raises(KeyError) as error:
            get_adapter("myspace")
        assert "facebook" in str(error.value)
        assert "instagram" in str(error.value)

    def test_formats_are_added_by_configuration(self, settings):
        settings.CIVICDESK_IMPORT_FORMATS = {
            "echo": "civicdesk.connectors.tests.test_base.EchoAdapter"
        }
        assert "echo" in formats()
        records = list(get_adapter("echo").read("some/file.json"))
        assert records[0].message == "read some/file.json"

    def test_a_missing_file_raises_oserror_when_read(self, tmp_path):
        with pytest.raises(OSError):
            list(get_adapter("facebook").read(tmp_path / "none.json"))


class TestRecords:
    def test_problem_describes_itself_as_file_line_message(self):
        problem = Problem(Position(12, 3, "data[4]"), "created_time is missing")
        assert problem.describe("page.json") == "page.json:12: data[4]: created_time is missing"
        assert Problem(Position(2), "bad").describe("f") == "f:2: bad"

    def test_entry_keeps_its_position(self):
        entry = Entry(Position(7, 1, "[0]"), {"external_id": "1"})
        assert str(entry.position) == "7"
        assert entry.item == {"external_id": "1"}

    def test_progress_is_reported_as_bytes_read(self, tmp_path):
        path = tmp_path / "posts.json"
        path.write_text('[{"timestamp": 1718600000, "data": [{"post": "a"}]}]')
        seen = []
        records = list(get_adapter("facebook").read(path, progress=seen.append))
        assert isinstance(records[0], Entry)
        assert seen[-1] == path.stat().st_size
