"""What makes a passphrase acceptable, in words a facilitator can act on."""

from __future__ import annotations

import re
import unicodedata

MIN_CHARACTERS = 12
MIN_WORDS = 3
MIN_WORD_LETTERS = 3
EXAMPLE = "otter lamp river"

TOO_SHORT = (
    f"Use at least {MIN_CHARACTERS} characters, or three or more random words such as "
    f"“{EXAMPLE}”. A long passphrase protects the children's information if this laptop is lost."
)
ONLY_SPACES = "A passphrase can't be only spaces. Please type some letters, numbers or words."
EDGE_SPACES = (
    "Please leave out spaces at the start and end: they are easy to forget when you type the "
    "passphrase again."
)
TOO_COMMON = (
    "That is one of the first passphrases someone would guess. Please choose words that mean "
    "something to you but that others wouldn't think of."
)
TOO_REPETITIVE = (
    "That repeats the same few characters, which makes it easy to guess. Please mix in "
    "different letters or words."
)

# Compared after folding case and dropping everything but letters and digits, and also with
# trailing digits removed, so "Password 2026!" counts as "password".
_COMMON = frozenset(
    {
        "password",
        "password123456",
        "passwordpassword",
        "passphrase",
        "123456789012",
        "1234567890",
        "qwertyuiop",
        "qwertyuiopasdf",
        "iloveyou",
        "letmein",
        "letmeinplease",
        "welcome",
        "changeme",
        "administrator",
        "restorative",
        "restorativejustice",
        "restorativedesk",
        "restorativepractice",
        "restorativeconference",
        "youthjustice",
        "safeguarding",
        "correcthorsebatterystaple",
        "otterlampriver",
    }
)
_WORD_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013\u2014]+")
_MIN_DISTINCT = 4  # characters, ignoring case and spaces


def passphrase_problems(text: str) -> list[str]:
    """Why `text` is not yet a good passphrase; an empty list means it is accepted."""
    if not text.strip():
        return [TOO_SHORT] if not text else [ONLY_SPACES]
    problems = []
    if text != text.strip():
        problems.append(EDGE_SPACES)
    normalised = unicodedata.normalize("NFC", text.strip())
    if len(normalised) < MIN_CHARACTERS and _distinct_words(normalised) < MIN_WORDS:
        problems.append(TOO_SHORT)
    if _is_common(normalised):
        problems.append(TOO_COMMON)
    elif TOO_SHORT not in problems and len(set(normalised.casefold()) - {" "}) < _MIN_DISTINCT:
        problems.append(TOO_REPETITIVE)
    return problems


def describe_policy() -> str:
    """The rule in one paragraph, for the screen where a passphrase is chosen."""
    return (
        f"Choose a passphrase of at least {MIN_CHARACTERS} characters, or three or more random "
        f"words such as “{EXAMPLE}” (but not those!). It protects the children's information "
        "if this laptop is lost or stolen. Nobody can reset it for you: if it is forgotten, only "
        "the recovery key opens the case file, so keep that somewhere safe and separate."
    )


def _distinct_words(text: str) -> int:
    words = {
        word.casefold()
        for word in _WORD_SEPARATORS.split(text)
        if len(word) >= MIN_WORD_LETTERS and word.isalpha()
    }
    return len(words)


def _is_common(text: str) -> bool:
    squashed = "".join(c for c in text.casefold() if c.isalnum())
    return squashed in _COMMON or squashed.rstrip("0123456789") in _COMMON
