"""/.well-known/security.txt (RFC 9116): a contact, an expiry less than a year ahead, on every site."""

import datetime

from django.test import Client


def test_security_txt(cher):
    for host in ("localhost", "18.localhost"):
        response = Client(HTTP_HOST=host).get("/.well-known/security.txt")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
        fields = dict(
            line.split(": ", 1) for line in response.content.decode().splitlines() if not line.startswith("#")
        )
        assert fields["Contact"].startswith(("mailto:", "https://"))
        expires = datetime.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.UTC
        )
        now = datetime.datetime.now(datetime.UTC)
        assert now < expires < now + datetime.timedelta(days=365)
        assert fields["Canonical"] == f"http://{host}/.well-known/security.txt"
