"""Full-text search over everything kept, in the organisation's language (issue 5, item 6).

SQLite (the default): an FTS5 index over the items' text, kept in step by triggers (migration
0005). PostgreSQL: text search with the configuration of the organisation's language (swedish,
norwegian, danish, dutch, english), each backed by its own GIN expression index. The user's query
is never passed through as search syntax: it is split into words, each quoted, all required.
"""

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from civicdesk.core.exceptions import InvalidInput

MAX_QUERY = 200
MAX_WORDS = 20
MAX_PHRASES = 50
WORD_RE = re.compile(r"\w+", re.UNICODE)
PG_CONFIGS = {
    "sv": "swedish",
    "nb": "norwegian",
    "nn": "norwegian",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
}


def words_of(query: str) -> list[str]:
    if not isinstance(query, str) or len(query) > MAX_QUERY:
        raise InvalidInput(f"a search is at most {MAX_QUERY} characters", field="q")
    words = WORD_RE.findall(query)[:MAX_WORDS]
    if not words:
        raise InvalidInput("search for at least one word", field="q")
    return words


def pg_config(language: str) -> str:
    return PG_CONFIGS.get(language, "simple")


def search(items: QuerySet, query: str, *, language: str = "en") -> QuerySet:
    """Narrow `items` (inbox items) to those whose text contains every word of `query`."""
    words = words_of(query)
    if connection.vendor == "sqlite":
        return _fts5_match(items, " ".join('"' + word.replace('"', '""') + '"' for word in words))
    if connection.vendor == "postgresql":
        config = pg_config(language)
        return _pg_match(
            items, config, f"plainto_tsquery('{config}'::regconfig, %s)", [" ".join(words)]
        )
    for word in words:
        items = items.filter(text__icontains=word)
    return items


def search_any(items: QuerySet, phrases: list[str], *, language: str = "en") -> QuerySet:
    """Narrow `items` to those containing at least one of `phrases`, each as adjacent words.

    For watch lists from a policy pack (I10): "klim-op" matches "Klim-op" and "klim op" but not
    "klimopplant". Phrases come from configuration, not from a user's query box, but are read
    the same way: words only, never search syntax.
    """
    phrase_words = [
        words for phrase in phrases[:MAX_PHRASES] if (words := WORD_RE.findall(phrase)[:MAX_WORDS])
    ]
    if not phrase_words:
        return items.none()
    if connection.vendor == "sqlite":
        # \w+ words hold no double quote, so each phrase is safe inside one.
        return _fts5_match(
            items, " OR ".join('"' + " ".join(words) + '"' for words in phrase_words)
        )
    if connection.vendor == "postgresql":
        config = pg_config(language)
        any_phrase = " || ".join(
            f"phraseto_tsquery('{config}'::regconfig, %s)" for _ in phrase_words
        )
        return _pg_match(items, config, f"({any_phrase})", [" ".join(w) for w in phrase_words])
    condition = Q()
    for words in phrase_words:
        condition |= Q(text__icontains=" ".join(words))
    return items.filter(condition)


def _fts5_match(items: QuerySet, match: str) -> QuerySet:
    """`items` whose text matches an FTS5 `match` expression (the index the triggers keep)."""
    hits = RawSQL(
        "SELECT rowid FROM records_item_search WHERE records_item_search MATCH %s", (match,)
    )
    return items.filter(pk__in=hits)


def _pg_match(items: QuerySet, config: str, tsquery_sql: str, params: list[str]) -> QuerySet:
    """`items` whose text, read with `config`, matches `tsquery_sql` (its values in `params`).

    The configuration is one of a fixed set, so it is safe to place in the SQL; it must be a
    literal for PostgreSQL to use the matching expression index.
    """
    return items.extra(  # noqa: S610
        where=[f"to_tsvector('{config}'::regconfig, inbox_item.text) @@ {tsquery_sql}"],
        params=params,
    )
