"""The public pages speak to families with « vous » (issue #15): a profile made with the defaults (the
factories, which the demo uses) says « Écrivez-moi », as the admin's example of « comment me contacter »
does, and never « Écris-moi » next to « Envoyez-moi »."""

import re

from directory.models import PromeneurPage
from tests.directory.conftest import get

#: Second person singular imperatives a promeneur's card could carry (« Écris-moi », « Contacte-moi »…).
FAMILIAR = re.compile(r"\b(?:Écris|Ecris|Contacte|Envoie|Appelle|Demande)-moi\b", re.IGNORECASE)


def test_a_profile_made_with_the_defaults_says_vous(world):
    page = get(world.lea.url_path.split("/cher", 1)[1], host="18.localhost").content.decode()
    assert "Écrivez-moi en message privé" in page
    assert "Envoyez-moi un message privé" in page
    assert not FAMILIAR.search(page), FAMILIAR.search(page)


def test_the_admin_example_of_contact_instructions_says_vous():
    help_text = str(PromeneurPage._meta.get_field("contact_instructions").help_text)
    assert "« Écrivez-moi" in help_text
    assert not FAMILIAR.search(help_text)
