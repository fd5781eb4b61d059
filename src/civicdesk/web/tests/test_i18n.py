import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from civicdesk.web.context import WEB_LANGUAGES

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _entries(po: Path) -> list[tuple[str, list[str]]]:
    """(msgid, [msgstr…]) for every entry but the header; continuation lines joined, and a
    fuzzy entry counts as untranslated (gettext ignores it)."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            keyword = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if keyword:
                current = keyword.group(1)
                fields[current] = keyword.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        msgid = fields.get("msgid", "")
        strings = [v for k, v in fields.items() if k.startswith("msgstr")]
        if "#, fuzzy" in block or "fuzzy," in block:
            strings = [""]
        if msgid:
            entries.append((msgid, strings))
    return entries


class TestCatalogues:
    @pytest.mark.parametrize("language", [code for code, _ in WEB_LANGUAGES if code != "en"])
    def test_every_string_is_translated_and_compiled(self, language):
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        entries = _entries(po)
        assert len(entries) > 200
        untranslated = [msgid for msgid, strings in entries if not all(strings)]
        assert not untranslated
        for msgid, strings in entries:
            for name in re.findall(r"%\((\w+)\)", msgid):
                assert all(f"%({name})" in s for s in strings), (language, msgid)
        assert (LOCALE / language / "LC_MESSAGES" / "django.mo").is_file()


class TestPageLanguage:
    @pytest.mark.parametrize(
        ("username", "lang", "word"),
        [
            ("tyreso-comms", "sv", "Hoppa till huvudinnehållet"),
            ("bo-info", "nn", "Hopp til hovudinnhaldet"),
            ("klimop-admin", "nl", "Naar de hoofdinhoud"),
        ],
    )
    def test_defaults_to_the_organisations_first_language(self, client, demo, username, lang, word):
        client.force_login(demo[username])
        html = client.get(reverse("web:inbox"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert f'<html lang="{lang}">' in html
        assert word in html

    def test_the_users_choice_wins(self, client, demo):
        client.force_login(demo["tyreso-comms"])
        response = client.post(reverse("web:set_language"), {"language": "nb", "next": "/inbox/"})
        assert response.status_code == 302
        html = client.get(reverse("web:inbox")).content.decode()
        assert '<html lang="nb">' in html and "Hopp til hovedinnholdet" in html

    def test_dates_are_localised(self, client, demo, tyreso_items):
        client.force_login(demo["tyreso-comms"])
        html = client.get(reverse("web:item", args=[tyreso_items["question"].pk])).content.decode()
        created = timezone.localtime(tyreso_items["question"].created_at)
        with translation.override("sv"):
            swedish = formats.date_format(created, "SHORT_DATETIME_FORMAT")
        with translation.override("nl"):
            dutch = formats.date_format(created, "SHORT_DATETIME_FORMAT")
        assert swedish != dutch
        assert f">{swedish}</time>" in html and "Mottaget" in html
