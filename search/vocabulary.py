"""The words of the search index: what a typo is corrected to, and what suggestions match inside words.

Both database backends keep the words of every indexed page where a query can reach them cheaply, folded
(lower case, no accents) like the query's terms (search/query.py):

- SQLite: FTS5's own vocabulary, read through an ``fts5vocab`` table over Wagtail's FTS index (created per
  connection in the ``temp`` schema, nothing stored): it is the index itself, so always up to date. Its
  ``term`` column answers range conditions from the index, so the candidates for a typo are the words
  starting with the same letter, of a close length; they are ranked here with difflib.
- PostgreSQL: Wagtail's index keeps stems in its tsvectors but the plain text beside them (``title_text``,
  ``body_text``); a trigger of search/migrations/0004 copies each entry's words (``pdn_simple``: folded, not
  stemmed) into the ``search_vocabulary`` table, with a ``pg_trgm`` GIN index. Candidates come from the
  trigram similarity operator (``%``, served by that index), ranked here with the same difflib measure.
  Words are never removed (a page deleted or edited leaves its words): a correction is only offered when
  the corrected query finds visible results, so a stale word costs nothing.
- Elasticsearch and other backends: no vocabulary here (``correct`` answers None); Elasticsearch searches with
  its own fuzziness instead (engine.py).

Callers run these within a time budget (engine.database_time_budget): a statement cut by it raises
DatabaseError, which the caller turns into "no correction" or "no more suggestions".
"""

from __future__ import annotations

import difflib

from django.apps import apps
from django.db import connection
from wagtail.search.backends import get_search_backend

from search.query import SearchQuery

#: Words shorter than this are never corrected ("lea", "cv": too many close words) nor searched inside.
MIN_CORRECTED_LENGTH = 4
MIN_INFIX_LENGTH = 3
#: difflib's ratio a correction needs: one typo in a word of ten letters scores 0.9-0.95, in five 0.8.
MIN_RATIO = 0.78
#: Candidate words read per term (SQLite: same first letter and close length; PostgreSQL: best trigrams).
CANDIDATES = 2000
TRIGRAM_CANDIDATES = 20
#: Words a suggestion may find inside another ("harc" → "cyberharcelement").
INFIX_WORDS = 3

SQLITE_VOCABULARY = "pdn_search_vocabulary"
POSTGRES_VOCABULARY = "search_vocabulary"


def available(backend=None) -> bool:
    """True when this backend has a vocabulary here (Wagtail's database backend on SQLite or PostgreSQL)."""
    from search.matching import PostgresMatcher, SQLiteMatcher

    backend = backend or get_search_backend()
    return SQLiteMatcher.serves(backend) or PostgresMatcher.serves(backend)


def correct(query: SearchQuery, backend=None) -> SearchQuery | None:
    """``query`` with each word the index does not know replaced by the closest one it knows; None when no
    word was replaced (all known, too short, or nothing close enough)."""
    if query.is_empty or not available(backend):
        return None
    terms = [_closest(term) if _correctable(term) else term for term in query.terms]
    if list(terms) == list(query.terms):
        return None
    corrected = tuple(dict.fromkeys(terms))
    return SearchQuery(display=" ".join(corrected), terms=corrected)


def words_containing(fragment: str, limit: int = INFIX_WORDS, backend=None) -> list[str]:
    """Words of titles and names (the autocomplete fields) with ``fragment`` inside but not at their start
    (prefixes are the autocomplete's own job), shortest first."""
    if len(fragment) < MIN_INFIX_LENGTH or not available(backend):
        return []
    pattern = "%" + _escape_like(fragment) + "%"
    prefix = _escape_like(fragment) + "%"
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT term FROM temp.{_sqlite_vocabulary()} WHERE col = 'autocomplete' "
            "AND term LIKE %s ESCAPE '\\' AND term NOT LIKE %s ESCAPE '\\' "
            "ORDER BY length(term), term LIMIT %s"
        )
    else:
        sql = (
            f"SELECT word FROM {POSTGRES_VOCABULARY} WHERE autocomplete "
            "AND word LIKE %s ESCAPE '\\' AND word NOT LIKE %s ESCAPE '\\' "
            "ORDER BY length(word), word LIMIT %s"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pattern, prefix, limit])
        return [row[0] for row in cursor.fetchall()]


def _correctable(term: str) -> bool:
    return len(term) >= MIN_CORRECTED_LENGTH and term.isalpha() and not _known(term)


def _known(term: str) -> bool:
    if connection.vendor == "sqlite":
        sql = f"SELECT 1 FROM temp.{_sqlite_vocabulary()} WHERE term = %s LIMIT 1"
    else:
        sql = f"SELECT 1 FROM {POSTGRES_VOCABULARY} WHERE word = %s LIMIT 1"
    with connection.cursor() as cursor:
        cursor.execute(sql, [term])
        return cursor.fetchone() is not None


def _closest(term: str) -> str:
    """The known word closest to ``term`` (difflib's ratio, then the most frequent), or ``term`` itself."""
    if connection.vendor == "sqlite":
        # Same first letter (a range on the vocabulary's term, served by FTS5), length within two.
        first = term[0]
        sql = (
            f"SELECT term, sum(doc) FROM temp.{_sqlite_vocabulary()} WHERE term >= %s AND term < %s "
            "AND length(term) BETWEEN %s AND %s GROUP BY term LIMIT %s"
        )
        params = [first, chr(ord(first) + 1), len(term) - 2, len(term) + 2, CANDIDATES]
    else:
        sql = (
            f"SELECT word, 1 FROM {POSTGRES_VOCABULARY} WHERE word %% %s "
            "GROUP BY word ORDER BY similarity(word, %s) DESC, word LIMIT %s"
        )
        params = [term, term, TRIGRAM_CANDIDATES]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        candidates = cursor.fetchall()
    best, best_key = term, None
    matcher = difflib.SequenceMatcher(b=term, autojunk=False)
    for word, documents in candidates:
        matcher.set_seq1(word)
        if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
            continue
        ratio = matcher.ratio()
        key = (ratio, documents, -len(word))
        if ratio >= MIN_RATIO and (best_key is None or key > best_key):
            best, best_key = word, key
    return best


def _sqlite_vocabulary() -> str:
    """The connection's fts5vocab table over Wagtail's FTS index (one row per word and column). Created on
    each use (IF NOT EXISTS: a schema lookup): a creation inside a transaction that is rolled back later
    (a test, an atomic request) would otherwise leave a connection believing it has one."""
    fts_table = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{SQLITE_VOCABULARY} "
            f"USING fts5vocab(main, {fts_table}, 'col')"
        )
    return SQLITE_VOCABULARY


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
