"""No input makes the annuaire, its API or the verification fail: whatever the query string, the answer
is a page (with notices), never a 500."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.directory.conftest import get

PARAMETERS = [
    "q",
    "mission",
    "departement",
    "theme",
    "reseau",
    "type",
    "pres_de",
    "rayon",
    "page",
    "page_size",
]
TRICKY = ["", " ", "\x00", "0", "-1", "1e309", "nan", "jeunesse", "parentalite", "18", "2A", "sante", "instagram",
          "centre-social", "18000", "Bourges", "bourges (18000)", "'", '"', "*", "%", "\\", "OR", "NOT", "-foo",
          "é" * 300, "🙂", "\u200b", "<script>"]  # fmt: skip

values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=60))
query_strings = st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=6)
hosts = st.sampled_from(["localhost", "18.localhost", "93.localhost"])
checks = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@checks
@given(params=query_strings, host=hosts)
def test_annuaire_page_never_fails(world, params, host):
    response = get("/annuaire/", host=host, **params)
    assert response.status_code == 200


@checks
@given(params=query_strings, host=hosts)
def test_api_never_fails(world, params, host):
    response = get("/api/annuaire/", host=host, **params)
    assert response.status_code == 200
    assert set(response.json()) >= {"count", "results", "notices", "next", "previous"}


@checks
@given(
    profil=st.one_of(
        st.sampled_from(TRICKY), st.text(max_size=200), st.from_regex(r"https?://[a-z.]{1,20}/.{0,30}")
    )
)
def test_verification_never_fails(world, profil):
    response = get("/verifier/", profil=profil)
    assert response.status_code == 200
