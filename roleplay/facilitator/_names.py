"""Names shown to a room: participants' nicknames and the four-letter room code.

Nicknames are cleaned (control characters dropped, spaces collapsed, at most
:data:`MAX_NICKNAME` characters) and filtered against a short list of offensive words. Whole words
on an allow-list (Scunthorpe, Essex, Dickens…) are not false alarms. A refused or empty name is
replaced by a generated one. Names are stored as typed: every display escapes them.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

MAX_NICKNAME = 24
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0

_ADJECTIVES = (
    "Calm", "Bold", "Bright", "Brisk", "Clever", "Curious", "Eager", "Fair", "Gentle", "Glad",
    "Keen", "Kind", "Lively", "Lucky", "Merry", "Nimble", "Patient", "Quick", "Quiet", "Steady",
    "Sunny", "Swift", "Thoughtful", "Warm", "Wise", "Witty",
)  # fmt: skip
_ANIMALS = (
    "Badger", "Beaver", "Crane", "Dolphin", "Falcon", "Fox", "Gecko", "Hare", "Heron", "Ibex",
    "Koala", "Lark", "Lynx", "Marten", "Otter", "Owl", "Panda", "Puffin", "Raven", "Robin",
    "Seal", "Swan", "Tiger", "Wren", "Yak", "Zebra",
)  # fmt: skip

# Matched inside names after folding case and common digit-for-letter swaps.
_BLOCKED = (
    "fuck", "shit", "cunt", "twat", "wank", "bitch", "bastard", "dick", "cock", "pussy",
    "penis", "vagina", "porn", "sex", "slut", "whore", "rape", "nazi", "hitler", "nigg",
    "fag", "retard", "spastic", "kike", "paki", "chink", "tits", "arse", "asshole",
)  # fmt: skip
# Whole words that contain a blocked string but are harmless (the "Scunthorpe problem").
_ALLOWED = frozenset(
    {
        "scunthorpe", "essex", "sussex", "middlesex", "wessex", "sexton", "dickens", "dickinson",
        "dickson", "hancock", "peacock", "cockburn", "cockerel", "cocktail", "hitchcock",
        "babcock", "woodcock", "shuttlecock", "sherman", "therapist", "grape", "drape",
        "scrape", "rapeseed", "parapet", "arsenal", "pakistan", "titsworth", "spitsbergen",
        "bitchley", "shitake", "shiitake", "matsushita", "draper", "trapeze", "fagan", "fagin",
    }
)  # fmt: skip
_SWAPS = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "!": "i",
        "|": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
    }
)


def generate_nickname() -> str:
    """A friendly random name such as 'Calm Otter'."""
    return f"{secrets.choice(_ADJECTIVES)} {secrets.choice(_ANIMALS)}"


def clean_nickname(raw: object) -> str:
    """The nickname to use for ``raw``: cleaned and length-limited, '' when empty or refused."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())[:MAX_NICKNAME].strip()
    return "" if is_offensive(text) else text


def is_offensive(text: str) -> bool:
    """True when ``text`` contains a blocked word outside an allowed whole word."""
    words = re.findall(r"\w+", text.casefold().translate(_SWAPS))
    kept = [re.sub(r"[^a-z]", "", word) for word in words if word not in _ALLOWED]
    # Letters typed apart ("f u c k") are read together; whole words are not glued together.
    glued = re.sub(r"\b(\w) (?=\w\b)", r"\1", " ".join(kept))
    return any(bad in word for word in glued.split() for bad in _BLOCKED)


def new_room_code() -> str:
    """Four capital letters, never spelling a blocked word."""
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(4))
        if not is_offensive(code):
            return code


def valid_room_code(code: object) -> bool:
    """True for four letters of :data:`CODE_LETTERS` (the caller upper-cases first)."""
    return isinstance(code, str) and len(code) == 4 and all(c in CODE_LETTERS for c in code)
