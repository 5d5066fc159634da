"""What a visitor typed, made safe and comparable for every search backend.

Visitors type French without accents, with typos, punctuation, quotes, operators, emoji or pasted control
characters. Rather than handing that to three backends that each parse it differently (FTS5 MATCH syntax,
PostgreSQL tsquery, Elasticsearch analysers), the query is reduced here to plain folded words joined by AND:

- Unicode NFKC, then control and format characters removed: nothing a backend could choke on;
- French elided articles dropped ("l'éducatrice" → "éducatrice"), as the Elasticsearch elision filter does;
- words only: quotes, *, parentheses, AND/OR/NOT and other query syntax become separators or are dropped;
- accents folded and lower-cased: FTS5, the PostgreSQL pdn_* configurations and the Elasticsearch analysers
  fold the indexed text the same way, and Elasticsearch's autocomplete search analyser ("standard") does not
  fold on its own;
- French stop words dropped when other words remain (every word must match: "la" must not exclude a result).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

from core.text import fold

# What the page echoes back and logs: long enough for any real query, short enough for every backend.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# PostgreSQL refuses words longer than 2,047 bytes in a tsquery; nobody searches a 50-letter word.
MAX_TERM_LENGTH = 50

_ELISION = re.compile(
    r"\b(?:" + "|".join(sorted(settings.FRENCH_ELISION_ARTICLES, key=len, reverse=True)) + r")['’ʼ`´]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")

# Folded. Short on purpose: only words that carry no meaning in a search for people, places or topics.
STOP_WORDS = frozenset(
    """
    a au aux avec ce ces cette d dans de des du elle en et il ils je l la le les leur leurs ma mes mon
    ne nos notre nous on ou par pour qu que qui sa se ses son sur ta te tes ton tu un une vos votre vous y
    and or not the of
    """.split()
)


def _printable(text: str) -> str:
    """NFKC (full-width letters, ligatures), without control/format/unassigned characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)


@dataclass(frozen=True)
class SearchQuery:
    display: str  # what the visitor typed, cleaned, for the search box, the log and promotions
    terms: tuple[str, ...]  # folded words, all required

    @classmethod
    def parse(cls, raw) -> "SearchQuery":
        text = raw if isinstance(raw, str) else ""
        display = _SPACES.sub(" ", _printable(text[: MAX_QUERY_LENGTH * 4])).strip()[:MAX_QUERY_LENGTH]
        words = [fold(word)[:MAX_TERM_LENGTH] for word in _WORD.findall(_ELISION.sub(" ", display))]
        meaningful = [word for word in words if word not in STOP_WORDS]
        terms = tuple(dict.fromkeys(meaningful or words))[:MAX_TERMS]
        return cls(display=display, terms=terms)

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def text(self) -> str:
        """The string given to the backend: plain words, nothing to parse."""
        return " ".join(self.terms)

    def __bool__(self) -> bool:
        return not self.is_empty
