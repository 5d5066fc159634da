import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: 'Saint-Étienne' → 'saint etienne'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", ascii_text.lower()).strip()


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def collation_key(text: str) -> tuple[str, str, str]:
    """A sort key in French dictionary order, without locale or ICU: letters first without accents, case or
    punctuation (« Île-de-France » among the I, before « Provence-Alpes-Côte d'Azur »; « Études » among the
    E), then accents, then case (lower case first) to break ties.

    Use it wherever names are sorted in Python: ``sorted(regions, key=lambda r: collation_key(r.name))``."""
    text = text or ""
    expanded = text.translate(_LIGATURES)
    # Ties: without accents first (« cote » < « côte »), then lower case first (« cote » < « Cote »).
    return (fold(expanded), expanded.casefold(), expanded.swapcase())


def icu_collation_available(connection=None) -> bool:
    """Whether the database sorts with PostgreSQL's French ICU collation (« fr-x-icu »); read once per
    connection. SQLite has none: sort in Python with collation_key there."""
    from django.db import connection as default_connection

    connection = connection or default_connection
    if connection.vendor != "postgresql":
        return False
    cached = getattr(connection, "_pdn_fr_icu", None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [FRENCH_ICU_COLLATION])
            cached = cursor.fetchone() is not None
        connection._pdn_fr_icu = cached
    return cached


FRENCH_ICU_COLLATION = "fr-x-icu"


def french_order(field_name: str, descending: bool = False):
    """An ORDER BY term on a text field in French order: ``Collate(field, "fr-x-icu")`` on PostgreSQL with
    ICU, the plain field elsewhere (then sort the rows in Python with collation_key where it matters)."""
    from django.db.models import F
    from django.db.models.functions import Collate

    expression = Collate(F(field_name), FRENCH_ICU_COLLATION) if icu_collation_available() else F(field_name)
    return expression.desc() if descending else expression.asc()
