"""Model-driven fuzzing of every implemented operation, through the wire.

For each operation in ``moto_sgw.protocol.registry.HANDLERS`` (so an operation added later is
fuzzed with no new code), three properties, each over inputs generated from botocore's model
(see ``strategies.py``) and sent as raw JSON 1.1 requests inside ``mock_storagegateway()``:

- valid input: what ``expectations.py`` (the suite's own statement of AWS's rules) says the
  resources it names call for: the one error of a missing, wrong-type or shut-down resource,
  else a success whose body conforms to the output shape or one of the operation's own errors;
- one broken constraint (length, range, pattern, enum, required member missing): HTTP 400
  ``ValidationException`` naming the member path and the constraint;
- one member of the wrong JSON type: HTTP 400 ``SerializationException``.

Never HTTP 500, a traceback, a body that is not JSON, or a request without an answer
(``REQUEST_TIMEOUT`` per request, plus Hypothesis' per-example ``deadline``).

Examples per test: ``MOTO_SGW_FUZZ_EXAMPLES``, default 50 (78 tests; the whole suite takes
about a minute with ``pytest -n 2`` on 2 cores). The two breaking tests visit every site
(member path and thing to break) of the operation in turn and spread the examples over them,
at least 2 a site. A longer run::

    MOTO_SGW_FUZZ_EXAMPLES=500 python -m pytest -q -p no:cacheprovider -n 2 tests/fuzz

One mock and one world (:class:`strategies.World`) serve the module; after a success of an
operation that changes state the world is rebuilt, so every example meets the world the
pools describe.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import timedelta
from typing import Any, Callable, FrozenSet, Iterator, Tuple

import pytest

# database=None keeps examples out of .hypothesis; Hypothesis' own caches (unicode data, source
# constants) go to a temporary directory too, unless the caller chose one.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "moto-sgw-hypothesis")
)

from hypothesis import HealthCheck, event, given, note, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import moto_sgw.families  # noqa: E402,F401  (registers every handler)
from moto_sgw import mock_storagegateway  # noqa: E402
from moto_sgw.protocol import registry, service  # noqa: E402

from ..conformance import check_response  # noqa: E402
from .expectations import NEEDS, expected  # noqa: E402
from .strategies import (  # noqa: E402
    CONSTRAINT_KINDS,
    CONTENT_TYPE,
    TYPE_KIND,
    Breach,
    Compiler,
    World,
    broken_input,
    post,
    sites,
    wire_body,
)

DEFAULT_EXAMPLES = 50
EXAMPLES = int(os.environ.get("MOTO_SGW_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))
# One example is one request (plus, after a state change, a world rebuild of ~30 requests).
DEADLINE = timedelta(seconds=5)

OPERATIONS = sorted(registry.HANDLERS)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=DEADLINE,
    database=None,
    derandomize=False,
    # Drawing from \p{L}-style pattern strategies is slow the first time; that is not the service.
    # Lists the model allows to be large (RefreshCache's 50 folders of 1,024 characters) are drawn
    # as large as the model allows.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with mock_storagegateway():
        yield World()


def _answer(operation: str, body: Any, response: Any) -> Tuple[int, Any]:
    """``(status, JSON body)`` of a response that is well-formed whatever it says."""
    where = f"{operation} with {json.dumps(body, ensure_ascii=False)[:2000]}"
    try:
        # JSON is UTF-8 (RFC 8259); ``response.text`` would guess a charset.
        text = response.content.decode("utf-8")
    except UnicodeDecodeError:
        raise AssertionError(f"body is not UTF-8 for {where}: {response.content!r}") from None
    assert response.status_code != 500, f"HTTP 500 for {where}: {text}"
    assert "Traceback" not in text, f"traceback for {where}: {text}"
    assert response.headers.get("Content-Type") == CONTENT_TYPE, f"{where}: {dict(response.headers)}"
    try:
        answer = json.loads(text)
    except ValueError:
        raise AssertionError(f"body is not JSON for {where}: {text!r}") from None
    problems = check_response(operation, response.status_code, response.headers, text)
    assert not problems, f"{where}: " + "\n".join(problems)
    return response.status_code, answer


def test_every_fuzzed_operation_has_its_expectations() -> None:
    assert set(OPERATIONS) <= set(NEEDS)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_valid_input_answers_what_its_case_calls_for(operation: str, world: World) -> None:
    model = service.operation_model(operation)
    compiler = Compiler(world.pools)

    @FUZZ
    @given(body=compiler.valid(model.input_shape), ascii_json=st.booleans())
    def example(body: Any, ascii_json: bool) -> None:
        note(f"request: {wire_body(body, ascii_json)!r}")
        wanted = expected(operation, body, world.roles)
        response = post(operation, body, ascii_json)
        try:
            status, answer = _answer(operation, body, response)
            code = answer.get("error", {}).get("errorCode") if status != 200 else None
            event(f"{status} {code or ''}")
            if status != 200:
                assert answer.get("__type") == "InvalidGatewayRequestException", (
                    f"{operation}: valid input {body} answered {status} {answer}"
                )
            assert wanted.allows(status, code), (
                f"{operation}: valid input {body} answered {status} {code}; the case calls for "
                f"{sorted(wanted.errors)}{' or a success' if wanted.may_succeed else ''}"
            )
        finally:
            world.after(operation, response.status_code)

    example()


def _expect_validation(operation: str, body: Any, breach: Breach, response: Any) -> None:
    status, answer = _answer(operation, body, response)
    where = f"{operation}, {breach.site} broken with {breach.value!r}"
    assert status == 400 and answer.get("__type") == "ValidationException", (
        f"{where}: expected 400 ValidationException, got {status} {answer}"
    )
    message = answer.get("message", "")
    count = len(breach.phrases)
    assert message.startswith(f"{count} validation error{'' if count == 1 else 's'} detected: "), (
        f"{where}: {message}"
    )
    for phrase in breach.phrases:
        problem = f"at '{breach.path}' failed to satisfy constraint: Member {phrase}"
        assert problem in message, f"{where}: {problem!r} not in {message!r}"
    if breach.hidden:
        assert f"Value at '{breach.path}'" in message, f"{where}: {message}"
    elif breach.value is None:
        assert f"Value null at '{breach.path}'" in message, f"{where}: {message}"
    elif isinstance(breach.value, str) or (
        isinstance(breach.value, int) and not isinstance(breach.value, bool)
    ):
        assert f"Value '{breach.value}' at '{breach.path}'" in message, f"{where}: {message}"


def _each_site(
    operation: str, world: World, kinds: FrozenSet[str], check: Callable[[Any, Breach, Any], None]
) -> None:
    """Every site of ``kinds`` in turn, ``EXAMPLES`` examples spread over them (at least 2 each)."""
    model = service.operation_model(operation)
    compiler = Compiler(world.pools)
    chosen = sites(model.input_shape, kinds)
    per_site = max(2, -(-EXAMPLES // max(1, len(chosen))))
    for site in chosen:

        @settings(FUZZ, max_examples=per_site)
        @given(case=broken_input(model, compiler, site), ascii_json=st.booleans())
        def example(case: Tuple[Any, Breach], ascii_json: bool) -> None:
            body, breach = case
            note(f"request: {wire_body(body, ascii_json)!r}")
            response = post(operation, body, ascii_json)
            try:
                check(body, breach, response)
            finally:
                world.after(operation, response.status_code)

        example()


@pytest.mark.parametrize("operation", OPERATIONS)
def test_one_broken_constraint_answers_validation_exception(operation: str, world: World) -> None:
    def check(body: Any, breach: Breach, response: Any) -> None:
        _expect_validation(operation, body, breach, response)

    _each_site(operation, world, CONSTRAINT_KINDS, check)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_wrong_json_type_answers_serialization_exception(operation: str, world: World) -> None:
    def check(body: Any, breach: Breach, response: Any) -> None:
        status, answer = _answer(operation, body, response)
        assert status == 400 and answer.get("__type") == "SerializationException", (
            f"{operation}, {breach.site} sent as {breach.value!r}: got {status} {answer}"
        )

    _each_site(operation, world, frozenset({TYPE_KIND}), check)
