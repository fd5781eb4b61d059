from civicdesk.web.highlight import segments


def _join(parts) -> str:
    return "".join(p.text for p in parts)


class TestSegments:
    def test_marks_the_span_of_each_reason(self):
        text = "Ni är idioter allihop"
        parts = segments(text, [{"code": "personal_attack", "start": 6, "end": 13}])
        assert _join(parts) == text
        assert [(p.text, p.codes) for p in parts] == [
            ("Ni är ", []),
            ("idioter", ["personal_attack"]),
            (" allihop", []),
        ]

    def test_overlapping_spans_carry_both_codes(self):
        parts = segments(
            "abcdef",
            [
                {"code": "profanity", "start": 1, "end": 4},
                {"code": "threat", "start": 3, "end": 6},
            ],
        )
        assert [(p.text, p.codes) for p in parts] == [
            ("a", []),
            ("bc", ["profanity"]),
            ("d", ["profanity", "threat"]),
            ("ef", ["threat"]),
        ]

    def test_bad_offsets_are_clipped_or_ignored(self):
        text = "short"
        parts = segments(
            text,
            [
                {"code": "spam", "start": 2, "end": 999},
                {"code": "spam", "start": "0", "end": 3},
                {"code": "spam", "start": 4, "end": 1},
                {"code": "", "start": 0, "end": 1},
                "not a reason",
            ],
        )
        assert _join(parts) == text
        assert [(p.text, p.codes) for p in parts] == [("sh", []), ("ort", ["spam"])]

    def test_web_addresses_become_links_and_other_schemes_do_not(self):
        text = "see https://example.org/x?y=1. or javascript:alert(1)"
        parts = segments(text, [])
        links = [p for p in parts if p.href]
        assert [(p.text, p.href) for p in links] == [
            ("https://example.org/x?y=1", "https://example.org/x?y=1")
        ]
        assert _join(parts) == text

    def test_markup_in_the_text_stays_text(self):
        text = "<b>hi</b>"
        assert [p.text for p in segments(text, None)] == [text]
