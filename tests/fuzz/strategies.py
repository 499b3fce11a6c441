"""Hypothesis strategies compiled from botocore's Storage Gateway model, and the world they draw from.

Three things, all driven by the model so that an operation added later is fuzzed without new code:

- :class:`Compiler` turns any input shape into a strategy for *valid* wire values (JSON, wire
  member names, epoch timestamps, base64 blobs): every required member, optional members at
  random, string length and pattern, enum, numeric range and list length as the model states.
  Patterns go through ``hypothesis.strategies.from_regex(java_pattern(p), fullmatch=True)``,
  filtered by length. Shapes with a pool of real values (see :class:`World`) draw from the pool or
  from the generic strategy, so handlers get past "not found".
- :func:`sites` lists every place of an input shape where one thing can be broken (string/list/
  blob length, numeric range, pattern, enum, a required member missing, a JSON type wrong);
  :func:`broken_input` takes a valid input, breaks that one thing and says what the service
  must answer: the member path in AWS's lower-camel form (``tags.1.member.key``) and the
  constraint phrases an independent oracle (:func:`constraint_phrases`) finds broken.
- :class:`World`: resources made through the wire in a fresh mock, whose identifiers fill pools
  keyed by model shape names only (never by operation).
"""
from __future__ import annotations

import base64
import copy
import json
import re
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

import requests
from botocore.model import OperationModel, Shape
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from moto_sgw.protocol import constraints, registry, service

from .expectations import Roles

# --- the wire ------------------------------------------------------------------

REGION = "us-east-1"
ENDPOINT = f"https://storagegateway.{REGION}.amazonaws.com/"
AUTHORIZATION = (
    f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/{REGION}/storagegateway/aws4_request, "
    "SignedHeaders=host, Signature=x"
)
CONTENT_TYPE = "application/x-amz-json-1.1"
# Seconds one request may take before it counts as a hang.
REQUEST_TIMEOUT = 10.0
DEFAULT_RECURSION_LIMIT = 1000  # CPython's


class NoAnswer(AssertionError):
    """A request that did not answer within :data:`REQUEST_TIMEOUT`."""


def wire_body(body: Any, ascii_json: bool = True) -> bytes:
    return json.dumps(body, ensure_ascii=ascii_json).encode("utf-8")


def post(operation: str, body: Any, ascii_json: bool = True) -> requests.Response:
    """POST one JSON 1.1 request in-process; a request that hangs raises :class:`NoAnswer`."""
    data = wire_body(body, ascii_json)
    headers = {
        "Authorization": AUTHORIZATION,
        "Content-Type": CONTENT_TYPE,
        "X-Amz-Target": f"{service.service_model().metadata['targetPrefix']}.{operation}",
    }
    box: Dict[str, Any] = {}

    def run() -> None:
        try:
            box["response"] = requests.post(ENDPOINT, data=data, headers=headers)
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    # A daemon thread: a hung request cannot keep the test process alive. Hypothesis raises the
    # interpreter's recursion limit while it runs a test; the service answers under CPython's
    # default, as it does in a user's process or in the server.
    worker = threading.Thread(target=run, name=f"fuzz-{operation}", daemon=True)
    raised = sys.getrecursionlimit()
    sys.setrecursionlimit(min(raised, DEFAULT_RECURSION_LIMIT))
    try:
        worker.start()
        worker.join(REQUEST_TIMEOUT)
    finally:
        sys.setrecursionlimit(raised)
    if worker.is_alive():
        raise NoAnswer(f"{operation} did not answer within {REQUEST_TIMEOUT}s; body: {data[:500]!r}")
    if "error" in box:
        raise box["error"]
    return box["response"]


# --- the oracle: what the model's constraints say of one value -----------------

JAVA_RANGE = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}
SIZED = ("string", "blob", "list", "map")
NUMERIC = ("integer", "long", "float", "double")


def lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _size(shape: Shape, value: Any) -> int:
    if shape.type_name == "blob":
        return len(base64.b64decode(value))
    return len(value)


def constraint_phrases(shape: Shape, value: Any) -> List[str]:
    """The constraints of ``shape`` itself (not of its members or items) that ``value`` breaks,
    as the ``Member must ...`` phrases of AWS's message (without ``Member``)."""
    meta = shape.metadata
    low, high = meta.get("min"), meta.get("max")
    kind = shape.type_name
    out: List[str] = []
    if kind in SIZED:
        size = _size(shape, value)
        if low is not None and low > 0 and size < low:
            out.append(f"must have length greater than or equal to {low}")
        if high is not None and size > high:
            out.append(f"must have length less than or equal to {high}")
        if kind == "string":
            pattern = meta.get("pattern")
            if pattern is not None and constraints.java_pattern(pattern).search(value) is None:
                out.append(f"must satisfy regular expression pattern: {pattern}")
            if shape.enum and value not in shape.enum:
                out.append("must satisfy enum value set: [" + ", ".join(shape.enum) + "]")
    elif kind in NUMERIC:
        if low is not None and value < low:
            out.append(f"must have value greater than or equal to {low}")
        if high is not None and value > high:
            out.append(f"must have value less than or equal to {high}")
    return out


def _fits(shape: Shape, value: Any) -> bool:
    return not constraint_phrases(shape, value)


# --- valid values ----------------------------------------------------------------

# Strings without a maximum, and lists, are kept short; a string's maximum is drawn now and then.
TEXT_SPAN = 24
LIST_SPAN = 3
EPOCH_MAX = 4102444800  # 2100-01-01

_REGEX_STRATEGIES: Dict[str, SearchStrategy[str]] = {}


def pattern_strings(raw: str) -> SearchStrategy[str]:
    """Strings the model pattern ``raw`` (Java dialect) matches in full; built once per pattern.

    The product's translation (``java_pattern``) is the regex. It is ASCII-flagged (Java's ``\\w``,
    ``\\d``, ``\\s`` are ASCII), and Hypothesis then draws from ASCII only; a pattern that names
    non-ASCII characters itself (``\\p{L}`` and friends) is drawn without the flag and filtered
    by the real regex instead.

    Building a strategy for a ``\\p{L}`` class walks every code point (seconds), so it is built
    once, here, on a fresh thread (whose stack is shallow: deep down pytest's stack CPython 3.11
    can spend most of that walk mapping and unmapping frame chunks), and handed out behind
    ``deferred`` so that the filters callers add do not make Hypothesis build it again.
    """
    found = _REGEX_STRATEGIES.get(raw)
    if found is None:
        compiled = constraints.java_pattern(raw)
        # Java's $ and . become look-aheads and classes Hypothesis draws from poorly; drawing
        # from plain $ and . gives strings the real regex (the filter below) mostly accepts.
        source = compiled.pattern.replace(constraints.JAVA_END, "$").replace(constraints.JAVA_DOT, ".")
        drawn = re.compile(source, compiled.flags)
        if source.isascii():
            regex: SearchStrategy[str] = st.from_regex(drawn, fullmatch=True).filter(
                lambda value: compiled.search(value) is not None
            )
        else:
            unicode_regex = re.compile(source, compiled.flags & ~re.ASCII)
            regex = st.from_regex(unicode_regex, fullmatch=True).filter(
                lambda value: compiled.search(value) is not None
            )
        _on_fresh_thread(regex.validate)
        found = _REGEX_STRATEGIES[raw] = st.deferred(lambda: regex)
    return found


def _on_fresh_thread(work: Callable[[], Any]) -> None:
    box: Dict[str, BaseException] = {}

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, name="fuzz-build", daemon=True)
    worker.start()
    worker.join()
    if "error" in box:
        raise box["error"]


def _text(low: int, high: Optional[int]) -> SearchStrategy[str]:
    upper = low + TEXT_SPAN if high is None else min(high, low + TEXT_SPAN)
    text = st.text(min_size=low, max_size=upper)
    if high is not None and high > upper:
        # The boundary itself, now and then.
        return st.one_of(text, st.text(min_size=high, max_size=high))
    return text


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def token_shapes() -> FrozenSet[str]:
    """Shape names of the paginators' input tokens (``paginators-1.json``): opaque to callers."""
    names = set()
    for operation, config in service.paginators().items():
        tokens = config["input_token"]
        members = service.operation_model(operation).input_shape.members
        for token in [tokens] if isinstance(tokens, str) else tokens:
            names.add(members[token].name)
    return frozenset(names)


def opaque_tokens(shape: Shape) -> SearchStrategy[str]:
    """Strings shaped like a service's own pagination tokens: base64 of JSON (random values, or
    arrays nested as deep as the shape's length allows, the classic parser breaker) or of bytes.

    Random text is almost never valid base64, so without these a token decoder is only ever
    reached with garbage it refuses at once.
    """
    high = shape.metadata.get("max")
    budget = high * 3 // 4 - 3 if high is not None else 1500
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
    values = st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
        ),
        max_leaves=8,
    )
    depth = st.one_of(st.just(max(1, budget)), st.integers(min_value=1, max_value=max(1, budget)))
    payloads = st.one_of(
        depth.map(lambda n: b"[" * n),  # unterminated: a recursive parser dives before it checks
        values.map(lambda v: json.dumps(v).encode("utf-8")),
        st.binary(max_size=64),
    )
    encoders = st.sampled_from([base64.urlsafe_b64encode, base64.b64encode])
    tokens = st.builds(lambda data, encode: encode(data).decode("ascii"), payloads, encoders)
    return tokens.filter(lambda v: _fits(shape, v))


class Pools:
    """Real values keyed by model shape name, drawn by position.

    Positions rather than values go into Hypothesis' choice sequence, so that a world rebuilt
    with fresh identifiers (same roles, same order) keeps every strategy meaningful.
    """

    def __init__(self) -> None:
        self.values: Dict[str, List[Any]] = {}

    def __contains__(self, name: str) -> bool:
        return bool(self.values.get(name))

    def strategy(self, name: str) -> SearchStrategy[Any]:
        size = len(self.values[name])

        def pick(index: int) -> Any:
            pool = self.values[name]
            return pool[index % len(pool)]

        return st.integers(min_value=0, max_value=size - 1).map(pick)


class Compiler:
    """Strategies for valid wire values of any model shape, compiled once per shape name."""

    def __init__(self, pools: Optional[Pools] = None) -> None:
        self.pools = pools if pools is not None else Pools()
        self.tokens = token_shapes()
        self._cache: Dict[str, SearchStrategy[Any]] = {}

    def valid(self, shape: Shape) -> SearchStrategy[Any]:
        found = self._cache.get(shape.name)
        if found is None:
            # Deferred, so that recursive shapes compile.
            found = self._cache[shape.name] = st.deferred(lambda: self._build(shape))
        return found

    def _build(self, shape: Shape) -> SearchStrategy[Any]:
        generic = self._generic(shape)
        if shape.name in self.pools:
            # Real values three times out of four (World.build checks that they fit the shape).
            pooled = self.pools.strategy(shape.name)
            return st.integers(min_value=0, max_value=3).flatmap(
                lambda k: generic if k == 3 else pooled
            )
        return generic

    def _generic(self, shape: Shape) -> SearchStrategy[Any]:
        kind = shape.type_name
        meta = shape.metadata
        low, high = meta.get("min"), meta.get("max")
        if kind == "structure":
            required = set(shape.required_members)
            must: Dict[str, SearchStrategy[Any]] = {}
            may: Dict[str, SearchStrategy[Any]] = {}
            for name, member in shape.members.items():
                wire = member.serialization.get("name", name)
                (must if name in required else may)[wire] = self.valid(member)
            return st.fixed_dictionaries(must, optional=may)
        if kind in ("list", "map"):
            least = low or 0
            most = least + LIST_SPAN if high is None else min(high, least + LIST_SPAN)
            if kind == "list":
                return st.lists(self.valid(shape.member), min_size=least, max_size=most)
            return st.dictionaries(
                self.valid(shape.key), self.valid(shape.value), min_size=least, max_size=most
            )
        if kind == "string":
            if shape.enum:
                return st.sampled_from(list(shape.enum)).filter(lambda v: _fits(shape, v))
            pattern = meta.get("pattern")
            if pattern is not None:
                strings = pattern_strings(pattern).filter(lambda v: _fits(shape, v))
            else:
                strings = _text(low or 0, high)
            if shape.name in self.tokens:
                return st.one_of(opaque_tokens(shape), strings)
            return strings
        if kind in ("integer", "long"):
            java_low, java_high = JAVA_RANGE[kind]
            return st.integers(
                min_value=java_low if low is None else max(low, java_low),
                max_value=java_high if high is None else min(high, java_high),
            )
        if kind in ("float", "double"):
            return st.floats(
                min_value=low, max_value=high, allow_nan=False, allow_infinity=False
            )
        if kind == "boolean":
            return st.booleans()
        if kind == "timestamp":
            return st.one_of(
                st.integers(min_value=0, max_value=EPOCH_MAX),
                st.floats(min_value=0, max_value=EPOCH_MAX, allow_nan=False),
            )
        if kind == "blob":
            least = low or 0
            most = least + TEXT_SPAN if high is None else min(high, least + TEXT_SPAN)
            return st.binary(min_size=least, max_size=most).map(_b64)
        raise NotImplementedError(f"no strategy for {kind} shape {shape.name}")


# --- breaking one thing --------------------------------------------------------

CONSTRAINT_KINDS = frozenset(
    {"min_length", "max_length", "min_value", "max_value", "pattern", "enum", "required"}
)
TYPE_KIND = "type"


@dataclass(frozen=True)
class Step:
    """One step from a value into a part: a structure member, a list item, a map key or value."""

    kind: str  # "member", "item", "key" or "value"
    shape: Shape  # the shape of the part
    name: str = ""  # model member name
    wire: str = ""  # JSON member name
    owner: Optional[Shape] = None  # the map, for map steps


@dataclass(frozen=True)
class Site:
    """A place in an input shape and the one thing to break there."""

    steps: Tuple[Step, ...]
    kind: str
    shape: Shape

    def __str__(self) -> str:
        parts = []
        for step in self.steps:
            if step.kind == "member":
                parts.append(lower_camel(step.name))
            elif step.kind == "item":
                parts.append("N.member")
            else:
                parts.append(f"K.{step.kind}")
        return f"{'.'.join(parts) or '<body>'}:{self.kind}"


@dataclass
class Breach:
    """What was broken, where, and what the service has to say about it."""

    site: Site
    path: str  # AWS's member path: gatewayARN, tags.1.member.key, ...
    value: Any  # the value sent there (None: left out or null)
    phrases: List[str] = field(default_factory=list)  # for constraint breaches

    @property
    def kind(self) -> str:
        return self.site.kind

    @property
    def hidden(self) -> bool:
        """Whether AWS leaves the value out: the member, or one it lies in, is ``sensitive``."""
        return any(step.shape.metadata.get("sensitive") for step in self.site.steps)


def breakable(shape: Shape) -> List[str]:
    """The constraints of ``shape`` itself that a value of its JSON type can break."""
    kind = shape.type_name
    meta = shape.metadata
    low, high = meta.get("min"), meta.get("max")
    out: List[str] = []
    if kind in SIZED:
        if low:
            out.append("min_length")
        if high is not None:
            out.append("max_length")
        if kind == "string" and meta.get("pattern") is not None:
            out.append("pattern")
        if kind == "string" and shape.enum:
            out.append("enum")
    elif kind in ("integer", "long"):
        java_low, java_high = JAVA_RANGE[kind]
        if low is not None and low > java_low:
            out.append("min_value")
        if high is not None and high < java_high:
            out.append("max_value")
    elif kind in ("float", "double"):
        if low is not None:
            out.append("min_value")
        if high is not None:
            out.append("max_value")
    return out


def sites(shape: Shape, kinds: FrozenSet[str]) -> List[Site]:
    """Every site of an input shape whose kind is one of ``kinds``: the body itself (type) and
    each member path, recursively, in model order."""
    found = [Site((), TYPE_KIND, shape)]
    _walk(shape, (), found, (shape.name,))
    return [site for site in found if site.kind in kinds]


def _children(shape: Shape) -> List[Step]:
    kind = shape.type_name
    if kind == "structure":
        return [
            Step("member", member, name, member.serialization.get("name", name))
            for name, member in shape.members.items()
        ]
    if kind == "list":
        return [Step("item", shape.member)]
    if kind == "map":
        return [Step("key", shape.key, owner=shape), Step("value", shape.value, owner=shape)]
    return []


def _walk(shape: Shape, steps: Tuple[Step, ...], found: List[Site], stack: Tuple[str, ...]) -> None:
    required = set(shape.required_members) if shape.type_name == "structure" else set()
    for step in _children(shape):
        here = steps + (step,)
        if step.kind == "member" and step.name in required:
            found.append(Site(here, "required", step.shape))
        if step.kind != "key":  # JSON object keys are strings whatever the model says
            found.append(Site(here, TYPE_KIND, step.shape))
        found.extend(Site(here, kind, step.shape) for kind in breakable(step.shape))
        if step.shape.name not in stack:
            _walk(step.shape, here, found, stack + (step.shape.name,))


# Characters that break most patterns, tried when a drawn one does not.
_SUSPECTS = ("#", "\x00", "\n", " ", "/", "\\", "\u00e9", "*", "A", "a", "0", "-")


def _one_char() -> SearchStrategy[str]:
    return st.text(min_size=1, max_size=1)


def _choose(shape: Shape, wanted: str, candidates: Sequence[Any]) -> Any:
    """The first candidate that breaks only ``wanted``, else the first that breaks it at all."""
    breaking = [c for c in candidates if c is not None and wanted in constraint_phrases(shape, c)]
    for candidate in breaking:
        if constraint_phrases(shape, candidate) == [wanted]:
            return candidate
    if not breaking:
        reject()
    return breaking[0]


def _phrase(shape: Shape, kind: str) -> str:
    meta = shape.metadata
    if kind == "min_length":
        return f"must have length greater than or equal to {meta['min']}"
    if kind == "max_length":
        return f"must have length less than or equal to {meta['max']}"
    if kind == "min_value":
        return f"must have value greater than or equal to {meta['min']}"
    if kind == "max_value":
        return f"must have value less than or equal to {meta['max']}"
    if kind == "pattern":
        return f"must satisfy regular expression pattern: {meta['pattern']}"
    if kind == "enum":
        return "must satisfy enum value set: [" + ", ".join(shape.enum) + "]"
    raise ValueError(kind)


Draw = Callable[[SearchStrategy[Any]], Any]


def _violation(draw: Draw, compiler: Compiler, shape: Shape, kind: str) -> Any:
    """A value of ``shape``'s JSON type that breaks its constraint ``kind``, and if it can
    nothing else (the oracle, not this function, says what the service must report)."""
    meta = shape.metadata
    low, high = meta.get("min"), meta.get("max")
    type_name = shape.type_name
    wanted = _phrase(shape, kind)
    if type_name in ("integer", "long"):
        java_low, java_high = JAVA_RANGE[type_name]
        if kind == "min_value":
            return draw(st.integers(min_value=java_low, max_value=low - 1))
        return draw(st.integers(min_value=high + 1, max_value=java_high))
    if type_name in ("float", "double"):
        finite = {"allow_nan": False, "allow_infinity": False}
        if kind == "min_value":
            return draw(st.floats(max_value=low, exclude_max=True, **finite))
        return draw(st.floats(min_value=high, exclude_min=True, **finite))
    if type_name in ("list", "map"):
        item = compiler.valid(shape.member) if type_name == "list" else None
        if kind == "min_length":
            sizes = {"min_size": 0, "max_size": low - 1}
        else:
            sizes = {"min_size": high + 1, "max_size": high + LIST_SPAN}
        if item is not None:
            return draw(st.lists(item, **sizes))
        return draw(
            st.dictionaries(compiler.valid(shape.key), compiler.valid(shape.value), **sizes)
        )
    if type_name == "blob":
        if kind == "min_length":
            return _b64(draw(st.binary(max_size=low - 1)))
        return _b64(draw(st.binary(min_size=high + 1, max_size=high + TEXT_SPAN)))
    # strings
    base: str = draw(compiler.valid(shape))
    if kind == "min_length":
        size = draw(st.integers(min_value=0, max_value=low - 1))
        text = draw(st.text(min_size=size, max_size=size))
        return _choose(shape, wanted, [base[:size], base[-size:] if size else "", text])
    if kind == "max_length":
        size = high + draw(st.integers(min_value=1, max_value=8))
        candidates: List[Optional[str]] = []
        if base:
            candidates.append(base + base[-1] * (size - len(base)))
            candidates.append(base[0] * (size - len(base)) + base)
            candidates.append(base * (size // len(base) + 1))
        candidates.append(draw(st.text(min_size=size, max_size=size)))
        candidates.append("a" * size)
        return _choose(shape, wanted, candidates)
    if kind == "pattern":
        char = draw(_one_char())
        at = draw(st.integers(min_value=0, max_value=len(base)))
        candidates = [
            base[:at] + char + base[at + 1 :],
            base[:at] + char + base[at:],
            draw(_text(low or 0, high)),
            base + "\n",
        ]
        for suspect in _SUSPECTS:
            candidates.append(base[:at] + suspect + base[at + 1 :])
            candidates.append(base[:at] + suspect + base[at:])
            # An unanchored pattern (IqnName's "[0-9a-z:.-]+" is a search) is broken only by
            # a value with no matching part at all: one character, as long as the base.
            candidates.append(suspect * max(1, len(base), low or 0))
        return _choose(shape, wanted, candidates)
    if kind == "enum":
        char = draw(_one_char())
        text = draw(_text(low or 0, high))
        candidates = [base.lower(), base.upper(), base + char, char + base, base[:-1], base + " ", text]
        return _choose(shape, wanted, candidates)
    raise ValueError(kind)


def wrong_type(shape: Shape) -> SearchStrategy[Any]:
    """JSON values that are not of ``shape``'s JSON type (never null: null means "absent")."""
    text = st.text(max_size=8)
    integers = st.integers()
    fractions = st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer())
    booleans = st.booleans()
    scalar = st.one_of(integers, text)
    arrays = st.lists(scalar, max_size=2)
    objects = st.dictionaries(st.text(max_size=4), scalar, max_size=2)
    kind = shape.type_name
    if kind in ("string", "blob"):
        choices = [integers, fractions, booleans, arrays, objects]
    elif kind == "boolean":
        choices = [text, integers, fractions, arrays, objects]
    elif kind in ("integer", "long"):
        choices = [text, booleans, fractions, arrays, objects]
    elif kind in ("float", "double", "timestamp"):
        choices = [text, booleans, arrays, objects]
    elif kind in ("structure", "map"):
        choices = [text, integers, fractions, booleans, arrays]
    elif kind == "list":
        choices = [text, integers, fractions, booleans, objects]
    else:
        raise NotImplementedError(kind)
    return st.one_of(choices)


def _descend(
    draw: Draw, compiler: Compiler, container: Any, step: Step, path: str
) -> Tuple[Callable[[], Any], Callable[[Any], None], str]:
    """``(get, set, path)`` of the part ``step`` names in ``container``, made to exist."""
    if step.kind == "member":
        if container.get(step.wire) is None:
            container[step.wire] = draw(compiler.valid(step.shape))
        here = lower_camel(step.name)
        wire = step.wire

        def put(value: Any) -> None:
            container[wire] = value

        return (lambda: container[wire]), put, f"{path}.{here}" if path else here
    if step.kind == "item":
        if not container:
            container.append(draw(compiler.valid(step.shape)))
        index = draw(st.integers(min_value=0, max_value=len(container) - 1))

        def put_item(value: Any) -> None:
            container[index] = value

        return (lambda: container[index]), put_item, f"{path}.{index + 1}.member"
    assert step.owner is not None
    if not container:
        container[draw(compiler.valid(step.owner.key))] = draw(compiler.valid(step.owner.value))
    key = draw(st.sampled_from(sorted(container)))
    if step.kind == "value":

        def put_value(value: Any) -> None:
            container[key] = value

        return (lambda: container[key]), put_value, f"{path}.{key}.value"

    def put_key(new_key: Any) -> None:
        container[new_key] = container.pop(key)

    return (lambda: key), put_key, f"{path}.{key}.key"


@st.composite
def broken_input(
    draw: Draw, operation: OperationModel, compiler: Compiler, site: Site
) -> Tuple[Any, Breach]:
    """A valid input of ``operation`` with the one thing ``site`` names broken, and what was broken."""
    shape = operation.input_shape
    body = draw(compiler.valid(shape))
    if not site.steps:
        bad = draw(wrong_type(shape))
        return bad, Breach(site, "", bad)
    container: Any = body
    path = ""
    for step in site.steps[:-1]:
        get, _, path = _descend(draw, compiler, container, step, path)
        container = get()
    last = site.steps[-1]
    if site.kind == "required":
        # Left out, or sent as JSON null: both read as missing.
        if draw(st.booleans()):
            container.pop(last.wire, None)
        else:
            container[last.wire] = None
        here = lower_camel(last.name)
        return body, Breach(site, f"{path}.{here}" if path else here, None, ["must not be null"])
    parent = path
    _, put, path = _descend(draw, compiler, container, last, path)
    if site.kind == TYPE_KIND:
        bad = draw(wrong_type(site.shape))
        put(bad)
        return body, Breach(site, path, bad)
    bad = _violation(draw, compiler, site.shape, site.kind)
    if last.kind == "key":
        path = f"{parent}.{bad}.key"  # a map key is named by itself
    put(bad)
    return body, Breach(site, path, bad, constraint_phrases(site.shape, bad))


# --- the world -----------------------------------------------------------------

GIB = 1024**3
SHARE_BUCKET, REPORT_BUCKET = "fuzz-share-bucket", "fuzz-report-bucket"
ACCOUNT = "123456789012"  # moto's default account, where the world lives
ROLE = f"arn:aws:iam::{ACCOUNT}:role/fuzz-gateway"
ACTIVATION_KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V"

# Values AWS documents for shapes whose real values are not identifiers of the world.
DOCUMENTED: Dict[str, List[Any]] = {
    "ActivationKey": [ACTIVATION_KEY],
    "RegionId": [REGION],
    "GatewayTimezone": ["GMT", "GMT-5:00", "GMT+10:00"],
    "GatewayType": ["CACHED", "STORED", "VTL", "FILE_S3"],
    "TapeDriveType": ["IBM-ULT3580-TD5"],
    "BandwidthType": ["UPLOAD", "DOWNLOAD", "ALL", "All"],
    "IqnName": ["iqn.1991-05.com.microsoft:fuzz"],
    "ChapSecret": ["fuzz-secret-12", "other-secret-34"],
    "MediumChangerType": ["AWS-Gateway-VTL", "STK-L700"],
    # IPV4Address's look-ahead pattern is too narrow for drawn strings to hit.
    "IPV4Address": ["10.0.0.20", "10.0.0.21", "192.168.1.5"],
    # Drawn pattern strings for 11 and more rules at once are filtered too often.
    "TapeBarcodePrefix": ["TST", "AUTO", "WK", "B"],
}


def is_read_only(operation: str) -> bool:
    """Describe*/List* operations change nothing (AWS's naming rule)."""
    return operation.startswith(("Describe", "List"))


class World:
    """One account and region with something of everything, made through the wire.

    - a CACHED gateway with cache and upload buffer, tagged, with a tagged cached volume;
    - a STORED gateway with upload buffer and a stored volume;
    - a CACHED gateway with cache that is shut down;
    - a deleted gateway and a deleted volume (well-formed ARNs that are not found);
    - a cached volume detached from its gateway;
    - the iSCSI targets of the two volumes, one with CHAP credentials, and a target ARN of the
      deleted volume;
    - an EBS snapshot taken by Storage Gateway and one taken by EC2, and a KMS key;
    - an S3 File Gateway with guest access, an NFS and an SMB share on a bucket, a deleted
      share, a cache report and a deleted one; an FSx File Gateway with an association and
      a deleted one (FSx file systems made once; moto 5.0 has no FSx, any ARN serves);
    - a tape gateway with cache, a custom tape pool and a deleted one, a tape in the pool, an
      archived tape and a deleted tape; a disabled tape gateway with a tape (so a recovery
      point); the VTL devices of the first;
    - a first-page marker of every implemented paginated operation.

    Its identifiers fill :attr:`pools`, keyed by model shape name. Build it inside an active mock.
    :meth:`after` makes the Storage Gateway part again (new identifiers, same pool positions)
    once an operation has changed it; EC2's snapshot and the KMS key are made once.
    """

    def __init__(self) -> None:
        import boto3

        self.pools = Pools()
        self.roles = Roles()
        ec2 = boto3.client("ec2", region_name=REGION)
        kms = boto3.client("kms", region_name=REGION)
        ebs_volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=1)["VolumeId"]
        self._ec2_snapshot = ec2.create_snapshot(VolumeId=ebs_volume)["SnapshotId"]
        self._kms_key = kms.create_key()["KeyMetadata"]["Arn"]
        s3 = boto3.client("s3", region_name=REGION)
        for bucket in (SHARE_BUCKET, REPORT_BUCKET):
            s3.create_bucket(Bucket=bucket)
        self._file_systems = self._windows_file_systems()
        self.build()

    @staticmethod
    def _windows_file_systems() -> List[str]:
        from moto_sgw.bridges import fsx

        if not fsx.available():
            return [f"arn:aws:fsx:{REGION}:123456789012:file-system/fs-0123456789abcdef{n}" for n in (0, 1)]
        import boto3

        client = boto3.client("fsx", region_name=REGION)
        return [
            client.create_file_system(
                FileSystemType="WINDOWS", StorageCapacity=32, SubnetIds=["subnet-0123456789abcdef0"]
            )["FileSystem"]["ResourceARN"]
            for _ in range(2)
        ]

    def after(self, operation: str, status: int) -> None:
        """Rebuild if ``operation`` answered a success that may have changed the world."""
        if status == 200 and not is_read_only(operation):
            self.rebuild()

    def rebuild(self) -> None:
        """The Storage Gateway part as :meth:`build` left it: its state restored from a copy
        taken then (the same identifiers, so the pools stay as they are), in a few
        milliseconds instead of the ~80 requests of a build."""
        from moto_sgw.models import storagegateway_backends

        # Storage Gateway's state only: moto's BackendDict.reset is a class method that would
        # reset every service (EC2's snapshot, the KMS key, the buckets made once).
        for per_account in list(storagegateway_backends.values()):
            per_account.reset()
        backend = storagegateway_backends[ACCOUNT][REGION]
        with backend.lock:
            # The records refer to their backend: the copy keeps referring to the same one.
            backend.__dict__.update(copy.deepcopy(self._state, {id(backend): backend}))

    def _keep(self) -> None:
        """Take the copy :meth:`rebuild` restores (everything but the backend's lock)."""
        from moto_sgw.models import storagegateway_backends

        backend = storagegateway_backends[ACCOUNT][REGION]
        with backend.lock:
            state = {key: value for key, value in backend.__dict__.items() if key != "lock"}
            self._state = copy.deepcopy(state, {id(backend): backend})

    @staticmethod
    def _call(operation: str, body: Dict[str, Any]) -> Dict[str, Any]:
        response = post(operation, body)
        assert response.status_code == 200, f"world: {operation} {body}: {response.text}"
        return response.json()

    def _gateway(
        self, name: str, gateway_type: str, tags: Optional[List[Dict[str, str]]] = None
    ) -> Dict[str, Any]:
        body: Dict[str, Any] = {
            "ActivationKey": ACTIVATION_KEY,
            "GatewayName": name,
            "GatewayTimezone": "GMT",
            "GatewayRegion": REGION,
            "GatewayType": gateway_type,
        }
        if tags:
            body["Tags"] = tags
        arn = self._call("ActivateGateway", body)["GatewayARN"]
        disks = self._call("ListLocalDisks", {"GatewayARN": arn})["Disks"]
        info = self._call("DescribeGatewayInformation", {"GatewayARN": arn})
        return {
            "arn": arn,
            "disks": [d["DiskId"] for d in disks],
            "sizes": [d["DiskSizeInBytes"] for d in disks],
            "ip": info["GatewayNetworkInterfaces"][0]["Ipv4Address"],
        }

    def build(self) -> None:
        call = self._call
        tags = [{"Key": "fuzz", "Value": "1"}, {"Key": "team", "Value": "storage"}]
        cached = self._gateway("fuzz-cached", "CACHED", tags)
        stored = self._gateway("fuzz-stored", "STORED")
        down = self._gateway("fuzz-down", "CACHED")
        gone = self._gateway("fuzz-gone", "CACHED")
        call("AddCache", {"GatewayARN": cached["arn"], "DiskIds": [cached["disks"][0]]})
        call("AddUploadBuffer", {"GatewayARN": cached["arn"], "DiskIds": [cached["disks"][1]]})
        call("AddUploadBuffer", {"GatewayARN": stored["arn"], "DiskIds": [stored["disks"][0]]})
        call("AddCache", {"GatewayARN": down["arn"], "DiskIds": [down["disks"][0]]})

        def cached_volume(target: str, token: str, **extra: Any) -> str:
            return call(
                "CreateCachediSCSIVolume",
                {
                    "GatewayARN": cached["arn"],
                    "VolumeSizeInBytes": 5 * GIB,
                    "TargetName": target,
                    "NetworkInterfaceId": cached["ip"],
                    "ClientToken": token,
                    **extra,
                },
            )["VolumeARN"]

        volume_c = cached_volume("fuzz-cached", "fuzz-token-cached", Tags=tags)
        volume_d = cached_volume("fuzz-gone", "fuzz-token-gone")
        call("DeleteVolume", {"VolumeARN": volume_d})
        volume_s = call(
            "CreateStorediSCSIVolume",
            {
                "GatewayARN": stored["arn"],
                "DiskId": stored["disks"][2],
                "PreserveExistingData": False,
                "TargetName": "fuzz-stored",
                "NetworkInterfaceId": stored["ip"],
            },
        )["VolumeARN"]
        volume_x = cached_volume("fuzz-detached", "fuzz-token-detached")
        call("DetachVolume", {"VolumeARN": volume_x})
        sgw_snapshot = call("CreateSnapshot", {"VolumeARN": volume_c, "SnapshotDescription": "fuzz"})["SnapshotId"]
        target_c = call("DescribeCachediSCSIVolumes", {"VolumeARNs": [volume_c]})["CachediSCSIVolumes"][0][
            "VolumeiSCSIAttributes"
        ]["TargetARN"]
        target_s = call("DescribeStorediSCSIVolumes", {"VolumeARNs": [volume_s]})["StorediSCSIVolumes"][0][
            "VolumeiSCSIAttributes"
        ]["TargetARN"]
        target_gone = target_c.replace(":fuzz-cached", ":fuzz-gone")
        call(
            "UpdateChapCredentials",
            {
                "TargetARN": target_c,
                "InitiatorName": DOCUMENTED["IqnName"][0],
                "SecretToAuthenticateInitiator": DOCUMENTED["ChapSecret"][0],
                "SecretToAuthenticateTarget": DOCUMENTED["ChapSecret"][1],
            },
        )
        call("ShutdownGateway", {"GatewayARN": down["arn"]})
        call("DeleteGateway", {"GatewayARN": gone["arn"]})
        files = self._gateway("fuzz-files", "FILE_S3")
        fsx_gateway = self._gateway("fuzz-fsx", "FILE_FSX_SMB")
        bucket_arn = f"arn:aws:s3:::{SHARE_BUCKET}"

        def nfs_share(token: str, **extra: Any) -> str:
            body = {"ClientToken": token, "GatewayARN": files["arn"], "Role": ROLE, "LocationARN": bucket_arn}
            return call("CreateNFSFileShare", {**body, **extra})["FileShareARN"]

        share = nfs_share("fuzz-token-share", Tags=tags)
        share_gone = nfs_share("fuzz-token-share-gone", FileShareName="fuzz-gone")
        call("DeleteFileShare", {"FileShareARN": share_gone})
        call("SetSMBGuestPassword", {"GatewayARN": files["arn"], "Password": "fuzz-guest"})
        smb_share = call(
            "CreateSMBFileShare",
            {
                "ClientToken": "fuzz-token-smb",
                "GatewayARN": files["arn"],
                "Role": ROLE,
                "LocationARN": bucket_arn + "/smb/",
                "FileShareName": "fuzz-smb",
                "Authentication": "GuestAccess",
            },
        )["FileShareARN"]

        def cache_report(token: str) -> str:
            body = {
                "FileShareARN": share,
                "Role": ROLE,
                "LocationARN": f"arn:aws:s3:::{REPORT_BUCKET}",
                "BucketRegion": REGION,
                "ClientToken": token,
                "InclusionFilters": [{"Name": "UploadState", "Values": ["FailingUpload"]}],
            }
            return call("StartCacheReport", body)["CacheReportARN"]

        report_gone = cache_report("fuzz-token-report-gone")
        call("DeleteCacheReport", {"CacheReportARN": report_gone})
        report = cache_report("fuzz-token-report")

        def associate(token: str, location: str, ip: str) -> str:
            body = {
                "UserName": "fuzz",
                "Password": "fuzz-password",
                "ClientToken": token,
                "GatewayARN": fsx_gateway["arn"],
                "LocationARN": location,
                "EndpointNetworkConfiguration": {"IpAddresses": [ip]},
            }
            return call("AssociateFileSystem", body)["FileSystemAssociationARN"]

        association = associate("fuzz-token-fsa", self._file_systems[0], "10.0.0.10")
        association_gone = associate("fuzz-token-fsa-gone", self._file_systems[1], "10.0.0.11")
        call("DisassociateFileSystem", {"FileSystemAssociationARN": association_gone})
        tape_roles = self._tape_world(call)

        self.roles.gateways.clear()
        self.roles.gateways.update(
            {
                cached["arn"]: ("CACHED", "running"),
                stored["arn"]: ("STORED", "running"),
                down["arn"]: ("CACHED", "shutdown"),
                gone["arn"]: ("CACHED", "deleted"),
                files["arn"]: ("FILE_S3", "running"),
                fsx_gateway["arn"]: ("FILE_FSX_SMB", "running"),
            }
        )
        self.roles.shares.clear()
        self.roles.shares.update(
            {share: (files["arn"], True), smb_share: (files["arn"], True), share_gone: (files["arn"], False)}
        )
        self.roles.reports.clear()
        self.roles.reports.update({report: (share, True), report_gone: (share, False)})
        self.roles.associations.clear()
        self.roles.associations.update(
            {association: (fsx_gateway["arn"], True), association_gone: (fsx_gateway["arn"], False)}
        )
        vtl, vtl_off = tape_roles["gateways"]
        self.roles.gateways.update({vtl: ("VTL", "running"), vtl_off: ("VTL", "shutdown")})  # disabled
        self.roles.tapes.clear()
        self.roles.tapes.update(tape_roles["tapes"])
        self.roles.devices.clear()
        self.roles.devices.update(tape_roles["devices"])
        self.roles.pools.clear()
        self.roles.pools.add(tape_roles["pool"])
        self.roles.volumes.clear()
        self.roles.volumes.update(
            {
                volume_c: (cached["arn"], True),
                volume_s: (stored["arn"], True),
                volume_d: (cached["arn"], False),
                volume_x: (cached["arn"], True),
            }
        )
        self.roles.detached.clear()
        self.roles.detached.add(volume_x)
        self.roles.targets.clear()
        self.roles.targets.update(
            {target_c: (cached["arn"], True), target_s: (stored["arn"], True), target_gone: (cached["arn"], False)}
        )
        gateways = [cached, stored, down]
        values: Dict[str, List[Any]] = {name: list(items) for name, items in DOCUMENTED.items()}
        values.update(
            {
                "GatewayARN": [g["arn"] for g in gateways]
                + [gone["arn"], files["arn"], fsx_gateway["arn"], vtl, vtl_off],
                "VolumeARN": [volume_c, volume_s, volume_d, volume_x],
                "TargetARN": [target_c, target_s, target_gone],
                "ResourceARN": [g["arn"] for g in gateways]
                + [volume_c, volume_s, gone["arn"], share, share_gone, report, association]
                + [tape_roles["pool"], *tape_roles["tapes"]],
                "TapeARN": list(tape_roles["tapes"]),
                "PoolId": ["GLACIER", "DEEP_ARCHIVE", tape_roles["pool_id"]],
                "PoolARN": [tape_roles["pool"], tape_roles["pool_gone"]],
                "VTLDeviceARN": list(tape_roles["devices"]),
                "TapeSize": [100 * GIB, 200 * GIB],
                "FileShareARN": [share, smb_share, share_gone],
                "CacheReportARN": [report, report_gone],
                "FileSystemAssociationARN": [association, association_gone],
                "LocationARN": [bucket_arn, bucket_arn + "/other/", f"arn:aws:s3:::{REPORT_BUCKET}"],
                "FileSystemLocationARN": list(self._file_systems),
                "Role": [ROLE],
                "DiskId": [d for g in gateways for d in g["disks"]],
                "NetworkInterfaceId": [g["ip"] for g in gateways],
                "SnapshotId": [sgw_snapshot, self._ec2_snapshot],
                "TagKey": [t["Key"] for t in tags],
                "TagValue": [t["Value"] for t in tags],
                "KMSKey": [self._kms_key],
                # Sizes in bytes of the world's disks and volumes (VolumeSizeInBytes is a plain "long").
                "long": sorted({s for g in gateways for s in g["sizes"]} | {5 * GIB}),
            }
        )
        values.update(self._markers(values))
        model = service.service_model()
        for name, items in values.items():
            assert items, f"world: empty pool {name}"
            if name in model.shape_names:
                shape = model.shape_for(name)
                unfit = [item for item in items if not _fits(shape, item)]
                assert not unfit, f"world: pool {name} holds values its shape refuses: {unfit}"
        # Same keys, same positions: strategies built on the old pools stay valid.
        self.pools.values.clear()
        self.pools.values.update(values)
        self._keep()

    @staticmethod
    def _tape_world(call: Callable[[str, Dict[str, Any]], Dict[str, Any]]) -> Dict[str, Any]:
        from moto_sgw import appliance

        def tape_gateway(name: str) -> str:
            body = {
                "ActivationKey": ACTIVATION_KEY, "GatewayName": name, "GatewayTimezone": "GMT",
                "GatewayRegion": REGION, "GatewayType": "VTL",
            }
            arn = call("ActivateGateway", body)["GatewayARN"]
            disks = call("ListLocalDisks", {"GatewayARN": arn})["Disks"]
            call("AddCache", {"GatewayARN": arn, "DiskIds": [disks[0]["DiskId"]]})
            call("AddUploadBuffer", {"GatewayARN": arn, "DiskIds": [disks[1]["DiskId"]]})
            return arn

        vtl, vtl_off = tape_gateway("fuzz-vtl"), tape_gateway("fuzz-vtl-off")
        pool = call("CreateTapePool", {"PoolName": "fuzz-pool", "StorageClass": "GLACIER"})["PoolARN"]
        pool_gone = call("CreateTapePool", {"PoolName": "fuzz-pool-gone", "StorageClass": "GLACIER"})["PoolARN"]
        call("DeleteTapePool", {"PoolARN": pool_gone})
        pool_id = pool.rsplit("/", 1)[1]

        def tape(gateway: str, barcode: str, **extra: Any) -> str:
            body = {"GatewayARN": gateway, "TapeSizeInBytes": 100 * GIB, "TapeBarcode": barcode, **extra}
            return call("CreateTapeWithBarcode", body)["TapeARN"]

        pooled = tape(vtl, "FUZZ0001", PoolId=pool_id)
        archived = tape(vtl, "FUZZ0002")
        appliance.eject_tape(archived)
        deleted = tape(vtl, "FUZZ0003")
        call("DeleteTape", {"GatewayARN": vtl, "TapeARN": deleted})
        recoverable = tape(vtl_off, "FUZZ0004")
        call("DisableGateway", {"GatewayARN": vtl_off})
        devices = call("DescribeVTLDevices", {"GatewayARN": vtl})["VTLDevices"]
        changer, drive = devices[0]["VTLDeviceARN"], devices[1]["VTLDeviceARN"]
        return {
            "gateways": (vtl, vtl_off),
            "pool": pool,
            "pool_gone": pool_gone,
            "pool_id": pool_id,
            "tapes": {
                pooled: (vtl, True), archived: (None, True), deleted: (vtl, False), recoverable: (vtl_off, True)
            },
            "devices": {changer: (vtl, True), drive: (vtl, True), changer.replace("_00001", "_00099"): (vtl, False)},
        }

    def _markers(self, values: Dict[str, List[Any]]) -> Dict[str, List[str]]:
        """First-page markers of every implemented paginated operation the pools can call,
        keyed by the shape name of the operation's input token. Each required member takes
        the first value of its pool that the operation accepts (a tape operation wants a
        tape gateway)."""
        markers: Dict[str, List[str]] = {}
        for name, config in sorted(service.paginators().items()):
            if name not in registry.HANDLERS or "limit_key" not in config:
                continue
            shape = service.operation_model(name).input_shape
            required = list(shape.required_members)
            pools = [values.get(shape.members[member].name) or [] for member in required]
            if not all(pools):
                continue
            for choice in range(max([len(pool) for pool in pools] + [1])):
                body: Dict[str, Any] = {config["limit_key"]: 1}
                body.update({m: pool[min(choice, len(pool) - 1)] for m, pool in zip(required, pools)})
                response = post(name, body)
                if response.status_code != 200:
                    continue
                page = response.json()
                if config["output_token"] in page:
                    token_shape = shape.members[config["input_token"]].name
                    markers.setdefault(token_shape, []).append(page[config["output_token"]])
                break
        return markers
