"""Names of downloaded files, in Dutch and readable ("sociale-kaart-de-akkers-inwoners.pdf").

>>> slug("De Akkers"), slug("Café-kwartier / Noord"), slug("'s-Hertogenbosch")
('de-akkers', 'cafe-kwartier-noord', 's-hertogenbosch')
>>> kaart_file("De Akkers", "residents", "pdf")
'sociale-kaart-de-akkers-inwoners.pdf'
>>> kaart_file(None, "professionals", "html")
'sociale-kaart-gemeente-professionals.html'
"""

from __future__ import annotations

import re
import unicodedata

AUDIENCE_WORDS = {"residents": "inwoners", "professionals": "professionals"}


def slug(text: str) -> str:
    """Lower case, accents dropped, words joined by '-', nothing else (max. 60 chars)."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "bestand"


def kaart_file(area_name: str | None, audience: str, ext: str) -> str:
    area = slug(area_name) if area_name else "gemeente"
    return f"sociale-kaart-{area}-{AUDIENCE_WORDS.get(audience, slug(audience))}.{ext}"
