"""« Vérifier un promeneur »: does this profile URL or handle belong to a labelled promeneur?

The visitor's input and every declared profile go through ``directory.social.normalise_profile``; stored
profiles keep their key in the indexed ``SocialProfile.normalised_key`` column, so a check is one indexed
lookup, never a loop over all profiles:

* a URL or a handle with a platform gives one key, looked up exactly;
* a bare handle (``@x.y``) gives a wildcard key ``*:x.y``; the handle is read the way each platform would
  read it (``normalise_profile("@x.y", platform)``), which gives at most one key per platform, and those
  keys are looked up together. This is exactly ``social.matches`` for wildcard keys, done in SQL.

Only publicly listed promeneurs count: suspended, withdrawn, candidates or those whose structure's
convention ended are "not found" (a false "yes" would vouch for an impersonator).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from directory.annuaire import with_card_relations
from directory.models import PromeneurPage, SocialProfile
from directory.social import MAX_URL_LENGTH, PLATFORMS, WILDCARD, matches, normalise_profile


@dataclass
class Verification:
    text: str
    key: str | None
    #: Matching promeneurs of the section's département (all of them on the national site).
    here: list[PromeneurPage] = field(default_factory=list)
    #: Matching promeneurs of other départements (only on a département's site: the network is national).
    elsewhere: list[PromeneurPage] = field(default_factory=list)

    @property
    def recognised(self) -> bool:
        """Whether the input looked like a profile at all (else the answer explains what to paste)."""
        return self.key is not None

    @property
    def found(self) -> bool:
        return bool(self.here or self.elsewhere)


def candidate_keys(key: str) -> list[str]:
    """The stored keys that ``key`` matches (see the module docstring)."""
    platform, _sep, handle = key.partition(":")
    if platform != WILDCARD:
        return [key]
    keys = {normalise_profile(f"@{handle}", slug) for slug in PLATFORMS}
    return sorted(key for key in keys if key)


def matching_promeneurs(key: str):
    """Publicly listed promeneurs having a profile that matches ``key``, with their card relations."""
    profile_owners = SocialProfile.objects.filter(normalised_key__in=candidate_keys(key)).values(
        "promeneur_id"
    )
    queryset = PromeneurPage.objects.publicly_listed().filter(pk__in=profile_owners)
    return with_card_relations(queryset).order_by("first_name", "pk")


def verify_profile(text: str, section) -> Verification:
    text = (text or "").strip()[:MAX_URL_LENGTH]
    key = normalise_profile(text)
    verification = Verification(text=text, key=key)
    if key is None:
        return verification
    department = section.department if section else None
    for promeneur in matching_promeneurs(key):
        # Belt and braces: the SQL lookup and social.matches must agree; never vouch on a doubt.
        if not any(matches(key, profile.normalised_key) for profile in promeneur.social_profiles.all()):
            continue
        promeneur.distance_km = None
        if department is None or promeneur.department_id == department.pk:
            verification.here.append(promeneur)
        else:
            verification.elsewhere.append(promeneur)
    return verification
