"""Social-network profiles of promeneurs: supported platforms, URL validation and matching keys.

Families must be able to check that an online profile really belongs to a labelled promeneur. They paste
whatever they have (a full URL copied from an app, a link without ``https://``, a bare ``@handle``) and the
annuaire compares it with the profiles promeneurs declared. Both sides go through
:func:`normalise_profile`, which turns every spelling of one profile into the same *key*, and
:func:`matches` compares keys.

Key format (``platform:identifier`` or ``platform:kind:identifier``):

* ``instagram:x.y`` -- the profile's handle, lower-cased when the platform ignores case (and without dots
  on Facebook, which ignores them: ``facebook:jeanpromeneur``). A handle never contains ``:``, so a key
  with a single ``:`` is always a handle; WhatsApp handles are phone numbers (``whatsapp:33612345678``);
* ``facebook:id:1000123``, ``youtube:channel:UCxYz…``, ``discord:invite:AbC``… -- an identifier of another
  *kind*. Kinds never match handles: ``facebook:id:1`` and ``facebook:1`` are different profiles;
* ``*:x.y`` -- a bare handle typed without a platform; :func:`matches` compares it with that handle on any
  platform;
* ``other:url:forum.example.org/membre/jean`` -- an address on an unsupported site (path case kept).

The guiding rule is that a false match is worse than a missed one: a wrong "yes, this is a promeneur"
would vouch for an impersonator, while a miss only sends the family to the departmental coordinator.
So case is only folded where the platform itself ignores it, identifiers that are case-sensitive
(YouTube channel ids, Discord invites, WhatsApp invite codes, paths on unknown sites) keep their case,
and anything that does not clearly identify a profile (a post, a video, a share link) gives ``None``.

This module is pure Python (no models) so forms, search and data checks can all share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = [
    "MAX_URL_LENGTH",
    "OTHER",
    "PLATFORMS",
    "PLATFORM_CHOICES",
    "WILDCARD",
    "Platform",
    "detect_platform",
    "displayed_spelling",
    "handle_from_url",
    "matches",
    "normalise_profile",
    "validate_profile_url",
]

#: Platform part of a key built from a bare handle typed without a platform.
WILDCARD = "*"
#: Slug of the catch-all platform (forums, online games…): any https address is accepted.
OTHER = "other"
#: Longer inputs are refused by validation and ignored by normalisation (public search input).
MAX_URL_LENGTH = 2048


@dataclass(frozen=True)
class _Ident:
    """What identifies a profile on its platform, plus the handle people know it by."""

    kind: str  # "" for a handle; otherwise "id", "channel", "invite", "url"…
    value: str  # the identifier as it appears in the key (never contains ":" when kind is "")
    display: str = ""  # human handle for the profile card ("" when there is none, e.g. a numeric id)


@dataclass(frozen=True)
class _Url:
    """A parsed http(s) address, reduced to what the platform parsers need."""

    host: str  # lower-case, IDNA-encoded, no trailing dot
    port: int | None
    path: str  # raw path, still percent-encoded
    segments: tuple[str, ...]  # non-empty path segments, percent-decoded, original case
    query: Mapping[str, str]  # first value of each parameter, names lower-cased
    raw_query: str
    fragment: str


@dataclass(frozen=True)
class Platform:
    """A social network a promeneur can declare a profile on."""

    slug: str
    label: str
    hosts: tuple[str, ...] = ()  # every hostname serving this platform's profiles (and its links)
    host_pattern: re.Pattern[str] | None = field(default=None, repr=False)  # e.g. fr.linkedin.com
    handle_prefix: str = ""  # "@" where the platform shows handles as @name
    url_parser: Callable[[_Url], _Ident | None] | None = field(default=None, repr=False, compare=False)
    handle_parser: Callable[[str], _Ident | None] | None = field(default=None, repr=False, compare=False)

    def owns_host(self, host: str) -> bool:
        """Whether ``host`` (lower-case, without port) belongs to this platform."""
        host = host.lower().rstrip(".")
        return host in self.hosts or bool(self.host_pattern and self.host_pattern.fullmatch(host))


# --- small helpers shared by the platform parsers -------------------------------------------------------

_DIGITS = re.compile(r"[0-9]{1,30}")  # ASCII only: str.isdigit() also accepts "١٢٣" or "²"
_CODE = re.compile(r"[A-Za-z0-9_-]{2,64}")  # case-sensitive invite / channel codes
_INSTAGRAM_HANDLE = re.compile(r"[a-z0-9._]{1,30}")
_TIKTOK_HANDLE = re.compile(r"[a-z0-9._]{1,30}")
_X_HANDLE = re.compile(r"[a-z0-9_]{1,20}")
_SNAPCHAT_HANDLE = re.compile(r"[a-z0-9._-]{1,30}")
_TWITCH_HANDLE = re.compile(r"[a-z0-9_]{1,30}")
_FACEBOOK_NAME = re.compile(r"[a-z0-9._-]{1,80}")
_FACEBOOK_NAME_WITH_ID = re.compile(r"(.+)-([0-9]{8,30})")  # pages without a username: Name-of-page-1234…
_YOUTUBE_NAME = re.compile(r"[\w.-]{1,100}")  # handles may use non-Latin letters since 2022
_YOUTUBE_CHANNEL_ID = re.compile(r"[A-Za-z0-9_-]{2,64}")  # real ids are "UC" + 22 characters
_DISCORD_USERNAME = re.compile(r"[a-z0-9_.]{2,32}(?:#[0-9]{4})?")
_LINKEDIN_SLUG = re.compile(r"[\w.-]{2,100}")
_BLUESKY_HANDLE = re.compile(
    r"(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
)
_BLUESKY_DID = re.compile(r"did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.-]{3,253})")
_GENERIC_HANDLE = re.compile(r"[\w.-]{1,100}")
# The only handle patterns that admit non-ASCII letters (YouTube names, LinkedIn slugs, other sites).
_UNICODE_HANDLE_PATTERNS = (_YOUTUBE_NAME, _LINKEDIN_SLUG, _GENERIC_HANDLE)


def _folds_into_ascii(raw: str) -> bool:
    """Whether lower-casing turns a non-ASCII character into ASCII (the Kelvin sign K becomes "k", the
    dotted capital İ becomes "i̇"): such a handle would match an ASCII handle it is not."""
    return any(not char.isascii() and any(c.isascii() for c in char.lower()) for char in raw)


def _handle(
    raw: str, pattern: re.Pattern[str], prefix: str = "", *, keep_case: bool = False
) -> _Ident | None:
    """A case-insensitive handle: the key is lower-cased, the display keeps the case when asked. On
    platforms whose handles are ASCII (their pattern has no ``\\w``), a non-ASCII character is never
    folded into an ASCII one: the handle is refused (it answers "non", with the look-alike warning)."""
    raw = raw.removeprefix("@")
    if _folds_into_ascii(raw) or (not raw.isascii() and pattern not in _UNICODE_HANDLE_PATTERNS):
        return None
    value = raw.lower()
    if not pattern.fullmatch(value):
        return None
    return _Ident("", value, prefix + (raw if keep_case else value))


def _coded(kind: str, raw: str, pattern: re.Pattern[str] = _CODE) -> _Ident | None:
    """A case-sensitive identifier (invite code, channel id): kept exactly as written."""
    return _Ident(kind, raw) if pattern.fullmatch(raw) else None


def _first(segments: tuple[str, ...]) -> str:
    return segments[0].lower() if segments else ""


# --- Instagram and Threads (same account names) ---------------------------------------------------------

_INSTAGRAM_RESERVED = frozenset(
    "p reel reels tv explore accounts direct about legal developer web challenge emails s ar topics "
    "directory session privacy api graphql static oauth create stories _u _n".split()
)


def _instagram_url(url: _Url) -> _Ident | None:
    segments = url.segments
    first = _first(segments)
    if first in ("stories", "_u", "_n") and len(segments) >= 2:  # stories/<handle>/<id>, app deep links
        candidate = segments[1]
    elif first in _INSTAGRAM_RESERVED or not segments:
        return None
    else:
        candidate = segments[0]
    if candidate.lower() in _INSTAGRAM_RESERVED:
        return None
    return _handle(candidate, _INSTAGRAM_HANDLE, "@")


def _instagram_handle(handle: str) -> _Ident | None:
    return _handle(handle, _INSTAGRAM_HANDLE, "@")


def _threads_url(url: _Url) -> _Ident | None:
    if url.segments and url.segments[0].startswith("@"):  # threads.net/@handle[/post/…]
        return _handle(url.segments[0], _INSTAGRAM_HANDLE, "@")
    return None


# --- Facebook ---------------------------------------------------------------------------------------------

_FACEBOOK_RESERVED = frozenset(
    """watch events event photo photo.php photos story.php permalink.php sharer sharer.php share login
    login.php logout.php home.php hashtag marketplace gaming search help policies privacy settings messages
    notifications friends bookmarks saved reel reels stories dialog plugins tr l.php video.php videos media
    business ads legal terms about careers fundraisers live donate latest recover checkpoint ajax campaign
    confirmemail composer find-friends badges places public directory r.php home groups pages people
    profile.php pg p watchparty messenger_media""".split()
)


def _facebook_name(raw: str) -> _Ident | None:
    """A page or profile username, or a numeric id written in its place."""
    if _DIGITS.fullmatch(raw):  # facebook.com/1000123 is the profile with that id
        return _Ident("id", raw.lstrip("0") or "0")
    with_id = _FACEBOOK_NAME_WITH_ID.fullmatch(raw)
    if with_id:  # facebook.com/Centre-Social-des-Tilleuls-100012345678
        return _Ident("id", with_id[2].lstrip("0") or "0", with_id[1].replace("-", " "))
    if not raw.isascii():  # Facebook usernames are ASCII: never fold another script into one
        return None
    value = raw.lower()
    if value in _FACEBOOK_RESERVED or not _FACEBOOK_NAME.fullmatch(value):
        return None
    # Facebook ignores dots in usernames ("john.smith" is "johnsmith"): same profile, same key.
    key = value.replace(".", "")
    return _Ident("", key, raw) if key else None


def _facebook_url(url: _Url) -> _Ident | None:
    segments = url.segments
    first = _first(segments)
    if first == "profile.php":
        profile_id = url.query.get("id", "")
        return _Ident("id", profile_id.lstrip("0") or "0") if _DIGITS.fullmatch(profile_id) else None
    if first in ("people", "pages") and len(segments) >= 3 and _DIGITS.fullmatch(segments[2]):
        # people/<Name>/<id> and the older pages/<Name>/<id>: the id is the identity, the name decoration.
        return _Ident("id", segments[2].lstrip("0") or "0", segments[1].replace("-", " "))
    if first == "groups" and len(segments) >= 2:
        group = segments[1].lower()
        return _Ident("group", group, segments[1]) if _FACEBOOK_NAME.fullmatch(group) else None
    if first in ("p", "pg") and len(segments) >= 2:  # p/<Name>-<id>, legacy pg/<name>/…
        return _facebook_name(segments[1])
    if not segments:
        return None
    return _facebook_name(segments[0])


def _facebook_handle(handle: str) -> _Ident | None:
    return _facebook_name(handle.removeprefix("@"))


# --- X (Twitter) ------------------------------------------------------------------------------------------

_X_RESERVED = frozenset(
    """home i intent search explore settings hashtag share messages notifications login logout signup tos
    privacy compose who_to_follow account download jobs about help connect lists topics communities
    following followers""".split()
)


def _x_url(url: _Url) -> _Ident | None:
    segments = url.segments
    if not segments and url.fragment.startswith("!/"):  # old twitter.com/#!/handle links
        segments = tuple(part for part in url.fragment[2:].split("/") if part)
    first = _first(segments)
    if first == "intent":  # intent/user?screen_name=… or ?user_id=…
        if "screen_name" in url.query:
            return _handle(url.query["screen_name"], _X_HANDLE, "@", keep_case=True)
        user_id = url.query.get("user_id", "")
        return _Ident("id", user_id) if _DIGITS.fullmatch(user_id) else None
    if (
        first == "i"
        and len(segments) >= 3
        and segments[1].lower() == "user"
        and _DIGITS.fullmatch(segments[2])
    ):
        return _Ident("id", segments[2])
    if not segments or first in _X_RESERVED:
        return None
    return _handle(segments[0], _X_HANDLE, "@", keep_case=True)


def _x_handle(handle: str) -> _Ident | None:
    return _handle(handle, _X_HANDLE, "@", keep_case=True)


# --- TikTok, Snapchat, Twitch -----------------------------------------------------------------------------


def _tiktok_url(url: _Url) -> _Ident | None:
    if url.segments and url.segments[0].startswith("@"):  # tiktok.com/@handle[/video/…]
        return _handle(url.segments[0], _TIKTOK_HANDLE, "@")
    return None  # vm.tiktok.com/<code> short links hide which profile they lead to


def _tiktok_handle(handle: str) -> _Ident | None:
    return _handle(handle, _TIKTOK_HANDLE, "@")


def _snapchat_url(url: _Url) -> _Ident | None:
    segments = url.segments
    if _first(segments) == "add" and len(segments) >= 2:  # snapchat.com/add/handle
        return _handle(segments[1], _SNAPCHAT_HANDLE)
    if segments and segments[0].startswith("@"):  # snapchat.com/@handle (public profiles)
        return _handle(segments[0], _SNAPCHAT_HANDLE)
    return None


def _snapchat_handle(handle: str) -> _Ident | None:
    return _handle(handle, _SNAPCHAT_HANDLE)


_TWITCH_RESERVED = frozenset(
    """directory videos p settings downloads jobs search subscriptions inventory wallet drops friends
    messages turbo prime store login signup user team broadcast moderator popout embed""".split()
)


def _twitch_url(url: _Url) -> _Ident | None:
    first = _first(url.segments)
    if not first or first in _TWITCH_RESERVED:
        return None
    return _handle(url.segments[0], _TWITCH_HANDLE, keep_case=True)


def _twitch_handle(handle: str) -> _Ident | None:
    return _handle(handle, _TWITCH_HANDLE, keep_case=True)


# --- YouTube ----------------------------------------------------------------------------------------------

_YOUTUBE_RESERVED = frozenset(
    """watch shorts playlist results feed embed live hashtag gaming premium music account redirect t
    about signin logout upload attribution_link v e kids post clip source channel c user new
    howyoutubeworks""".split()
)


def _youtube_name(kind: str, raw: str) -> _Ident | None:
    if _folds_into_ascii(raw):
        return None
    value = raw.lower()
    if not _YOUTUBE_NAME.fullmatch(value):
        return None
    return _Ident(kind, value, raw)


def _youtube_url(url: _Url) -> _Ident | None:
    if url.host == "youtu.be":  # youtu.be links are videos, never channels
        return None
    segments = url.segments
    first = _first(segments)
    if segments and segments[0].startswith("@"):  # youtube.com/@handle: the current kind of channel name
        return _handle(segments[0], _YOUTUBE_NAME, "@", keep_case=True)
    if first == "channel" and len(segments) >= 2:  # channel ids are case-sensitive: UCabc is not UCABC
        return _coded("channel", segments[1], _YOUTUBE_CHANNEL_ID)
    if first in ("c", "user") and len(segments) >= 2:  # legacy custom URLs and usernames: separate names
        return _youtube_name(first, segments[1])
    if not segments or first in _YOUTUBE_RESERVED:
        return None
    # youtube.com/<name> is the short form of the custom URL youtube.com/c/<name>.
    return _youtube_name("c", segments[0])


def _youtube_handle(handle: str) -> _Ident | None:
    return _handle(handle, _YOUTUBE_NAME, "@", keep_case=True)


# --- WhatsApp ---------------------------------------------------------------------------------------------

# French overseas départements have their own country codes: 0690 12 34 56 is +590 690 12 34 56.
_FRENCH_OVERSEAS_PREFIXES = {
    "0590": "590", "0690": "590", "0691": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "0594": "594", "0694": "594",  # Guyane
    "0596": "596", "0696": "596", "0697": "596",  # Martinique
    "0262": "262", "0263": "262", "0692": "262", "0693": "262",  # La Réunion
    "0269": "262", "0639": "262",  # Mayotte
}  # fmt: skip
_PHONE_SEPARATORS = re.compile(r"[\s.()/-]+")


def _phone(raw: str) -> _Ident | None:
    """A phone number in international form without "+" (what wa.me uses); French numbers converted."""
    number = _PHONE_SEPARATORS.sub("", raw)
    if number.startswith("+"):
        number = number[1:]
    elif number.startswith("00"):
        number = number[2:]
    elif len(number) == 10 and number.startswith("0"):  # national French format: 06 12 34 56 78
        number = _FRENCH_OVERSEAS_PREFIXES.get(number[:4], "33") + number[1:]
    if not (_DIGITS.fullmatch(number) and 8 <= len(number) <= 15) or number.startswith("0"):
        return None
    return _Ident("", number, "+" + number)


def _whatsapp_url(url: _Url) -> _Ident | None:
    segments = url.segments
    first = _first(segments)
    if url.host == "chat.whatsapp.com":  # group invitation: chat.whatsapp.com/<code>
        if first == "invite" and len(segments) >= 2:
            return _coded("group", segments[1])
        return _coded("group", segments[0]) if segments else None
    if url.host == "wa.me":
        if first in ("message", "qr") and len(segments) >= 2:  # business short links: opaque codes
            return _coded(first, segments[1])
        if first == "c" and len(segments) >= 2:  # catalogue: wa.me/c/<number>
            return _phone(segments[1])
        return _phone(segments[0]) if segments else None
    if first == "channel" and len(segments) >= 2:  # whatsapp.com/channel/<code>
        return _coded("channel", segments[1])
    if "phone" in url.query and (not segments or first == "send"):  # api.whatsapp.com/send?phone=…
        return _phone(url.query["phone"])
    return None


# --- Discord ----------------------------------------------------------------------------------------------


def _discord_url(url: _Url) -> _Ident | None:
    segments = url.segments
    first = _first(segments)
    if url.host == "discord.gg":
        if first == "invite" and len(segments) >= 2:
            return _coded("invite", segments[1])
        return _coded("invite", segments[0]) if segments else None
    if first == "invite" and len(segments) >= 2:  # discord.com/invite/<code>: codes are case-sensitive
        return _coded("invite", segments[1])
    if first == "users" and len(segments) >= 2 and _DIGITS.fullmatch(segments[1]):
        return _Ident("id", segments[1])
    return None


def _discord_handle(handle: str) -> _Ident | None:
    return _handle(handle, _DISCORD_USERNAME, keep_case=True)


# --- LinkedIn ---------------------------------------------------------------------------------------------


def _linkedin_url(url: _Url) -> _Ident | None:
    segments = url.segments
    first = _first(segments)
    if len(segments) < 2 or first not in ("in", "company", "school", "showcase"):
        return None
    value = segments[1].lower()
    if not _LINKEDIN_SLUG.fullmatch(value):
        return None
    return _Ident("" if first == "in" else first, value, segments[1])


def _linkedin_handle(handle: str) -> _Ident | None:
    return _handle(handle, _LINKEDIN_SLUG, keep_case=True)


# --- Bluesky ----------------------------------------------------------------------------------------------


def _bluesky_name(raw: str) -> _Ident | None:
    value = raw.removeprefix("@").lower()
    if value.startswith("did:"):  # permanent account identifier: did:plc:… / did:web:…
        return _Ident("did", value[4:]) if _BLUESKY_DID.fullmatch(value) else None
    if "." not in value:  # "jean" is short for the default domain, jean.bsky.social
        value += ".bsky.social"
    return _Ident("", value, "@" + value) if _BLUESKY_HANDLE.fullmatch(value) else None


def _bluesky_url(url: _Url) -> _Ident | None:
    segments = url.segments
    if _first(segments) == "profile" and len(segments) >= 2:  # bsky.app/profile/<handle or did>[/post/…]
        return _bluesky_name(segments[1])
    return None


# --- Other sites (forums, online games…) ------------------------------------------------------------------

# Parameters that only say where a link was shared from, or carry a session: never a profile.
_TRACKING_PARAMS = frozenset(
    """fbclid gclid dclid msclkid yclid twclid ttclid igshid igsh mibextid ref ref_src ref_url refsrc si s t
    feature app hl lang locale _rdr rdid share_id sfnsn is_from_webapp sender_device mc_cid mc_eid _ga _gl
    __cft__ __tn__ eid sid phpsessid jsessionid""".split()
)
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in _TRACKING_PARAMS or name.startswith("utm_")


_SAFE_IN_SEGMENT = "!$&'()*+,;=:@-._~"


def _canonical_segment(segment: str) -> str:
    """One path segment with its percent-encoding made canonical (``%7e``, ``~`` and ``%7E`` agree)."""
    try:
        return quote(unquote(segment, errors="strict"), safe=_SAFE_IN_SEGMENT)
    except UnicodeDecodeError:  # escapes that are not UTF-8: keep them, only normalise the hex case
        return _PERCENT_ESCAPE.sub(lambda match: match[0].upper(), segment)


def _other_url(url: _Url) -> _Ident | None:
    host = url.host.removeprefix("www.")
    if url.port not in (None, 80, 443):
        host = f"{host}:{url.port}"
    # Paths keep their case: on an unknown site, /Jean and /jean may well be two members.
    path = "/".join(_canonical_segment(segment) for segment in url.path.split("/")).rstrip("/")
    params = sorted(
        (name, value)
        for name, value in parse_qsl(url.raw_query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    query = f"?{urlencode(params)}" if params else ""
    return _Ident("url", f"{host}{path}{query}")


def _generic_handle(handle: str) -> _Ident | None:
    return _handle(handle, _GENERIC_HANDLE, keep_case=True)


# --- the registry -----------------------------------------------------------------------------------------

_PLATFORM_LIST = (
    Platform(
        slug="facebook",
        label="Facebook",
        hosts=(
            "facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com",
            "mbasic.facebook.com", "touch.facebook.com", "fb.com", "www.fb.com",
        ),
        host_pattern=re.compile(r"[a-z]{2}-[a-z]{2}\.facebook\.com"),  # fr-fr.facebook.com
        url_parser=_facebook_url,
        handle_parser=_facebook_handle,
    ),
    Platform(
        slug="instagram",
        label="Instagram",
        hosts=("instagram.com", "www.instagram.com", "m.instagram.com", "instagr.am", "www.instagr.am"),
        handle_prefix="@",
        url_parser=_instagram_url,
        handle_parser=_instagram_handle,
    ),
    Platform(
        slug="snapchat",
        label="Snapchat",
        hosts=("snapchat.com", "www.snapchat.com", "story.snapchat.com"),
        url_parser=_snapchat_url,
        handle_parser=_snapchat_handle,
    ),
    Platform(
        slug="tiktok",
        label="TikTok",
        hosts=("tiktok.com", "www.tiktok.com", "m.tiktok.com", "vm.tiktok.com", "vt.tiktok.com"),
        handle_prefix="@",
        url_parser=_tiktok_url,
        handle_parser=_tiktok_handle,
    ),
    Platform(
        slug="whatsapp",
        label="WhatsApp",
        hosts=(
            "wa.me", "api.whatsapp.com", "whatsapp.com", "www.whatsapp.com", "web.whatsapp.com",
            "chat.whatsapp.com",
        ),
        url_parser=_whatsapp_url,
        handle_parser=_phone,
    ),
    Platform(
        slug="x",
        label="X (Twitter)",
        hosts=(
            "x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com",
            "m.twitter.com",
        ),
        handle_prefix="@",
        url_parser=_x_url,
        handle_parser=_x_handle,
    ),
    Platform(
        slug="youtube",
        label="YouTube",
        hosts=("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
        handle_prefix="@",
        url_parser=_youtube_url,
        handle_parser=_youtube_handle,
    ),
    Platform(
        slug="discord",
        label="Discord",
        hosts=("discord.gg", "discord.com", "www.discord.com", "discordapp.com", "www.discordapp.com"),
        url_parser=_discord_url,
        handle_parser=_discord_handle,
    ),
    Platform(
        slug="twitch",
        label="Twitch",
        hosts=("twitch.tv", "www.twitch.tv", "m.twitch.tv"),
        url_parser=_twitch_url,
        handle_parser=_twitch_handle,
    ),
    Platform(
        slug="linkedin",
        label="LinkedIn",
        hosts=("linkedin.com", "www.linkedin.com", "m.linkedin.com"),
        host_pattern=re.compile(r"[a-z]{2}\.linkedin\.com"),  # fr.linkedin.com
        url_parser=_linkedin_url,
        handle_parser=_linkedin_handle,
    ),
    Platform(
        slug="threads",
        label="Threads",
        hosts=("threads.net", "www.threads.net", "threads.com", "www.threads.com"),
        handle_prefix="@",
        url_parser=_threads_url,
        handle_parser=_instagram_handle,  # Threads accounts are Instagram accounts
    ),
    Platform(
        slug="bluesky",
        label="Bluesky",
        hosts=("bsky.app", "www.bsky.app"),
        handle_prefix="@",
        url_parser=_bluesky_url,
        handle_parser=_bluesky_name,
    ),
    Platform(
        slug=OTHER,
        label=_("Autre (forum, jeu en ligne…)"),
        url_parser=_other_url,
        handle_parser=_generic_handle,
    ),
)  # fmt: skip

#: Supported platforms by slug, in the order forms should list them.
PLATFORMS: Mapping[str, Platform] = MappingProxyType({platform.slug: platform for platform in _PLATFORM_LIST})
#: ``choices`` for the ``platform`` CharField of a profile (max length: 16).
PLATFORM_CHOICES: list[tuple[str, str]] = [(platform.slug, platform.label) for platform in _PLATFORM_LIST]

_PLATFORM_BY_HOST = {host: platform for platform in _PLATFORM_LIST for host in platform.hosts}


def _platform_for_host(host: str) -> Platform | None:
    found = _PLATFORM_BY_HOST.get(host)
    if found is None:
        found = next((platform for platform in _PLATFORM_LIST if platform.owns_host(host)), None)
    return found


# --- parsing raw input ------------------------------------------------------------------------------------

# Invisible characters that apps add when a link is copied (zero-width space, direction marks, BOM).
_PASTE_NOISE_CHARS = "\u200b\u200e\u200f\u2060\ufeff"
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_DOMAIN = re.compile(
    r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})"
)


def _clean(value: object, *, refuse_ascii_folding: bool = True) -> str | None:
    """Trimmed NFC text, or None when empty, too long or holding control/format characters."""
    if not isinstance(value, str) or len(value) > MAX_URL_LENGTH:
        return None
    # Apps add invisible marks around a copied link; inside a handle, they are an impostor's trick.
    value = value.strip().strip(_PASTE_NOISE_CHARS)
    if refuse_ascii_folding and _folds_into_ascii_by_nfc(value):
        return None
    text = unicodedata.normalize("NFC", value).strip()
    if not text or any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") for char in text):
        return None
    return text


def _folds_into_ascii_by_nfc(value: str) -> bool:
    """Characters that NFC itself turns into ASCII (the Kelvin sign U+212A becomes "K"): an address or
    handle written with them is not the ASCII one it imitates."""
    return any(
        not char.isascii() and any(c.isascii() for c in unicodedata.normalize("NFC", char)) for char in value
    )


def _parse_url(text: str) -> _Url | None:
    """Split an http(s) address, refusing anything a browser could read differently from us."""
    if any(char.isspace() or char == "\\" for char in text):  # urlsplit drops tabs/newlines silently
        return None
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError when not a number or out of range
        host = (parts.hostname or "").rstrip(".")
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except (ValueError, UnicodeError):
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username is not None:
        return None  # user info (https://instagram.com@evil.example/) is a classic lure
    segments = tuple(unicodedata.normalize("NFC", unquote(part)) for part in parts.path.split("/") if part)
    query: dict[str, str] = {}
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        name = name.lower()
        if name in query and not _is_tracking(name):
            # ?id=B&id=A: the platform may read either one; an ambiguous address never identifies anybody.
            return None
        query[name] = value
    return _Url(host.lower(), port, parts.path, segments, query, parts.query, parts.fragment)


def _looks_like_url(text: str) -> bool:
    if _SCHEME.match(text):
        return True
    if text.startswith("@"):
        return False
    # "x.y" is a valid Instagram handle and looks like a domain: only a path or a known host makes a URL.
    return "/" in text or _platform_for_host(re.split(r"[?#:]", text, maxsplit=1)[0].lower()) is not None


def _resolve(value: object, platform: str | None) -> tuple[str, _Ident] | None:
    """The platform slug (or ``WILDCARD``) and identity of a profile, or None when it is not one."""
    if platform is not None and platform not in PLATFORMS:
        return None
    text = _clean(value)
    if text is None:
        return None
    if not _looks_like_url(text):
        handle = text.removeprefix("@").rstrip("/")
        if not handle:
            return None
        if platform is None:
            ident = _generic_handle(handle)
            return (WILDCARD, ident) if ident else None
        parser = PLATFORMS[platform].handle_parser
        ident = parser(handle) if parser else None
        return (platform, ident) if ident else None

    if text.startswith("//"):  # protocol-relative link
        text = f"https:{text}"
    elif not _SCHEME.match(text):
        text = f"https://{text}"
    url = _parse_url(text)
    if url is None:
        return None
    owner = _platform_for_host(url.host)
    if owner is not None and url.port in (None, 80, 443) and platform in (None, OTHER, owner.slug):
        ident = owner.url_parser(url) if owner.url_parser else None
        if ident is not None:
            return owner.slug, ident
    if owner is not None and platform != OTHER:
        return None  # a known site, but not a profile (a post, a video…) or not the requested platform
    if platform not in (None, OTHER) or not _DOMAIN.fullmatch(url.host):
        return None
    ident = _other_url(url)
    return (OTHER, ident) if ident else None


def _key(slug: str, ident: _Ident) -> str:
    return f"{slug}:{ident.kind}:{ident.value}" if ident.kind else f"{slug}:{ident.value}"


# --- public API -------------------------------------------------------------------------------------------


def normalise_profile(value: object, platform: str | None = None) -> str | None:
    """The matching key of a profile URL or handle, or None when ``value`` does not designate one.

    ``value`` may be a full or scheme-less URL, or a handle with or without ``@``. ``platform`` (a slug
    of :data:`PLATFORMS`) tells how to read a bare handle; for a URL the host decides and ``platform``
    only restricts it (an Instagram URL with ``platform="facebook"`` gives None; ``"other"`` accepts
    any site). A bare handle without platform gives a wildcard key, ``"*:handle"``.

    Never raises: this also runs on public search input.
    """
    resolved = _resolve(value, platform)
    return _key(*resolved) if resolved else None


def handle_from_url(platform: str, url: str) -> str:
    """The handle people know the profile by, e.g. ``"@x.y"`` for an Instagram URL.

    ``@handle`` for Instagram, TikTok, X, Threads, Bluesky and YouTube handles; the page name for
    Facebook (``"Name"`` for ``people/Name/123``); the bare name elsewhere; ``+33612345678`` for WhatsApp.
    Returns ``""`` when the address is not a profile of ``platform`` or only carries a numeric id or an
    opaque code. Never raises.
    """
    resolved = _resolve(url, platform)
    return resolved[1].display if resolved else ""


def detect_platform(url: str) -> str | None:
    """The slug of the platform a profile URL belongs to (``"other"`` for an unknown site), else None."""
    resolved = _resolve(url, None)
    return resolved[0] if resolved and resolved[0] != WILDCARD else None


def validate_profile_url(platform: str, url: str) -> None:
    """Check that ``url`` is an https link to a profile on ``platform``; raise ``ValidationError`` if not.

    For ``"other"`` any well-formed https address is accepted.
    """
    if platform not in PLATFORMS:
        raise ValidationError(_("Réseau social inconnu."), code="unknown_platform")
    label = PLATFORMS[platform].label
    text = url.strip() if isinstance(url, str) else ""
    if not text:
        raise ValidationError(_("Indiquez l'adresse du profil."), code="required")
    if len(text) > MAX_URL_LENGTH:
        raise ValidationError(
            _("L'adresse est trop longue (%(max)d caractères au maximum)."),
            code="too_long",
            params={"max": MAX_URL_LENGTH},
        )
    if not text.lower().startswith("https://"):
        raise ValidationError(_("L'adresse doit commencer par https://."), code="https_required")
    has_invisible = any(unicodedata.category(char).startswith("C") for char in text)
    parsed = None if has_invisible else _parse_url(text)
    owner = _platform_for_host(parsed.host) if parsed else None
    if parsed is None or (owner is None and not _DOMAIN.fullmatch(parsed.host)):
        raise ValidationError(_("Cette adresse n'est pas valide."), code="invalid")
    if platform != OTHER and (owner is None or owner.slug != platform or parsed.port not in (None, 443)):
        raise ValidationError(
            _("Cette adresse n'est pas un profil %(platform)s."),
            code="wrong_platform",
            params={"platform": label},
        )
    if normalise_profile(text, platform) is None:
        raise ValidationError(
            _("Cette adresse ne mène pas à un profil %(platform)s : ouvrez le profil et copiez son adresse."),
            code="not_a_profile",
            params={"platform": label},
        )


def matches(query_key: str | None, profile_key: str | None) -> bool:
    """Whether two keys from :func:`normalise_profile` designate the same profile.

    Keys must be equal, except that a wildcard key (``"*:x.y"``, a bare handle) matches a profile of any
    platform when that platform reads the same bare handle as that profile (Facebook ignores dots and
    reads a number as a profile id, WhatsApp reads French phone numbers…). A kind never matches another
    kind: ``facebook:id:1`` is not ``facebook:1``, ``*:abc`` is not the Discord invite ``discord:invite:abc``.
    """
    if not (isinstance(query_key, str) and isinstance(profile_key, str)) or not query_key or not profile_key:
        return False
    if query_key == profile_key:
        return True
    if profile_key.startswith(f"{WILDCARD}:") and not query_key.startswith(f"{WILDCARD}:"):
        query_key, profile_key = profile_key, query_key
    query_platform, _sep, handle = query_key.partition(":")
    profile_platform = profile_key.partition(":")[0]
    if query_platform != WILDCARD or not handle or ":" in handle or profile_platform not in PLATFORMS:
        return False
    # "@" forces the handle reading even when the handle looks like a host ("x.com" on Bluesky).
    return normalise_profile(f"@{handle}", profile_platform) == profile_key


_WHITESPACE = re.compile(r"\s+")


def displayed_spelling(text: object) -> str:
    """A handle or name as a card shows it, reduced to compare it with what a visitor types: trimmed, NFC,
    without the leading "@", runs of spaces as one, lower-cased only when it is all ASCII (nothing of another
    script is folded into Latin). "" when ``text`` cannot be one."""
    cleaned = _clean(text)
    if cleaned is None:
        return ""
    spelling = _WHITESPACE.sub(" ", cleaned.removeprefix("@")).strip()
    return spelling.lower() if spelling.isascii() else spelling


def is_phone_number(text: object) -> bool:
    """Whether ``text`` is written as a phone number (06 12 34 56 78, +33 6 12…, 0033…)."""
    cleaned = _clean(text)
    return (
        bool(cleaned)
        and bool(re.fullmatch(r"\+?[0-9][0-9\s.()/-]{6,24}", cleaned))
        and _phone(cleaned) is not None
    )


def conflicting_handle(platform: str, handle: str, url: str) -> bool:
    """Whether a declared handle reads, on its platform, as another account than the profile's address
    (``@lea`` declared for instagram.com/camille): shown on a card, it would send families to a stranger."""
    url_key = normalise_profile(url, platform)
    handle_key = normalise_profile(f"@{str(handle).strip().removeprefix('@')}", platform)
    if not url_key or not handle_key:
        return False
    url_is_handle = url_key.count(":") == 1
    return url_is_handle and handle_key.count(":") == 1 and handle_key != url_key


def verification_keys(platform: str, handle: str, url: str) -> tuple[str, str]:
    """(shown spelling, look-alike key) of a declared profile, for SocialProfile's indexed columns.

    The shown spelling is left empty when the declared handle names another account (conflicting_handle):
    typing it must never lead to this profile. The look-alike key is the skeleton of the handle the card
    shows, or of the one the address carries."""
    from directory.lookalike import lookalike_key

    shown = handle or handle_from_url(platform, url)
    spelling = "" if conflicting_handle(platform, handle or "", url) else displayed_spelling(shown)
    identity = handle_from_url(platform, url) or shown
    return (f"{platform}:{spelling}"[:200] if spelling else "", lookalike_key(platform, identity)[:200])


def address_handle(text: object) -> tuple[str | None, str]:
    """(network slug, name) that an address seems to point at, even when it is not a valid profile
    (``instagram.com/саmille``, with a Cyrillic "а"): what the look-alike warning compares. (None, "")
    when ``text`` is not an address of a known network."""
    cleaned = _clean(text, refuse_ascii_folding=False)
    if cleaned is None or not _looks_like_url(cleaned):
        return None, ""
    if not _SCHEME.match(cleaned):
        cleaned = f"https://{cleaned.removeprefix('//')}"
    url = _parse_url(cleaned)
    owner = _platform_for_host(url.host) if url else None
    if owner is None or not url.segments:
        return None, ""
    at = [segment for segment in url.segments if segment.startswith("@")]
    return owner.slug, (at[0] if at else url.segments[-1]).removeprefix("@")


_PROFILE_URL_TEMPLATES = {
    "facebook": "https://www.facebook.com/{}",
    "instagram": "https://www.instagram.com/{}/",
    "snapchat": "https://www.snapchat.com/add/{}",
    "tiktok": "https://www.tiktok.com/@{}",
    "whatsapp": "https://wa.me/{}",
    "x": "https://x.com/{}",
    "youtube": "https://www.youtube.com/@{}",
    "twitch": "https://www.twitch.tv/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "threads": "https://www.threads.net/@{}",
    "bluesky": "https://bsky.app/profile/{}",
}


def profile_url_from_handle(platform: str, handle: str) -> str:
    """The canonical https address of the profile ``handle`` on ``platform`` (e.g. ``"@lea.pdn18"`` on
    Instagram → ``https://www.instagram.com/lea.pdn18/``), or ``""`` when the handle is not one or the
    platform has no address for a handle (a Discord username, "other"). Built only when the address
    designates the very profile the handle does, by the rules of :func:`normalise_profile`. Never raises."""
    template = _PROFILE_URL_TEMPLATES.get(platform)
    resolved = _resolve(handle, platform) if template else None
    if resolved is None or resolved[1].kind:
        return ""
    key = _key(*resolved)
    shown = resolved[1].display.removeprefix("@").removeprefix("+")
    # The handle as the platform shows it when it names the same profile (karim.pdn18 rather than the
    # key's karimpdn18), else the key's spelling.
    for candidate in (shown, resolved[1].value):
        url = template.format(quote(candidate, safe="@.-_"))
        if normalise_profile(url, platform) == key:
            return url
    return ""
