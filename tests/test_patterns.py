"""The model's Java patterns, as the product translates them, against an independent oracle.

The oracle is the ``regex`` package, which reads Java's syntax where Python's ``re`` does
not: ``\\p{L}``/``\\p{N}``/``\\p{Z}`` natively, and with its ``WORD`` flag Java's line
terminators for ``$`` and ``.``. Spelled out for it are only Java's ASCII ``\\w``, ``\\d`` and
``\\s`` (Java's defaults, without ``UNICODE_CHARACTER_CLASS``) and Java's ``\\z`` (the end of
the input: ``\\Z`` in the Python family; older ``regex`` releases lack ``\\z``). Every pattern of
the model is checked on generated strings and on hand-written ones per pattern family.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, List

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moto_sgw.protocol import constraints, service

JAVA_ASCII = {"\\w": "A-Za-z0-9_", "\\d": "0-9", "\\s": " \\t\\n\\x0B\\f\\r"}
JAVA_ASCII_NEGATED = {"\\W": "\\w", "\\D": "\\d", "\\S": "\\s"}


def _java_classes(pattern: str) -> str:
    """``\\w``/``\\d``/``\\s`` as the ASCII sets Java gives them (inside classes or out)."""
    out: List[str] = []
    in_class, i = False, 0
    while i < len(pattern):
        pair = pattern[i : i + 2]
        if pair in JAVA_ASCII:
            out.append(JAVA_ASCII[pair] if in_class else f"[{JAVA_ASCII[pair]}]")
            i += 2
            continue
        if pair in JAVA_ASCII_NEGATED:
            assert not in_class, f"a negated class inside a class: {pattern}"
            out.append(f"[^{JAVA_ASCII[JAVA_ASCII_NEGATED[pair]]}]")
            i += 2
            continue
        if pair == "\\z":
            out.append("\\Z")
            i += 2
            continue
        if pattern[i] == "\\":
            out.append(pair)
            i += 2
            continue
        if pattern[i] == "[" and not in_class:
            in_class = True
        elif pattern[i] == "]" and in_class and out[-1] != "[":
            in_class = False
        out.append(pattern[i])
        i += 1
    return "".join(out)


@lru_cache(maxsize=None)
def oracle(pattern: str) -> Any:
    return regex.compile(_java_classes(pattern), regex.WORD)


def _patterns() -> List[str]:
    model = service.service_model()
    return sorted(
        {model.shape_for(n).metadata["pattern"] for n in model.shape_names if model.shape_for(n).metadata.get("pattern")}
    )


PATTERNS = _patterns()


def _assigned_in_both(ch: str) -> bool:
    # The two sides read different Unicode versions; judge only characters both know.
    return unicodedata.category(ch) != "Cn" and regex.match(r"\p{Cn}", ch) is None


# Unicode's line boundaries, which the oracle's WORD flag follows, count VT and FF too; Java's do
# not. Strings with them are left to the hand-written cases.
NOT_JAVA_LINE_ENDS = ("\x0b", "\x0c")
CHARS = st.characters(codec="utf-8", exclude_characters="".join(NOT_JAVA_LINE_ENDS)).filter(_assigned_in_both)
TRICKY = st.sampled_from(["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\t", " ", "é", "名", "\u3000", "٣"])


def _agrees(pattern: str, value: str) -> bool:
    ours = constraints.java_pattern(pattern).search(value) is not None
    theirs = oracle(pattern).search(value) is not None
    return ours == theirs


@lru_cache(maxsize=None)
def _near(pattern: str) -> Any:
    # Drawn from the oracle's reading of the pattern, ASCII-only (Hypothesis draws \p{L} and
    # friends slowly); the bends below bring the rest of Unicode in.
    ascii_only = regex.sub(r"\\[pP]\{\w+\}", "a", _java_classes(pattern))
    return st.from_regex(ascii_only, fullmatch=True, alphabet=st.characters(max_codepoint=127)).filter(
        lambda v: len(v) < 60 and not any(c in v for c in NOT_JAVA_LINE_ENDS)
    )


@st.composite
def candidates(draw: Any, pattern: str) -> str:
    """Strings near the pattern: drawn from it (when Hypothesis can) and then bent a little."""
    base = draw(_near(pattern))
    bend = draw(st.sampled_from(["keep", "append", "insert", "replace", "random"]))
    extra = draw(st.one_of(TRICKY, st.text(CHARS, min_size=1, max_size=2)))
    at = draw(st.integers(min_value=0, max_value=len(base)))
    if bend == "append":
        return base + extra
    if bend == "insert":
        return base[:at] + extra + base[at:]
    if bend == "replace":
        return base[:at] + extra + base[at + 1 :]
    if bend == "random":
        return "".join(draw(st.lists(st.one_of(CHARS, TRICKY), max_size=30)))
    return base


@pytest.mark.parametrize("pattern", PATTERNS)
def test_translation_agrees_with_the_oracle(pattern: str) -> None:
    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(value=candidates(pattern))
    def agree(value: str) -> None:
        assert _agrees(pattern, value), (
            f"{pattern!r} on {value!r}: ours {constraints.java_pattern(pattern).search(value) is not None}, "
            f"Java's {oracle(pattern).search(value) is not None}"
        )

    agree()


# Hand-written cases, one family of the model's patterns each: (pattern, matches, does not).
FAMILIES = [
    # \A ... \z: nothing may follow, not even a line terminator.
    (r"\Asnap-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})\z", ["snap-1122aabb", "snap-078E226633445566E"], ["snap-1122aabb\n", " snap-1122aabb"]),
    # ^ ... $: $ also matches before one final line terminator of any of Java's kinds.
    (
        r"^[ -~]+$",
        ["password", "password\n", "password\r\n", "password\r", "password\u2028", "password\x85"],
        ["pass\nword", "pässword", "pw\n\n", "pw\x0b", "pw\x0c"],
    ),
    # \p{L}, \p{Z}, \p{N}: Unicode letters, separators and numbers.
    (r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$", ["Größe", "名前", "a\u3000b", "٣", ""], ["a#b", "tab\tkey"]),
    # \w and \s are ASCII, as Java has them by default.
    (r"^\w[\w\.\- ]*$", ["admin.user", "a-b c"], ["ädmin", "名"]),
    (r'^\{[\w\s:\{\}\[\]"]*}$', ['{"Upload": {"SettlingTimeInSeconds": 60}}', "{}", "{\n}"], ["{\u3000}", "not json"]),
    # Unanchored: search, not match.
    ("[0-9a-z:.-]+", ["iqn.1997-05.com.amazon:vol1", "UPPER-a"], ["UPPER", ""]),
    # . does not match a line terminator.
    (
        r"arn:(aws(|-cn|-us-gov|-iso[A-Za-z0-9_-]*|-eusc)):storagegateway:[a-z\-0-9]+:[0-9]+:gateway\/(.+)\/volume\/vol-(\S+)",
        ["arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB"],
        ["arn:aws:storagegateway:us-east-1:111122223333:gateway/sgw\r1/volume/vol-1122AABB"],
    ),
]


@pytest.mark.parametrize("pattern, good, bad", FAMILIES, ids=[f"family{i}" for i in range(len(FAMILIES))])
def test_pattern_families_by_hand(pattern: str, good: List[str], bad: List[str]) -> None:
    assert pattern in PATTERNS
    compiled = constraints.java_pattern(pattern)
    for value in good:
        assert compiled.search(value) is not None, value
        assert oracle(pattern).search(value) is not None, value  # the oracle agrees with Java too
    for value in bad:
        assert compiled.search(value) is None, value
        if not any(c in value for c in NOT_JAVA_LINE_ENDS):  # where the oracle is not Java's
            assert oracle(pattern).search(value) is None, value
