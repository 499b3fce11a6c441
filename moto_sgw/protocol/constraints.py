"""Server-side checks of every constraint the model states, with AWS's messages.

The only module that words a validation problem. Checkers are compiled once per
shape; a request costs one pass over the members it sends.

Model patterns are Java regular expressions: ``\\z`` becomes ``\\Z``, ``\\p{L}`` and
friends are built from :mod:`unicodedata` categories, ``\\w``/``\\d``/``\\s`` stay
ASCII as in Java, ``$`` (and ``\\Z``) also match before a final line terminator of
any of Java's kinds (``\\r\\n``, ``\\n``, ``\\r``, U+0085, U+2028, U+2029) and ``.``
matches none of them, as in Java; a pattern is applied with ``search`` as Smithy
prescribes (the anchored ones carry their own ``^``/``$``).
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Pattern

from botocore.model import Shape

from .errors import ValidationException
from .service import per_shape

class Problem(NamedTuple):
    value: Any
    path: str
    constraint: str  # the text after "Member "
    hidden: bool = False  # the value of a member the model marks sensitive is never shown


Checker = Callable[[Any, str, List[Problem]], None]

_UNICODE_CLASS = re.compile(r"\\([pP])\{(\w+)\}")


# --- Java regular expressions -------------------------------------------------


@lru_cache(maxsize=None)
def _category_ranges(major: str) -> str:
    """A character-class body matching every code point whose category starts with ``major``."""
    parts: List[str] = []
    start: Optional[int] = None
    for cp in range(sys.maxunicode + 2):
        inside = cp <= sys.maxunicode and unicodedata.category(chr(cp)).startswith(major)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            end = cp - 1
            parts.append(
                re.escape(chr(start))
                if start == end
                else f"{re.escape(chr(start))}-{re.escape(chr(end))}"
            )
            start = None
    return "".join(parts)


def java_pattern(pattern: str) -> Pattern[str]:
    """Compile a model (Java-dialect) pattern for Python's :mod:`re`."""
    return _compile_java(pattern)


# Java's line terminators (java.util.regex.Pattern, without UNIX_LINES).
JAVA_END = "(?=(?:\r\n|[\n\r\x85\u2028\u2029])?\\Z)"
JAVA_DOT = "[^\n\r\x85\u2028\u2029]"


@lru_cache(maxsize=None)
def _compile_java(pattern: str) -> Pattern[str]:
    out: List[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            match = _UNICODE_CLASS.match(pattern, i)
            if match:
                negate, category = match.group(1) == "P", match.group(2)
                body = _category_ranges(category)
                if in_class:
                    if negate:
                        raise ValueError(f"\\P{{...}} inside a class is not supported: {pattern}")
                    out.append(body)
                else:
                    out.append(f"[{'^' if negate else ''}{body}]")
                i = match.end()
                continue
            nxt = pattern[i + 1]
            if nxt == "z" and not in_class:
                out.append("\\Z")
            elif nxt == "Z" and not in_class:
                out.append(JAVA_END)
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if not in_class and ch == "$":
            out.append(JAVA_END)
            i += 1
            continue
        if not in_class and ch == ".":
            out.append(JAVA_DOT)
            i += 1
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class and out and out[-1] != "[":
            in_class = False
        out.append(ch)
        i += 1
    return re.compile("".join(out), re.ASCII)


# --- messages ----------------------------------------------------------------


def _render(value: Any) -> str:
    """A value as Coral prints it inside ``Value '...'``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_render(v)}" for k, v in value.items()) + "}"
    return str(value)


def _problem(value: Any, path: str, constraint: str) -> Problem:
    return Problem(value, path, f"must {constraint}")


def render_problem(problem: Problem) -> str:
    """One problem as AWS words it; a sensitive member's value is left out (``Value at ...``)."""
    if problem.hidden:
        shown = ""
    elif problem.value is None:
        shown = " null"
    else:
        shown = f" '{_render(problem.value)}'"
    return f"Value{shown} at '{problem.path}' failed to satisfy constraint: Member {problem.constraint}"


def message(problems: List[Problem]) -> str:
    count = len(problems)
    noun = "error" if count == 1 else "errors"
    return f"{count} validation {noun} detected: " + "; ".join(render_problem(p) for p in problems)


def member_path(parent: str, member: str) -> str:
    """AWS names members lower-camel: ``GatewayARN`` -> ``gatewayARN``."""
    name = member[:1].lower() + member[1:]
    return f"{parent}.{name}" if parent else name


# --- compiled checkers --------------------------------------------------------


def _noop(value: Any, path: str, out: List[Problem]) -> None:
    return None


def _length_checks(shape: Shape) -> List[Checker]:
    checks: List[Checker] = []
    meta = shape.metadata
    low, high = meta.get("min"), meta.get("max")
    if low is not None and low > 0:

        def at_least(value: Any, path: str, out: List[Problem], low: int = low) -> None:
            if len(value) < low:
                out.append(_problem(value, path, f"have length greater than or equal to {low}"))

        checks.append(at_least)
    if high is not None:

        def at_most(value: Any, path: str, out: List[Problem], high: int = high) -> None:
            if len(value) > high:
                out.append(_problem(value, path, f"have length less than or equal to {high}"))

        checks.append(at_most)
    return checks


def _range_checks(shape: Shape) -> List[Checker]:
    checks: List[Checker] = []
    meta = shape.metadata
    low, high = meta.get("min"), meta.get("max")
    if low is not None:

        def at_least(value: Any, path: str, out: List[Problem], low: Any = low) -> None:
            if value < low:
                out.append(_problem(value, path, f"have value greater than or equal to {low}"))

        checks.append(at_least)
    if high is not None:

        def at_most(value: Any, path: str, out: List[Problem], high: Any = high) -> None:
            if value > high:
                out.append(_problem(value, path, f"have value less than or equal to {high}"))

        checks.append(at_most)
    return checks


def _string_checks(shape: Shape) -> List[Checker]:
    checks = _length_checks(shape)
    raw = shape.metadata.get("pattern")
    if raw is not None:

        def matches(value: Any, path: str, out: List[Problem], raw: str = raw) -> None:
            if java_pattern(raw).search(value) is None:
                out.append(_problem(value, path, f"satisfy regular expression pattern: {raw}"))

        checks.append(matches)
    enum = shape.enum
    if enum:
        allowed = frozenset(enum)
        listed = "[" + ", ".join(enum) + "]"

        def in_enum(value: Any, path: str, out: List[Problem]) -> None:
            if value not in allowed:
                out.append(_problem(value, path, f"satisfy enum value set: {listed}"))

        checks.append(in_enum)
    return checks


def _all(checks: List[Checker]) -> Checker:
    if not checks:
        return _noop
    if len(checks) == 1:
        return checks[0]

    def run(value: Any, path: str, out: List[Problem]) -> None:
        for check in checks:
            check(value, path, out)

    return run


def _build(shape: Shape) -> Checker:
    check = _build_plain(shape)
    if shape.metadata.get("sensitive"):
        return _hiding(check)
    return check


def _hiding(check: Checker) -> Checker:
    """``check``, with the values of every problem it finds (its members' too) hidden."""

    def run(value: Any, path: str, out: List[Problem]) -> None:
        start = len(out)
        check(value, path, out)
        for index in range(start, len(out)):
            out[index] = out[index]._replace(value=None, hidden=True)

    return run


def _build_plain(shape: Shape) -> Checker:
    kind = shape.type_name
    if kind == "structure":
        return _structure(shape)
    if kind == "list":
        return _list(shape)
    if kind == "map":
        return _map(shape)
    if kind == "string":
        return _all(_string_checks(shape))
    if kind == "blob":
        return _all(_length_checks(shape))
    if kind in ("integer", "long", "float", "double"):
        return _all(_range_checks(shape))
    return _noop


checker = per_shape(_build)


def _structure(shape: Shape) -> Checker:
    members = [
        (name, member_path("", name), member) for name, member in shape.members.items()
    ]
    required = frozenset(shape.required_members)

    def run(value: Any, path: str, out: List[Problem]) -> None:
        prefix = f"{path}." if path else ""
        for name, sub, member in members:
            item = value.get(name)
            here = prefix + sub
            if item is None:
                if name in required:
                    out.append(Problem(None, here, "must not be null", hidden=member.metadata.get("sensitive", False)))
                continue
            checker(member)(item, here, out)

    return run


def _list(shape: Shape) -> Checker:
    own = _length_checks(shape)
    member = shape.member

    def run(value: Any, path: str, out: List[Problem]) -> None:
        for check in own:
            check(value, path, out)
        item_check = checker(member)
        for index, item in enumerate(value, 1):
            here = f"{path}.{index}.member"
            if item is None:
                out.append(_problem(None, here, "not be null"))
            else:
                item_check(item, here, out)

    return run


def _map(shape: Shape) -> Checker:
    own = _length_checks(shape)
    key_shape, value_shape = shape.key, shape.value

    def run(value: Any, path: str, out: List[Problem]) -> None:
        for check in own:
            check(value, path, out)
        for key, item in value.items():
            checker(key_shape)(key, f"{path}.{key}.key", out)
            if item is not None:
                checker(value_shape)(item, f"{path}.{key}.value", out)

    return run


def check(shape: Shape, value: Dict[str, Any]) -> None:
    """Raise one :class:`ValidationException` naming every problem of ``value``."""
    problems: List[Problem] = []
    checker(shape)(value, "", problems)
    if problems:
        raise ValidationException(message(problems))
