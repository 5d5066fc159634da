import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: 'Saint-Étienne' → 'saint etienne'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", ascii_text.lower()).strip()
