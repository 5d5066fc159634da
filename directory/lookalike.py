"""Look-alike handles: a name one confusable step away from a listed promeneur's handle is an impostor's
classic trick (``camille.pdn18O`` for ``camille.pdn180``, a Cyrillic ``а`` for a Latin ``a``).

:func:`skeleton` reduces a handle to what a reader sees: every character mapped to the ASCII letter it
imitates (Unicode's confusables data, from the confusable-homoglyphs package), then the confusions that data
leaves out for handles: ``0``/``o``, ``1``/``l``/``i``, ``rn``/``m``, ``vv``/``w``, the separators ``_ . -``
(dropped), doubled letters (collapsed) and digits added or removed at the end (dropped). Two handles with the
same skeleton look alike. :func:`near_skeletons` adds one dropped or added character, so "a doubled or
dropped letter" is found with one indexed ``IN`` lookup on ``SocialProfile.lookalike_key``.

A look-alike is only ever a warning ("non — attention"), never a match.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata

from confusable_homoglyphs import confusables

#: Shorter skeletons would make half the network look alike.
MIN_SKELETON_LENGTH = 4
_ALPHABET = string.ascii_lowercase + string.digits
_SEPARATORS = re.compile(r"[\s_.\-·•‧]+")
_REPEATS = re.compile(r"(.)\1+")
_TRAILING_DIGITS = re.compile(r"[0-9]+$")
# After lower-casing: the glyphs people mistake for one another in handles.
_HANDLE_CONFUSIONS = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"))


@functools.lru_cache(maxsize=4096)
def _ascii_prototype(char: str) -> str:
    """The ASCII character ``char`` imitates ("а" Cyrillic → "a", "K" Kelvin → "K"), else ``char``."""
    if char.isascii():
        return char
    for glyph in confusables.confusables_data.get(char, ()):
        candidate = glyph["c"].strip("\u200e")
        if len(candidate) == 1 and candidate.isascii() and candidate.isalnum():
            return candidate
    decomposed = unicodedata.normalize("NFKD", char)  # é → e, ｌ (fullwidth) → l
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if base.isascii() and base else char


def skeleton(handle: str) -> str:
    """What ``handle`` looks like, for comparison with other handles (see the module docstring)."""
    if not isinstance(handle, str):
        return ""
    text = "".join(_ascii_prototype(char) for char in handle.strip().removeprefix("@"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    # Digits at the end are dropped before "0"→"o" (camille.pdn18O: the O is one of the digits).
    text = _SEPARATORS.sub("", text.replace("o", "0").replace("l", "1").replace("i", "1"))
    text = _TRAILING_DIGITS.sub("", text)
    for seen, read in _HANDLE_CONFUSIONS:
        text = text.replace(seen, read)
    return _REPEATS.sub(r"\1", text)


def near_skeletons(handle: str) -> set[str]:
    """The skeleton of ``handle`` and those one character away (one dropped, one added)."""
    base = skeleton(handle)
    if len(base) < MIN_SKELETON_LENGTH:
        return set()
    near = {base}
    near.update(base[:i] + base[i + 1 :] for i in range(len(base)))
    near.update(base[:i] + char + base[i:] for i in range(len(base) + 1) for char in _ALPHABET)
    near = {_REPEATS.sub(r"\1", candidate) for candidate in near}
    return {candidate for candidate in near if len(candidate) >= MIN_SKELETON_LENGTH}


def lookalike_key(platform: str, handle: str) -> str:
    """The indexed key of a declared handle ("" when too short to compare)."""
    base = skeleton(handle)
    return f"{platform}:{base}" if len(base) >= MIN_SKELETON_LENGTH else ""
