"""Territories as ISO 3166-1 alpha-2 codes, whatever a license's own words for them are.

Why codes: a policy places the organisation in ``DE``; a license excludes "the European Union".
Compared as words they never meet and the exclusion never fires, so every territory is turned
into the codes it covers when the catalog is loaded (``EU`` into its member states).
"""

from __future__ import annotations

ISO_3166 = frozenset((
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX",
    "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ",
    "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK",
    "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
    "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR",
    "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
    "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN",
    "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
    "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV",
    "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ",
    "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI",
    "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
    "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC",
    "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
    "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR",
    "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
))

EU_MEMBERS = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
))

# Names licenses use for places, lower-cased; anything else must already be a code.
NAMES = {
    "eu": "EU", "european union": "EU", "the european union": "EU",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "britain": "GB",
    "south korea": "KR", "korea": "KR", "republic of korea": "KR", "north korea": "KP",
    "united states": "US", "usa": "US", "united states of america": "US",
    "china": "CN", "people's republic of china": "CN", "prc": "CN", "russia": "RU",
    "iran": "IR", "taiwan": "TW", "japan": "JP", "germany": "DE", "france": "FR",
}


def territory_code(name: str) -> str:
    """The ISO code (or ``EU``) for a territory as written; raises ``ValueError`` for a name
    this table does not know, so a new rules file cannot carry an exclusion that never fires."""
    text = name.strip()
    if text.upper() in ISO_3166 or text.upper() == "EU":
        return text.upper()
    code = NAMES.get(text.lower())
    if code is None:
        raise ValueError(f"territory {name!r} is not an ISO 3166-1 alpha-2 code, EU, or a "
                         "country name licscan knows")
    return code


def expand(codes: tuple[str, ...] | list[str] | set[str]) -> frozenset[str]:
    """Every country code the given codes cover (``EU`` stands for its members)."""
    out: set[str] = set()
    for code in codes:
        code = code.strip().upper()
        out |= EU_MEMBERS | {"EU"} if code == "EU" else {code}
    return frozenset(out)
