# The roles world of tests/accounts (18, 93, one user per role), built once per module, and its clients.
from tests.accounts.conftest import client_for, world  # noqa: E402, F401


def valid_data(**overrides):
    data = {
        "profil": "camille_pdn18O",
        "reseau": "instagram",
        "description": "Ce profil se présente comme promeneuse et demande des photos.",
        "email": "",
        "imite": "",
        "promeneur": "",
        "site_internet": "",
    }
    data.update(overrides)
    return data
