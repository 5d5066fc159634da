"""« Vérifier un promeneur »: is the account that wrote to a family a labelled promeneur's?

The answer always names what matched (network, the handle exactly as declared, the promeneur's card), and
a wrong "oui" is the one thing it must never say. The visitor gives a profile address or a handle, and
optionally the network; the declared profiles are looked up through indexed columns of SocialProfile:

* ``normalised_key``: the profile's identity (directory.social.normalise_profile). An address, or a handle
  with its network, gives one key, looked up exactly: a match is an **oui** on that network only;
* a **bare handle** (no address, no network) is read the way each network reads it; every network where it
  is a promeneur's is listed, and the answer says that on any other network it is not (never a plain "oui");
* ``shown_spelling``: what the card shows when it is not the identity itself (a Discord invitation's code, a
  Facebook display name): the answer names the profile and tells the visitor to check its address;
* ``lookalike_key``: the handle's skeleton (directory.lookalike); a handle one confusable step from a listed
  one gets « Non — attention : ce nom ressemble beaucoup au compte de… », never a match.

Only publicly listed promeneurs count: suspended, withdrawn, candidates or those whose structure's
convention ended are "not found".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from directory.annuaire import with_card_relations
from directory.lookalike import near_skeletons
from directory.models import PromeneurPage, SocialProfile
from directory.social import (
    MAX_URL_LENGTH,
    PLATFORMS,
    WILDCARD,
    address_handle,
    displayed_spelling,
    handle_from_url,
    is_phone_number,
    matches,
    normalise_profile,
)

# Outcomes, as the weekly statistics count them.
YES = "oui"
NO = "non"
LOOKALIKE = "ressemblance"
UNRECOGNISED = "non_reconnu"


@dataclass
class ProfileMatch:
    """One declared profile of a publicly listed promeneur that the input designates (or imitates)."""

    promeneur: PromeneurPage
    profile: SocialProfile
    #: True: the input is this profile's identity; False: only the name its card shows (check the address).
    exact: bool = True

    @property
    def platform(self) -> str:
        return self.profile.platform

    @property
    def platform_label(self) -> str:
        return self.profile.platform_label

    @property
    def handle(self) -> str:
        """The handle exactly as declared (else as the address carries it)."""
        profile = self.profile
        return profile.handle or handle_from_url(profile.platform, profile.url) or profile.url

    @property
    def department(self):
        return self.promeneur.department


@dataclass
class Verification:
    text: str
    #: The network the answer is about: chosen by the visitor, or the one of the pasted address.
    platform: str | None
    key: str | None
    #: A handle typed without address nor network: the answer lists networks, it never says "oui".
    bare: bool = False
    #: The network the visitor chose, when the pasted address is of another one.
    chosen_platform_ignored: str | None = None
    matches: list[ProfileMatch] = field(default_factory=list)
    lookalikes: list[ProfileMatch] = field(default_factory=list)

    #: The input reads as a handle (even one no network accepts, e.g. with the Kelvin sign).
    handle_like: bool = False

    @property
    def recognised(self) -> bool:
        return (
            self.key is not None or bool(self.lookalikes) or (self.handle_like and self.platform is not None)
        )

    @property
    def exact_matches(self) -> list[ProfileMatch]:
        return [match for match in self.matches if match.exact]

    @property
    def shown_matches(self) -> list[ProfileMatch]:
        return [match for match in self.matches if not match.exact]

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def platform_label(self) -> str:
        platform = PLATFORMS.get(self.platform or "")
        return str(platform.label) if platform else ""

    @property
    def matched_platforms(self) -> list[str]:
        """Labels of the networks where a bare handle is a promeneur's, in the registry's order."""
        slugs = {match.platform for match in self.matches}
        return [str(platform.label) for slug, platform in PLATFORMS.items() if slug in slugs]

    @property
    def outcome(self) -> str:
        if self.matches:
            return YES
        if self.lookalikes:
            return LOOKALIKE
        return NO if self.recognised else UNRECOGNISED


def candidate_keys(key: str) -> list[str]:
    """The stored keys that ``key`` matches: itself, or for a wildcard key its reading on each network."""
    platform, _sep, handle = key.partition(":")
    if platform != WILDCARD:
        return [key]
    keys = {normalise_profile(f"@{handle}", slug) for slug in PLATFORMS}
    return sorted(key for key in keys if key)


def _listed_profiles(**lookup):
    """Declared profiles of publicly listed promeneurs, with what their card shows."""
    # The profiles with these keys first (one indexed lookup; a look-alike search sends hundreds of keys,
    # compiled once), then their owners among the publicly listed promeneurs: a profile whose owner is not
    # listed is dropped below. Most questions match no profile and stop after the first query.
    profiles = list(
        SocialProfile.objects.filter(**lookup).order_by(
            "promeneur__first_name", "promeneur_id", "sort_order", "pk"
        )
    )
    if not profiles:
        return []
    listed = PromeneurPage.objects.publicly_listed().filter(pk__in={p.promeneur_id for p in profiles})
    owners = {p.pk: p for p in with_card_relations(listed)}
    found = []
    for profile in profiles:
        promeneur = owners.get(profile.promeneur_id)
        if promeneur is not None:
            promeneur.distance_km = None
            found.append((promeneur, profile))
    return found


def _platforms_asked(verification: Verification) -> list[str]:
    return list(PLATFORMS) if verification.platform is None else [verification.platform]


def _shown_spellings(text: str, platforms: list[str]) -> list[str]:
    spelling = displayed_spelling(text)
    return [f"{slug}:{spelling}"[:200] for slug in platforms] if spelling else []


def _lookalike_keys(text: str, platforms: list[str]) -> list[str]:
    address_platform, handle = address_handle(text)
    if address_platform is not None:
        platforms = [slug for slug in platforms if slug == address_platform]
    elif "/" in text:
        return []  # an address of an unknown site: nothing to compare
    else:
        handle = text
    near = near_skeletons(handle)
    return [f"{slug}:{skeleton}" for slug in platforms for skeleton in near]


def verify_profile(text: str, section=None, platform: str | None = None) -> Verification:
    """The answer to « is this account a promeneur's? » (``section`` is kept for the callers' symmetry:
    the network is national, so matches anywhere count; the template says which département)."""
    text = (text or "").strip()[:MAX_URL_LENGTH]
    platform = platform if platform in PLATFORMS else None
    key = normalise_profile(text)
    verification = Verification(text=text, platform=platform, key=None)

    if key is not None and not key.startswith(f"{WILDCARD}:"):
        # An address: its own network decides (a visitor's choice cannot make it another network's).
        verification.platform = key.partition(":")[0]
        if platform and platform != verification.platform:
            verification.chosen_platform_ignored = platform
        verification.key = key
    elif platform is not None:
        verification.key = normalise_profile(text, platform) or normalise_profile(f"@{text}", platform)
    elif is_phone_number(text):
        verification.platform = "whatsapp"
        verification.key = normalise_profile(text, "whatsapp")
    else:
        verification.key = key
        verification.bare = key is not None or bool(displayed_spelling(text))
    address_platform = address_handle(text)[0]
    if address_platform and verification.key is None:
        verification.platform = address_platform  # an address of a network, but not a valid profile

    verification.handle_like = bool(displayed_spelling(text)) and not any(c in text for c in " /")
    platforms = _platforms_asked(verification)
    seen = set()
    if verification.key is not None:
        keys = candidate_keys(verification.key)
        for promeneur, profile in _listed_profiles(normalised_key__in=keys):
            # Belt and braces: the SQL lookup and social.matches must agree; never vouch on a doubt.
            if matches(verification.key, profile.normalised_key) and profile.platform in platforms:
                verification.matches.append(ProfileMatch(promeneur, profile, exact=True))
                seen.add(profile.pk)
    spellings = _shown_spellings(text, platforms)
    if spellings and (verification.bare or verification.platform):
        for promeneur, profile in _listed_profiles(shown_spelling__in=spellings):
            if profile.pk not in seen:
                verification.matches.append(ProfileMatch(promeneur, profile, exact=False))
                seen.add(profile.pk)

    # Look-alikes: on the networks asked about, where the input matched nobody.
    matched_platforms = {match.platform for match in verification.matches}
    lookalike_platforms = [slug for slug in platforms if slug not in matched_platforms]
    keys = _lookalike_keys(text, lookalike_platforms) if lookalike_platforms else []
    if keys:
        for promeneur, profile in _listed_profiles(lookalike_key__in=keys):
            if profile.pk not in seen:
                verification.lookalikes.append(ProfileMatch(promeneur, profile, exact=False))
                seen.add(profile.pk)
    return verification
