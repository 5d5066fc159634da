"""An online event's connection link is shown to signed-in members of the network only (events/README.md): the
public reads that it comes with the registration; the link is in no public feed or markup."""

import json
import re

from accounts.factories import coordinator
from tests import network
from tests.events.conftest import get

PATH = "/agenda/formation-aux-reseaux-sociaux/"


def test_the_public_does_not_see_the_link(agenda_world):
    body = get(PATH, host="18.localhost").content.decode()
    assert "visio.example.org" not in body
    assert "Le lien de connexion est communiqué aux personnes inscrites." in body


def test_a_signed_in_member_sees_it(agenda_world):
    member = coordinator(network.department_site("18").department, username="coord_agenda")
    body = get(PATH, host="18.localhost", user=member).content.decode()
    assert 'href="https://visio.example.org/reunion"' in body


def test_the_schema_org_markup_describes_the_event_without_the_link(agenda_world):
    body = get("/agenda/reunion-departementale-du-cher/", host="18.localhost").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)[1])
    assert data["@type"] == "Event"
    assert data["name"] == "Réunion départementale du Cher"
    assert data["location"]["address"]["addressLocality"] == "Bourges"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    online = get(PATH, host="18.localhost").content.decode()
    assert "visio.example.org" not in online
    assert "OnlineEventAttendanceMode" in online
