"""Social profile URLs: validation of what promeneurs declare, matching keys for what families paste."""

import os
import string

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from directory.social import (
    _INSTAGRAM_RESERVED,
    MAX_URL_LENGTH,
    OTHER,
    PLATFORM_CHOICES,
    PLATFORMS,
    WILDCARD,
    detect_platform,
    handle_from_url,
    matches,
    normalise_profile,
    validate_profile_url,
)

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    # Lets this pure-Python module be tested without pytest-django (messages are lazy translations).
    settings.configure(USE_I18N=False)

ALL_PLATFORMS = list(PLATFORMS)
KNOWN_KINDS = {"id", "group", "channel", "c", "user", "invite", "message", "qr", "company", "school",
               "showcase", "did", "url"}  # fmt: skip
fuzz = hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- registry ---------------------------------------------------------------------------------------------


def test_platforms_are_listed_in_form_order():
    assert ALL_PLATFORMS == [
        "facebook", "instagram", "snapchat", "tiktok", "whatsapp", "x", "youtube", "discord", "twitch",
        "linkedin", "threads", "bluesky", "other",
    ]  # fmt: skip


def test_choices_follow_the_registry():
    assert [slug for slug, _label in PLATFORM_CHOICES] == ALL_PLATFORMS
    assert dict(PLATFORM_CHOICES)["x"] == "X (Twitter)"
    assert str(dict(PLATFORM_CHOICES)[OTHER]) == "Autre (forum, jeu en ligne…)"


def test_registry_is_read_only():
    with pytest.raises(TypeError):
        PLATFORMS["myspace"] = PLATFORMS["facebook"]  # type: ignore[index]


@pytest.mark.parametrize("slug", ALL_PLATFORMS)
def test_slugs_fit_a_short_charfield(slug):
    assert slug == PLATFORMS[slug].slug
    assert len(slug) <= 16
    assert str(PLATFORMS[slug].label)


def test_no_host_belongs_to_two_platforms():
    hosts = [host for platform in PLATFORMS.values() for host in platform.hosts]
    assert len(hosts) == len(set(hosts))


@pytest.mark.parametrize(
    ("slug", "host"),
    [
        ("facebook", "facebook.com"), ("facebook", "www.facebook.com"), ("facebook", "m.facebook.com"),
        ("facebook", "web.facebook.com"), ("facebook", "fb.com"), ("facebook", "fr-fr.facebook.com"),
        ("instagram", "instagram.com"), ("instagram", "www.instagram.com"), ("instagram", "m.instagram.com"),
        ("x", "x.com"), ("x", "twitter.com"), ("x", "mobile.twitter.com"),
        ("youtube", "youtube.com"), ("youtube", "m.youtube.com"), ("youtube", "youtu.be"),
        ("tiktok", "tiktok.com"), ("tiktok", "www.tiktok.com"), ("tiktok", "m.tiktok.com"),
        ("tiktok", "vm.tiktok.com"), ("snapchat", "snapchat.com"), ("snapchat", "www.snapchat.com"),
        ("whatsapp", "wa.me"), ("whatsapp", "api.whatsapp.com"), ("whatsapp", "whatsapp.com"),
        ("discord", "discord.gg"), ("discord", "discord.com"), ("twitch", "twitch.tv"),
        ("twitch", "m.twitch.tv"), ("linkedin", "www.linkedin.com"), ("linkedin", "fr.linkedin.com"),
        ("threads", "threads.net"), ("threads", "www.threads.com"), ("bluesky", "bsky.app"),
        ("instagram", "WWW.Instagram.COM."),
    ],
)  # fmt: skip
def test_platform_owns_its_hosts(slug, host):
    assert PLATFORMS[slug].owns_host(host)


@pytest.mark.parametrize(
    ("slug", "host"),
    [
        ("instagram", "instagram.com.evil.example"), ("instagram", "evilinstagram.com"),
        ("facebook", "facebook.co"), ("facebook", "www.facebook.com.fr"), ("x", "x.co"),
        ("linkedin", "www2.linkedin.com"), ("other", "forum.example.org"),
    ],
)  # fmt: skip
def test_platform_does_not_own_lookalike_hosts(slug, host):
    assert not PLATFORMS[slug].owns_host(host)


# --- normalise_profile: every spelling of one profile gives one key --------------------------------------

SAME_PROFILE = {
    "instagram:x.y": [
        ("https://www.instagram.com/x.y/", None),
        ("instagram.com/X.Y", None),
        ("http://instagram.com/x.y?igshid=abc", None),
        ("https://m.instagram.com/x.y/#top", None),
        ("https://www.instagram.com/x.y/reels/", None),
        ("https://www.instagram.com/x.y/?igsh=MWx0&utm_source=qr", None),
        ("https://instagram.com/stories/x.y/3141592653589/", None),
        ("HTTPS://WWW.INSTAGRAM.COM/X.Y", None),
        ("//instagram.com/x.y", None),
        ("  https://www.instagram.com/x.y/\u200b ", None),
        ("https://www.instagram.com./x.y", None),
        ("https://www.instagram.com:443/x.y", None),
        ("@x.y", "instagram"),
        ("x.y", "instagram"),
        ("X.Y", "instagram"),
        ("https://www.instagram.com/x.y/", "instagram"),
        ("https://www.instagram.com/x.y/", OTHER),
    ],
    "*:x.y": [("@x.y", None), ("x.y", None), ("@X.Y", None), (" @x.y/ ", None)],
    "facebook:jeanpromeneur": [
        ("https://m.facebook.com/jean.promeneur", None),
        ("https://www.facebook.com/jean.promeneur/?ref=bookmarks", None),
        ("https://web.facebook.com/Jean.Promeneur?mibextid=ZbWKwL", None),
        ("https://www.facebook.com/jeanpromeneur", None),  # Facebook ignores dots in usernames
        ("facebook.com/jean.promeneur/photos", None),
        ("https://fb.com/jean.promeneur#about", None),
        ("https://fr-fr.facebook.com/jean.promeneur", None),
        ("https://www.facebook.com/pg/jean.promeneur/posts/", None),
        ("@jean.promeneur", "facebook"),
        ("Jean.Promeneur", "facebook"),
    ],
    "facebook:page": [("facebook.com/page/photos", None), ("https://www.facebook.com/page/", None)],
    "facebook:id:1000123": [
        ("https://www.facebook.com/profile.php?id=1000123&mibextid=abc", None),
        ("http://m.facebook.com/profile.php?id=1000123", None),
        ("https://www.facebook.com/profile.php?ref=bookmarks&id=1000123", None),
        ("https://www.facebook.com/people/Jean-Promeneur/1000123/", None),
        ("https://www.facebook.com/pages/Centre-social/1000123", None),
        ("https://www.facebook.com/1000123", None),
        ("1000123", "facebook"),
    ],
    "facebook:id:100083123456789": [
        ("https://www.facebook.com/p/Centre-Social-des-Tilleuls-100083123456789/", None),
        ("https://www.facebook.com/Centre-Social-des-Tilleuls-100083123456789", None),
    ],
    "facebook:group:promeneurs.du.net": [
        ("https://www.facebook.com/groups/promeneurs.du.net/", None),
        ("https://m.facebook.com/groups/Promeneurs.du.net/permalink/123/", None),
    ],
    "x:jean_pdn": [
        ("https://x.com/Jean_PdN", None),
        ("https://twitter.com/jean_pdn/status/1234567890?s=20&t=abc", None),
        ("https://mobile.twitter.com/JEAN_PDN", None),
        ("https://twitter.com/#!/Jean_PdN", None),
        ("https://x.com/intent/user?screen_name=Jean_PdN", None),
        ("@Jean_PdN", "x"),
    ],
    "x:id:123456": [
        ("https://x.com/i/user/123456", None),
        ("https://x.com/intent/follow?user_id=123456", None),
    ],
    "tiktok:jean.pdn": [
        ("https://www.tiktok.com/@jean.pdn", None),
        ("https://m.tiktok.com/@Jean.PdN/video/7300000000000000000?lang=fr", None),
        ("https://www.tiktok.com/%40jean.pdn?is_from_webapp=1&sender_device=pc", None),
        ("@jean.pdn", "tiktok"),
    ],
    "snapchat:jean.pdn": [
        ("https://www.snapchat.com/add/jean.pdn", None),
        ("https://snapchat.com/add/Jean.PdN?share_id=abc&locale=fr-FR", None),
        ("https://www.snapchat.com/@jean.pdn", None),
        ("jean.pdn", "snapchat"),
    ],
    "twitch:jean_pdn": [
        ("https://www.twitch.tv/jean_pdn", None),
        ("https://m.twitch.tv/Jean_PdN/videos", None),
        ("jean_pdn", "twitch"),
    ],
    "youtube:jeanpdn": [
        ("https://www.youtube.com/@JeanPdN", None),
        ("https://m.youtube.com/@jeanpdn/videos?feature=shared", None),
        ("youtube.com/@JEANPDN/", None),
        ("@JeanPdN", "youtube"),
    ],
    "youtube:channel:UCabc123_-XYZ": [
        ("https://www.youtube.com/channel/UCabc123_-XYZ", None),
        ("https://m.youtube.com/channel/UCabc123_-XYZ/featured?si=xyz", None),
    ],
    "youtube:c:centresocial": [
        ("https://www.youtube.com/c/CentreSocial", None),
        ("https://www.youtube.com/centresocial", None),
    ],
    "youtube:user:centresocial": [("https://www.youtube.com/user/CentreSocial/videos", None)],
    "whatsapp:33612345678": [
        ("https://wa.me/33612345678", None),
        ("https://wa.me/33612345678?text=Bonjour", None),
        ("https://api.whatsapp.com/send?phone=33612345678", None),
        ("https://api.whatsapp.com/send/?phone=%2B33612345678&text&type=phone_number&app_absent=0", None),
        ("https://wa.me/c/33612345678", None),
        ("+33 6 12 34 56 78", "whatsapp"),
        ("06 12 34 56 78", "whatsapp"),
        ("06.12.34.56.78", "whatsapp"),
        ("0033612345678", "whatsapp"),
    ],
    "whatsapp:590690123456": [("0690 12 34 56", "whatsapp"), ("https://wa.me/590690123456", None)],
    "whatsapp:channel:0029VaAbCdEf": [("https://www.whatsapp.com/channel/0029VaAbCdEf", None)],
    "whatsapp:group:AbCdEf123": [("https://chat.whatsapp.com/AbCdEf123", None)],
    "discord:invite:AbCd12": [
        ("https://discord.gg/AbCd12", None),
        ("https://discord.com/invite/AbCd12", None),
        ("https://discordapp.com/invite/AbCd12", None),
    ],
    "discord:id:80351110224678912": [("https://discord.com/users/80351110224678912", None)],
    "discord:jean.pdn": [("jean.pdn", "discord"), ("@Jean.PdN", "discord")],
    "linkedin:jean-promeneur-123": [
        ("https://www.linkedin.com/in/jean-promeneur-123/", None),
        ("https://fr.linkedin.com/in/Jean-Promeneur-123?originalSubdomain=fr", None),
        ("jean-promeneur-123", "linkedin"),
    ],
    "linkedin:company:centre-social": [("https://www.linkedin.com/company/centre-social/about/", None)],
    "threads:jean.pdn": [
        ("https://www.threads.net/@jean.pdn", None),
        ("https://threads.com/@Jean.PdN/post/C1a2b3", None),
        ("@jean.pdn", "threads"),
    ],
    "bluesky:jean.bsky.social": [
        ("https://bsky.app/profile/jean.bsky.social", None),
        ("https://bsky.app/profile/Jean.bsky.social/post/3kabc", None),
        ("@jean.bsky.social", "bluesky"),
        ("jean", "bluesky"),
    ],
    "bluesky:did:plc:abcdefghijklmnopqrstuvwx": [
        ("https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx", None),
    ],
    "other:url:forum.example.org/membre/Jean": [
        ("https://forum.example.org/membre/Jean", None),
        ("http://www.forum.example.org/membre/Jean/?utm_source=newsletter&fbclid=abc", None),
        ("forum.example.org/membre/Jean#messages", None),
        ("https://forum.example.org/membre/Jean", OTHER),
        ("https://FORUM.example.org/membre/%4Aean", OTHER),
    ],
    "other:url:forum.example.org/memberlist.php?mode=viewprofile&u=42": [
        ("https://forum.example.org/memberlist.php?u=42&mode=viewprofile&sid=", None),
        ("https://forum.example.org/memberlist.php?mode=viewprofile&u=42&utm_medium=x", None),
    ],
    "other:pseudo_jeu": [("Pseudo_Jeu", OTHER), ("@pseudo_jeu", OTHER)],
}


@pytest.mark.parametrize(
    ("value", "platform", "expected"),
    [(value, platform, key) for key, spellings in SAME_PROFILE.items() for value, platform in spellings],
)
def test_every_spelling_of_a_profile_gives_the_same_key(value, platform, expected):
    assert normalise_profile(value, platform) == expected


# --- normalise_profile: different profiles never share a key ---------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://www.facebook.com/profile.php?id=1", "https://www.facebook.com/profile.php?id=2"),
        ("https://www.facebook.com/profile.php?id=1", "https://www.facebook.com/profile.php?id=10"),
        ("https://www.youtube.com/channel/UCabc", "https://www.youtube.com/channel/UCABC"),
        ("https://www.youtube.com/@centresocial", "https://www.youtube.com/c/centresocial"),
        ("https://www.youtube.com/c/centresocial", "https://www.youtube.com/user/centresocial"),
        ("https://www.youtube.com/@centresocial", "https://www.youtube.com/user/centresocial"),
        ("https://discord.gg/AbCd12", "https://discord.gg/abcd12"),
        ("https://chat.whatsapp.com/AbCdEf123", "https://chat.whatsapp.com/abcdef123"),
        ("https://www.instagram.com/x.y", "https://www.instagram.com/x_y"),
        ("https://www.instagram.com/x.y", "https://www.instagram.com/xy"),  # dots count on Instagram
        ("https://www.instagram.com/x.y", "https://www.facebook.com/x.y"),
        ("https://www.instagram.com/x.y", "https://www.threads.net/@x.y"),
        ("https://www.tiktok.com/@jean", "https://www.instagram.com/jean"),
        ("https://www.facebook.com/groups/centresocial", "https://www.facebook.com/centresocial"),
        ("https://www.linkedin.com/in/centre-social", "https://www.linkedin.com/company/centre-social"),
        ("https://forum.example.org/membre/Jean", "https://forum.example.org/membre/jean"),
        ("https://forum.example.org/membre/jean", "https://forum.example.org/membre/jean2"),
        ("https://forum.example.org/u?id=1", "https://forum.example.org/u?id=2"),
        ("https://forum.example.org/", "https://autre-forum.example.org/"),
        ("https://forum.example.org:8443/u/jean", "https://forum.example.org/u/jean"),
        ("https://wa.me/33612345678", "https://wa.me/33612345679"),
        ("https://x.com/i/user/123456", "https://x.com/abc123456"),
        ("https://discord.com/users/123456789", "https://discord.gg/abc123456789"),
    ],
)
def test_different_profiles_get_different_keys(first, second):
    first_key, second_key = normalise_profile(first), normalise_profile(second)
    assert first_key is not None
    assert second_key is not None
    assert first_key != second_key


def test_facebook_id_and_handle_kinds_never_collide():
    assert normalise_profile("https://www.facebook.com/profile.php?id=1") == "facebook:id:1"
    assert normalise_profile("https://www.facebook.com/id") == "facebook:id"
    assert normalise_profile("https://www.facebook.com/id") != normalise_profile(
        "https://www.facebook.com/profile.php?id=1"
    )


def test_youtube_channel_ids_keep_their_case():
    assert normalise_profile("https://www.youtube.com/channel/UCabc") == "youtube:channel:UCabc"
    assert normalise_profile("https://www.youtube.com/channel/UCABC") == "youtube:channel:UCABC"


def test_bare_domain_like_handle_is_a_handle_not_a_site():
    assert normalise_profile("jean.dupont") == "*:jean.dupont"
    assert normalise_profile("jean.dupont", OTHER) == "other:jean.dupont"


def test_other_url_and_pseudo_never_collide():
    assert normalise_profile("forum.example.org", OTHER) == "other:forum.example.org"
    assert normalise_profile("https://forum.example.org/", OTHER) == "other:url:forum.example.org"


# --- normalise_profile: what is not a profile gives None -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "platform"),
    [
        # Empty, blank or not text at all.
        (None, None), ("", None), ("   ", None), ("@", None), ("@", "instagram"), ("/", None), (42, None),
        (["https://instagram.com/x"], None), ("\u200b", None),
        # Garbage from a search box.
        ("💥🔥", None), ("x" * 1000, None), ("https://instagram.com/" + "a" * 1000, None),
        ("a" * (MAX_URL_LENGTH + 1), None), ("jean\x00promeneur", None), ("jean\x1b[31m", None),
        ("jean\u202epromeneur", None), ("\ud800", None), ("jean promeneur", None), ("jean@example.org", None),
        ("javascript:alert(1)", None), ("<script>alert(1)</script>", None), ("' OR 1=1 --", None),
        ("%00", None), ("https://", None), ("https://[::1", None), ("http://:80", None),
        ("https://instagram.com:99999/x.y", None), ("https://instagram.com:port/x.y", None),
        # Schemes other than http(s).
        ("ftp://instagram.com/x.y", None), ("file:///etc/passwd", None), ("mailto:jean@example.org", None),
        # Lures: user info, backslashes, whitespace inside, lookalike hosts.
        ("https://instagram.com@evil.example/x.y", None), ("https://instagram.com\\@evil.example/x.y", None),
        ("https://insta\ngram.com/x.y", None), ("https://instagram.com/x.y z", None),
        ("https://instagram.com.evil.example/x.y", "instagram"), ("https://іnstagram.com/x.y", "instagram"),
        # Known platform, but not a profile.
        ("https://www.instagram.com/", None), ("instagram.com", None),
        ("https://www.instagram.com/p/Cabc/", None), ("https://www.instagram.com/reel/Cabc/", None),
        ("https://www.instagram.com/explore/tags/pdn/", None),
        ("https://www.facebook.com/", None), ("https://www.facebook.com/profile.php", None),
        ("https://www.facebook.com/profile.php?id=abc", None), ("https://www.facebook.com/watch/?v=1", None),
        ("https://www.facebook.com/share/1AbCdEf/", None), ("https://www.facebook.com/events/123/", None),
        ("https://www.facebook.com/groups/", None), ("https://www.facebook.com/photo.php?fbid=1", None),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", None), ("https://youtu.be/dQw4w9WgXcQ", None),
        ("https://www.youtube.com/shorts/abc", None), ("https://www.youtube.com/playlist?list=PL1", None),
        ("https://www.tiktok.com/", None), ("https://vm.tiktok.com/ZMabc/", None),
        ("https://www.tiktok.com/tag/pdn", None), ("https://x.com/home", None),
        ("https://x.com/search?q=pdn", None),
        ("https://x.com/hashtag/pdn", None), ("https://www.snapchat.com/", None),
        ("https://www.snapchat.com/discover", None), ("https://www.twitch.tv/directory", None),
        ("https://wa.me/", None), ("https://wa.me/12", None), ("https://wa.me/abc", None),
        ("https://www.whatsapp.com/", None), ("https://discord.com/channels/1/2", None),
        ("https://www.linkedin.com/feed/", None), ("https://www.linkedin.com/in/", None),
        ("https://bsky.app/", None), ("https://www.threads.net/", None),
        # A profile of another platform than the one asked for.
        ("https://www.instagram.com/x.y", "facebook"), ("https://forum.example.org/u/jean", "instagram"),
        ("@x.y", "x"), ("jean.pdn", "twitch"), ("12", "whatsapp"), ("06 12", "whatsapp"),
        # Unknown platform slug, unusable hosts for "other".
        ("x.y", "myspace"), ("x.y", WILDCARD), ("https://localhost/jean", OTHER),
        ("https://192.168.1.1/", OTHER),
        ("https://forum_example.org/u", OTHER), ("https://forum.example.org/u", "myspace"),
    ],
)  # fmt: skip
def test_not_a_profile_gives_none(value, platform):
    assert normalise_profile(value, platform) is None


@pytest.mark.parametrize("platform", [None, *ALL_PLATFORMS])
@pytest.mark.parametrize(
    "value",
    ["", "🙂" * 1000, "é" * 1000, "\x00" * 1000, "/" * 1000, "@" * 1000, "%" * 1000, "https://" * 125,
     "a." * 500, "0" * 1000, "-" * 1000, "[" * 1000, "https://[" + "a" * 990, "\u0301" * 1000],
)  # fmt: skip
def test_long_garbage_is_not_a_profile(value, platform):
    assert normalise_profile(value, platform) is None
    assert handle_from_url(platform, value) == ""


@fuzz
@given(value=st.text(max_size=1000), platform=st.sampled_from([None, *ALL_PLATFORMS, "myspace"]))
@example(value="https://[::1]:80/", platform=None)
@example(value="http://ex\uff0fample.com@instagram.com/x", platform=None)  # NFKC netloc trick
@example(value="https://xn--/x", platform=OTHER)
@example(value="https://" + "a" * 64 + ".com/x", platform=OTHER)
def test_normalise_never_raises_on_garbage(value, platform):
    key = normalise_profile(value, platform)
    if key is not None:
        assert_well_formed(key)
    handle_from_url(platform, value)
    detect_platform(value)


url_like = st.builds(
    lambda scheme, host, path, query: f"{scheme}{host}/{path}{query}",
    st.sampled_from(["https://", "http://", "", "//", "HTTPS://www."]),
    st.sampled_from(
        [host for platform in PLATFORMS.values() for host in platform.hosts] + ["forum.example.org"]
    ),
    st.text(alphabet=string.ascii_letters + string.digits + "._-@/%:#", max_size=60),
    st.sampled_from(["", "?id=123", "?phone=33612345678", "?screen_name=ab", "?utm_source=x&u=1"]),
)


@fuzz
@given(value=url_like, platform=st.sampled_from([None, *ALL_PLATFORMS]))
def test_url_like_input_gives_well_formed_keys(value, platform):
    key = normalise_profile(value, platform)
    if key is not None:
        assert_well_formed(key)
        assert normalise_profile(value) in (key, None) or platform in (None, OTHER)


def assert_well_formed(key):
    slug, _sep, rest = key.partition(":")
    assert slug in PLATFORMS or slug == WILDCARD
    assert rest
    assert not any(char.isspace() for char in key)
    if ":" in rest:  # anything but a handle starts with its kind
        assert rest.partition(":")[0] in KNOWN_KINDS


# --- properties of the keys -------------------------------------------------------------------------------

# Paths Instagram reserves (/explore/, /_u/<handle> app links…) are not handles: the normaliser refuses them.
instagram_handles = st.from_regex(r"[a-z0-9_][a-z0-9._]{0,28}[a-z0-9_]", fullmatch=True).filter(
    lambda handle: handle not in _INSTAGRAM_RESERVED
)


@given(handle=instagram_handles, data=st.data())
def test_instagram_spellings_agree(handle, data):
    spelling = data.draw(
        st.sampled_from(
            [
                f"https://www.instagram.com/{handle}/",
                f"instagram.com/{handle.upper()}",
                f"http://m.instagram.com/{handle}?igshid=abc#top",
                f"https://instagram.com/{handle}/reels/",
            ]
        )
    )
    assert normalise_profile(spelling) == f"instagram:{handle}"
    assert normalise_profile(f"@{handle}", "instagram") == f"instagram:{handle}"
    assert matches(normalise_profile(f"@{handle}"), normalise_profile(spelling))


@given(first=instagram_handles, second=instagram_handles)
def test_distinct_instagram_handles_get_distinct_keys(first, second):
    if first != second:
        assert normalise_profile(f"instagram.com/{first}") != normalise_profile(f"instagram.com/{second}")


@given(first=st.integers(1, 10**20), second=st.integers(1, 10**20))
def test_distinct_facebook_ids_get_distinct_keys(first, second):
    first_key = normalise_profile(f"https://www.facebook.com/profile.php?id={first}")
    second_key = normalise_profile(f"https://www.facebook.com/people/Jean/{second}")
    assert (first_key == second_key) == (first == second)


@given(channel=st.from_regex(r"UC[A-Za-z0-9_-]{22}", fullmatch=True))
def test_youtube_channel_ids_are_case_sensitive(channel):
    key = normalise_profile(f"https://www.youtube.com/channel/{channel}")
    assert key == f"youtube:channel:{channel}"
    if channel.swapcase() != channel:
        assert normalise_profile(f"https://www.youtube.com/channel/{channel.swapcase()}") != key


@given(code=st.from_regex(r"[A-Za-z0-9]{4,12}", fullmatch=True))
def test_discord_invites_are_case_sensitive(code):
    assert normalise_profile(f"https://discord.gg/{code}") == f"discord:invite:{code}"
    assert normalise_profile(f"https://discord.com/invite/{code}") == f"discord:invite:{code}"


# --- handle_from_url ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "url", "expected"),
    [
        ("instagram", "https://www.instagram.com/x.y/", "@x.y"),
        ("instagram", "instagram.com/X.Y?igshid=abc", "@x.y"),
        ("instagram", "@x.y", "@x.y"),
        ("tiktok", "https://www.tiktok.com/@Jean.PdN/video/1", "@jean.pdn"),
        ("x", "https://twitter.com/Jean_PdN/status/1", "@Jean_PdN"),
        ("threads", "https://www.threads.net/@jean.pdn", "@jean.pdn"),
        ("bluesky", "https://bsky.app/profile/Jean.bsky.social", "@jean.bsky.social"),
        ("facebook", "https://www.facebook.com/Jean.Promeneur/?ref=bookmarks", "Jean.Promeneur"),
        ("facebook", "https://www.facebook.com/people/Jean-Promeneur/1000123/", "Jean Promeneur"),
        ("facebook", "https://www.facebook.com/p/Centre-Social-100083123456789/", "Centre Social"),
        ("facebook", "https://www.facebook.com/profile.php?id=1000123", ""),
        ("facebook", "https://www.facebook.com/groups/promeneurs.du.net/", "promeneurs.du.net"),
        ("youtube", "https://www.youtube.com/@JeanPdN/videos", "@JeanPdN"),
        ("youtube", "https://www.youtube.com/c/CentreSocial", "CentreSocial"),
        ("youtube", "https://www.youtube.com/user/CentreSocial", "CentreSocial"),
        ("youtube", "https://www.youtube.com/channel/UCabc123", ""),
        ("snapchat", "https://www.snapchat.com/add/Jean.PdN", "jean.pdn"),
        ("twitch", "https://www.twitch.tv/Jean_PdN", "Jean_PdN"),
        ("whatsapp", "https://wa.me/33612345678", "+33612345678"),
        ("whatsapp", "06 12 34 56 78", "+33612345678"),
        ("whatsapp", "https://chat.whatsapp.com/AbCdEf123", ""),
        ("discord", "https://discord.gg/AbCd12", ""),
        ("linkedin", "https://fr.linkedin.com/in/Jean-Promeneur-123", "Jean-Promeneur-123"),
        ("linkedin", "https://www.linkedin.com/company/centre-social", "centre-social"),
        ("other", "https://forum.example.org/membre/Jean", ""),
        ("other", "Pseudo_Jeu", "Pseudo_Jeu"),
        # Not a profile of this platform.
        ("facebook", "https://www.instagram.com/x.y/", ""),
        ("instagram", "https://www.instagram.com/p/Cabc/", ""),
        ("instagram", "💥", ""),
        ("instagram", "", ""),
        ("myspace", "https://myspace.com/jean", ""),
    ],
)
def test_handle_from_url(platform, url, expected):
    assert handle_from_url(platform, url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.instagram.com/x.y/", "instagram"),
        ("twitter.com/jean", "x"),
        ("https://wa.me/33612345678", "whatsapp"),
        ("https://forum.example.org/u/jean", OTHER),
        ("@x.y", None),
        ("https://www.instagram.com/p/abc", None),
        ("", None),
    ],
)
def test_detect_platform(url, expected):
    assert detect_platform(url) == expected


# --- validate_profile_url -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "url"),
    [
        ("facebook", "https://www.facebook.com/jean.promeneur"),
        ("facebook", "https://www.facebook.com/profile.php?id=1000123&mibextid=abc"),
        ("facebook", "https://m.facebook.com/people/Jean-Promeneur/1000123/"),
        ("instagram", "https://www.instagram.com/x.y/"),
        ("instagram", "HTTPS://WWW.INSTAGRAM.COM/X.Y"),
        ("instagram", " https://www.instagram.com/x.y/ "),
        ("snapchat", "https://www.snapchat.com/add/jean.pdn"),
        ("tiktok", "https://www.tiktok.com/@jean.pdn"),
        ("whatsapp", "https://wa.me/33612345678"),
        ("whatsapp", "https://api.whatsapp.com/send?phone=33612345678"),
        ("x", "https://x.com/jean_pdn"),
        ("x", "https://twitter.com/jean_pdn"),
        ("youtube", "https://www.youtube.com/@JeanPdN"),
        ("youtube", "https://www.youtube.com/channel/UCabc123_-XYZ"),
        ("discord", "https://discord.gg/AbCd12"),
        ("twitch", "https://www.twitch.tv/jean_pdn"),
        ("linkedin", "https://fr.linkedin.com/in/jean-promeneur-123"),
        ("threads", "https://www.threads.net/@jean.pdn"),
        ("bluesky", "https://bsky.app/profile/jean.bsky.social"),
        ("other", "https://forum.example.org/membre/Jean"),
        ("other", "https://jeu.example.fr/"),
        ("other", "https://www.instagram.com/x.y/"),  # "other" accepts any https address
        ("other", "https://youtu.be/dQw4w9WgXcQ"),
        ("other", "https://forum.exemple-éducation.fr/u/jean"),
    ],
)
def test_valid_profile_urls(platform, url):
    validate_profile_url(platform, url)
    assert normalise_profile(url, platform) is not None


NOT_HTTPS = "L'adresse doit commencer par https://."
INVALID = "Cette adresse n'est pas valide."


@pytest.mark.parametrize(
    ("platform", "url", "code", "message"),
    [
        ("instagram", "http://www.instagram.com/x.y/", "https_required", NOT_HTTPS),
        ("instagram", "www.instagram.com/x.y/", "https_required", NOT_HTTPS),
        ("instagram", "@x.y", "https_required", NOT_HTTPS),
        ("other", "http://forum.example.org/u/jean", "https_required", NOT_HTTPS),
        ("other", "ftp://forum.example.org/u/jean", "https_required", NOT_HTTPS),
        ("other", "javascript:alert(1)", "https_required", NOT_HTTPS),
        ("instagram", "", "required", "Indiquez l'adresse du profil."),
        ("instagram", "   ", "required", "Indiquez l'adresse du profil."),
        ("instagram", None, "required", "Indiquez l'adresse du profil."),
        ("myspace", "https://myspace.com/jean", "unknown_platform", "Réseau social inconnu."),
        (
            "other",
            "https://forum.example.org/" + "a" * MAX_URL_LENGTH,
            "too_long",
            f"L'adresse est trop longue ({MAX_URL_LENGTH} caractères au maximum).",
        ),
        ("instagram", "https://", "invalid", INVALID),
        ("instagram", "https://www.instagram.com/x y", "invalid", INVALID),
        ("instagram", "https://www.instagram.com/x.y\u200b", "invalid", INVALID),
        ("instagram", "https://www.instagram.com/x.y\x00", "invalid", INVALID),
        ("instagram", "https://instagram.com@evil.example/x.y", "invalid", INVALID),
        ("instagram", "https://instagram.com\\@evil.example/x.y", "invalid", INVALID),
        ("instagram", "https://[::1/x.y", "invalid", INVALID),
        ("other", "https://localhost/", "invalid", INVALID),
        ("other", "https://192.168.0.1/profil", "invalid", INVALID),
        ("other", "https://forum_example.org/u", "invalid", INVALID),
        (
            "facebook",
            "https://www.instagram.com/x.y/",
            "wrong_platform",
            "Cette adresse n'est pas un profil Facebook.",
        ),
        (
            "instagram",
            "https://www.facebook.com/x.y",
            "wrong_platform",
            "Cette adresse n'est pas un profil Instagram.",
        ),
        (
            "instagram",
            "https://instagram.com.evil.example/x.y",
            "wrong_platform",
            "Cette adresse n'est pas un profil Instagram.",
        ),
        (
            "x",
            "https://forum.example.org/jean",
            "wrong_platform",
            "Cette adresse n'est pas un profil X (Twitter).",
        ),
        ("x", "https://x.com:8443/jean", "wrong_platform", "Cette adresse n'est pas un profil X (Twitter)."),
        ("youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "not_a_profile", None),
        ("youtube", "https://youtu.be/dQw4w9WgXcQ", "not_a_profile", None),
        ("instagram", "https://www.instagram.com/p/Cabc/", "not_a_profile", None),
        ("instagram", "https://www.instagram.com/", "not_a_profile", None),
        ("facebook", "https://www.facebook.com/share/1AbCdEf/", "not_a_profile", None),
        ("tiktok", "https://vm.tiktok.com/ZMabc/", "not_a_profile", None),
    ],
)
def test_invalid_profile_urls(platform, url, code, message):
    with pytest.raises(ValidationError) as caught:
        validate_profile_url(platform, url)
    assert caught.value.code == code
    if message is not None:
        assert caught.value.messages == [message]


@pytest.mark.parametrize(
    ("platform", "label"),
    [("instagram", "Instagram"), ("youtube", "YouTube"), ("x", "X (Twitter)")],
)
def test_not_a_profile_message_names_the_platform(platform, label):
    with pytest.raises(ValidationError) as caught:
        validate_profile_url(platform, f"https://{PLATFORMS[platform].hosts[0]}/")
    assert caught.value.messages == [
        f"Cette adresse ne mène pas à un profil {label} : ouvrez le profil et copiez son adresse."
    ]


@fuzz
@given(url=st.one_of(st.text(max_size=1000), url_like), platform=st.sampled_from([*ALL_PLATFORMS, "myspace"]))
def test_validation_only_raises_validation_errors(url, platform):
    try:
        validate_profile_url(platform, url)
    except ValidationError:
        return
    # Whatever validates can be matched: it has a key, on the platform asked for (or any site for "other").
    key = normalise_profile(url, platform)
    assert key is not None
    assert url.strip().lower().startswith("https://")
    if platform != OTHER:
        assert key.startswith(f"{platform}:")


# --- matches ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "profile", "expected"),
    [
        ("instagram:x.y", "instagram:x.y", True),
        ("*:x.y", "instagram:x.y", True),
        ("*:x.y", "tiktok:x.y", True),
        ("*:x.y", "threads:x.y", True),
        ("*:x.y", "facebook:xy", True),  # Facebook ignores dots in usernames
        ("*:jean_pdn", "x:jean_pdn", True),
        ("*:jeanpdn", "youtube:jeanpdn", True),
        ("*:jean", "bluesky:jean.bsky.social", True),
        ("*:0612345678", "whatsapp:33612345678", True),
        ("*:pseudo_jeu", "other:pseudo_jeu", True),
        ("instagram:x.y", "*:x.y", True),  # symmetric
        ("*:x.y", "*:x.y", True),
        ("facebook:id:1", "facebook:1", False),
        ("facebook:1", "facebook:id:1", False),
        ("*:1", "facebook:1", False),  # a number on Facebook is an id, never a username
        ("*:1000123", "facebook:id:1000123", True),  # facebook.com/1000123 is that profile
        ("facebook:id:1", "facebook:id:2", False),
        ("instagram:x.y", "tiktok:x.y", False),
        ("instagram:x.y", "instagram:x_y", False),
        ("*:x.y", "instagram:x_y", False),
        ("*:x.y", "x:x.y", False),  # not a valid X handle at all
        ("*:x.y", "*:x_y", False),
        ("*:abc", "discord:invite:abc", False),
        ("*:ucabc", "youtube:channel:UCabc", False),
        ("*:centresocial", "youtube:c:centresocial", False),
        ("*:forum.example.org", "other:url:forum.example.org", False),
        ("*:x.y", "myspace:x.y", False),
        ("*:", "instagram:x.y", False),
        ("*:id:1", "facebook:id:1", False),
        ("x.y", "instagram:x.y", False),
        ("", "", False),
        (None, "instagram:x.y", False),
        ("instagram:x.y", None, False),
    ],
)
def test_matches(query, profile, expected):
    assert matches(query, profile) is expected


@pytest.mark.parametrize(
    ("search", "declared", "platform"),
    [
        ("@x.y", "https://www.instagram.com/x.y/", "instagram"),
        ("instagram.com/X.Y", "https://www.instagram.com/x.y/", "instagram"),
        ("jean.promeneur", "https://www.facebook.com/jean.promeneur", "facebook"),
        (
            "https://m.facebook.com/jean.promeneur?ref=bookmarks",
            "https://www.facebook.com/jean.promeneur",
            "facebook",
        ),
        ("@JeanPdN", "https://www.youtube.com/@jeanpdn", "youtube"),
        ("https://www.facebook.com/1000123", "https://www.facebook.com/profile.php?id=1000123", "facebook"),
    ],
)
def test_search_input_matches_declared_profile(search, declared, platform):
    assert matches(normalise_profile(search), normalise_profile(declared, platform))


@pytest.mark.parametrize(
    ("search", "declared", "platform"),
    [
        (
            "https://www.facebook.com/profile.php?id=1",
            "https://www.facebook.com/profile.php?id=2",
            "facebook",
        ),
        ("https://www.youtube.com/channel/UCabc", "https://www.youtube.com/channel/UCABC", "youtube"),
        ("@x.y", "https://www.instagram.com/x.y.z/", "instagram"),
        ("https://www.instagram.com/x.y/", "https://www.tiktok.com/@x.y", "tiktok"),
        ("https://discord.gg/abcd12", "https://discord.gg/AbCd12", "discord"),
    ],
)
def test_search_input_does_not_match_another_profile(search, declared, platform):
    assert not matches(normalise_profile(search), normalise_profile(declared, platform))


@fuzz
@given(query=st.text(max_size=200), profile=st.text(max_size=200))
@example(query="*:x.y", profile="instagram:")
@example(query="*:\x00", profile="instagram:\x00")
def test_matches_never_raises(query, profile):
    assert matches(query, profile) in (True, False)
