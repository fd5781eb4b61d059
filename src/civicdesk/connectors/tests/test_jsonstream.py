"""The pull parser: streams entries with their lines, and fails with a position, never a trace."""

import io
import json

import pytest

from civicdesk.connectors import jsonstream
from civicdesk.connectors.jsonstream import JsonStream, JsonStreamError


def stream_of(text: str | bytes, **options) -> JsonStream:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return JsonStream(io.BytesIO(raw), **options)


def data_entries(stream: JsonStream) -> list:
    found = []
    for key in stream.members():
        if key == "data":
            for location in stream.elements():
                found.append((location.line, stream.value()))
    return found


class TestStreaming:
    def test_entries_come_with_the_line_they_start_on(self):
        stream = stream_of(
            '{\n "paging": {"next": null},\n "data": [\n  {"a": 1},\n\n  {"a": 2}\n ]\n}\n'
        )
        assert data_entries(stream) == [(4, {"a": 1}), (6, {"a": 2})]
        assert stream.at_end()

    def test_members_the_caller_skips_are_passed_over(self):
        stream = stream_of('{"skip": {"x": [1, 2, {"y": "]}"}]}, "data": ["kept"], "after": 3}')
        assert data_entries(stream) == [(1, "kept")]

    def test_entries_larger_than_the_read_buffer_are_read_whole(self, monkeypatch):
        monkeypatch.setattr(jsonstream, "CHUNK", 16)
        entries = [{"text": "å" * 100, "n": n} for n in range(50)] + [12345678901234567890]
        stream = stream_of(json.dumps({"data": entries}))
        assert [value for _, value in data_entries(stream)] == entries

    def test_a_large_file_is_never_held_whole(self, monkeypatch):
        monkeypatch.setattr(jsonstream, "CHUNK", 1024)
        entry = {"text": "x" * 1000}
        raw = json.dumps({"data": [entry] * 5000}).encode()  # about 5 MB
        handle = io.BytesIO(raw)
        stream = JsonStream(handle)
        largest = 0
        keys = []
        for key in stream.members():
            keys.append(key)
            for _ in stream.elements():
                stream.value()
                largest = max(largest, len(stream._buf))
        assert keys == ["data"]
        assert largest < 10 * 1024  # a few read buffers, not the 5 MB file

    def test_a_byte_order_mark_is_ignored(self):
        assert data_entries(stream_of(b'\xef\xbb\xbf{"data": [1]}')) == [(1, 1)]


class TestBrokenInput:
    def fail(self, text, **options) -> JsonStreamError:
        stream = stream_of(text, **options)
        found = []
        with pytest.raises(JsonStreamError) as error:
            for value in data_entries(stream):
                found.append(value)
        return error.value

    def test_truncated_file_is_reported_at_the_broken_entry(self):
        error = self.fail('{"data": [\n{"a": 1},\n{"a": "cut off')
        assert error.location.line == 3
        assert "truncated" in error.message

    def test_truncated_between_entries(self):
        error = self.fail('{"data": [\n{"a": 1},\n')
        assert "ends in the middle" in error.message

    def test_syntax_error_names_the_line(self):
        error = self.fail('{"data": [\n{"a": 1},\n{"a": 1,, "b": 2}\n]}')
        assert error.location.line == 3
        assert error.message.startswith("not valid JSON")

    def test_entries_before_an_error_are_delivered(self):
        stream = stream_of('{"data": [{"a": 1}, {"a": 2}, {"a": }]}')
        got = []
        with pytest.raises(JsonStreamError):
            for _key in stream.members():
                for _ in stream.elements():
                    got.append(stream.value())
        assert got == [{"a": 1}, {"a": 2}]

    def test_absurd_nesting_is_an_error_not_a_crash(self):
        error = self.fail('{"data": [' + "[" * 100_000 + "]" * 100_000 + "]}")
        assert "nested" in error.message

    def test_moderate_nesting_beyond_the_limit_is_refused(self):
        error = self.fail('{"data": [' + "[" * 300 + "]" * 300 + "]}")
        assert f"more than {jsonstream.MAX_DEPTH}" in error.message

    def test_an_entry_beyond_the_size_limit_is_refused(self):
        error = self.fail('{"data": ["' + "x" * 5000 + '"]}', max_value=1000)
        assert "larger than 1000" in error.message

    def test_bytes_that_are_not_utf8(self):
        error = self.fail(b'{"data": [\n"caf\xe9"]}')
        assert "not UTF-8" in error.message
        assert error.location.line == 2

    def test_a_raw_null_byte(self):
        error = self.fail(b'{"data": ["a\x00b"]}')
        assert "not valid JSON" in error.message

    def test_integers_too_long_for_python(self):
        error = self.fail('{"data": [' + "9" * 5000 + "]}")
        assert "not valid JSON" in error.message

    def test_a_member_name_that_is_not_a_string(self):
        error = self.fail("{data: []}")
        assert "expected a member name" in error.message


class TestJavaScriptPrefix:
    def test_prefix_and_comment_lines_are_skipped(self):
        stream = stream_of("// a licence line\n//\n\nwindow.YTD.tweets.part0 = [1, 2];\n")
        assert stream.skip_js_prefix() == "tweets"
        assert [stream.value() for _ in stream.elements()] == [1, 2]
        assert stream.at_end()

    def test_a_file_without_the_prefix_is_refused(self):
        stream = stream_of('[{"tweet": {}}]')
        with pytest.raises(JsonStreamError) as error:
            stream.skip_js_prefix()
        assert "window.YTD.<name>.part0" in error.value.message

    def test_a_file_that_is_only_comments(self):
        stream = stream_of("// nothing else")
        with pytest.raises(JsonStreamError):
            stream.skip_js_prefix()
