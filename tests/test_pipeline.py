"""The request pipeline: each stage alone, the chain, strict results, and the shared rules."""
from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime, timezone
from typing import Any, Dict, List

import pytest

from moto_sgw import rules
from moto_sgw.models import storagegateway_backends
from moto_sgw.protocol import chain, encode, registry, service
from moto_sgw.protocol.context import RequestContext
from moto_sgw.protocol.errors import (
    InvalidGatewayRequest,
    ResultError,
    SerializationException,
    UnknownOperationException,
    ValidationException,
)

from .conformance import is_mock_fault
from .conftest import activate, cached_gateway, cached_volume
from .test_protocol import AUTHORIZATION, CONTENT_TYPE, ENDPOINT, PREFIX, post

GATEWAY_ARN = "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678"


class FakeRequest:
    def __init__(self, body: bytes) -> None:
        self.body = body


def context(
    operation: str, body: Any = None, region: str = "us-east-1", account_header: str = ""
) -> RequestContext:
    headers = {
        "Authorization": AUTHORIZATION.replace("us-east-1", region),
        "Content-Type": CONTENT_TYPE,
        "X-Amz-Target": f"{PREFIX}.{operation}",
    }
    if account_header:
        headers["x-moto-account-id"] = account_header
    raw = body if isinstance(body, bytes) else json.dumps(body or {}).encode()
    return RequestContext(FakeRequest(raw), ENDPOINT, headers, storagegateway_backends, "rid-1")


# --- stages, one at a time --------------------------------------------------------


def test_stages_are_in_the_documented_order() -> None:
    assert chain.PIPELINE.names == [
        "route", "authorize", "parse", "faults", "validate", "dispatch", "carry_out", "encode"
    ]


def test_route_names_operation_account_region_partition_and_caller() -> None:
    ctx = context("ListGateways", region="cn-north-1", account_header="111122223333")
    chain.route(ctx)
    assert ctx.operation_name == "ListGateways"
    assert ctx.operation is service.operation_model("ListGateways")
    assert (ctx.account_id, ctx.region, ctx.partition) == ("111122223333", "cn-north-1", "aws-cn")
    assert ctx.access_key_id == "AKIDEXAMPLE"


def test_route_refuses_an_unknown_operation() -> None:
    with pytest.raises(UnknownOperationException):
        chain.route(context("NoSuchOperation"))


def test_parse_decodes_by_the_input_shape() -> None:
    ctx = context("ListGateways", {"Limit": 5, "Unknown": 1})
    chain.route(ctx)
    chain.parse(ctx)
    assert ctx.params == {"Limit": 5}


def test_parse_refuses_a_body_that_is_not_json() -> None:
    ctx = context("ListGateways", b"{not json")
    chain.route(ctx)
    with pytest.raises(SerializationException):
        chain.parse(ctx)


def test_validate_checks_the_parsed_input() -> None:
    ctx = context("ListGateways")
    chain.route(ctx)
    ctx.params = {"Limit": 0}
    with pytest.raises(ValidationException) as caught:
        chain.validate(ctx)
    assert "Value '0' at 'limit'" in str(caught.value.message)


def test_dispatch_runs_the_handler_with_the_context(sgw: Any) -> None:
    arn = activate(sgw)
    ctx = context("DescribeGatewayInformation", {"GatewayARN": arn})
    for stage in (chain.route, chain.parse, chain.validate, chain.dispatch):
        stage(ctx)
    assert ctx.gateway.arn == arn  # resolved by the operation's rule
    assert ctx.result is not None and ctx.result["GatewayARN"] == arn
    assert ctx.response is None  # encoding is a stage of its own
    chain.encode_result(ctx)
    assert ctx.response is not None and json.loads(ctx.response[2])["GatewayARN"] == arn


def test_encode_stage_writes_the_result_with_request_id() -> None:
    ctx = context("ActivateGateway")
    chain.route(ctx)
    ctx.result = {"GatewayARN": GATEWAY_ARN}
    chain.encode_result(ctx)
    assert ctx.response == (
        200,
        {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": "rid-1"},
        json.dumps({"GatewayARN": GATEWAY_ARN}, separators=(",", ":")),
    )


def test_a_replaced_stage_runs_in_its_place(sgw: Any) -> None:
    calls: List[str] = []

    def refuse(ctx: RequestContext) -> None:
        calls.append(ctx.operation_name)
        ctx.response = encode.error(InvalidGatewayRequest("GatewayNotConnected", "down"), ctx.request_id)

    old = chain.PIPELINE.replace("faults", refuse)
    try:
        # Not even valid input: the stage answers before validation.
        response = post("ActivateGateway", {"ActivationKey": "x"})
    finally:
        chain.PIPELINE.replace("faults", old)
    assert response.status_code == 400
    assert response.json()["error"] == {"errorCode": "GatewayNotConnected"}
    assert calls == ["ActivateGateway"]
    # The stage answered before validation and dispatch: nothing was created.
    assert sgw.list_gateways()["Gateways"] == []


def test_replacing_an_unknown_stage_is_refused() -> None:
    with pytest.raises(KeyError):
        chain.PIPELINE.replace("no-such-stage", chain.validate)


@pytest.mark.mock_fault
def test_a_chain_whose_stages_never_answer_answers_internal_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    silent = chain.Chain([("route", chain.route)])
    with caplog.at_level(logging.ERROR, logger="moto_sgw"):
        status, _, body = silent(context("ListGateways"))
    assert status == 500 and is_mock_fault(status, body)
    assert "no stage answered ListGateways" in caplog.text


def test_observers_see_every_answer_and_can_stop(sgw: Any) -> None:
    seen: List[str] = []
    stop = chain.PIPELINE.observe(lambda ctx: seen.append(ctx.operation_name))
    sgw.list_gateways()
    stop()
    sgw.list_gateways()
    assert seen == ["ListGateways"]


# --- side effects after the lock ----------------------------------------------------


def test_ec2_write_of_a_snapshot_happens_after_the_lock_is_released(
    sgw: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_sgw.bridges import ec2

    volume = cached_volume(sgw, cached_gateway(sgw))
    backend = storagegateway_backends["123456789012"]["us-east-1"]
    free: List[bool] = []
    original = ec2.create_snapshot

    def watched(*args: Any, **kwargs: Any) -> None:
        # From another thread: the backend's lock can be taken only if nobody holds it.
        def probe() -> None:
            got = backend.lock.acquire(blocking=False)
            free.append(got)
            if got:
                backend.lock.release()

        thread = threading.Thread(target=probe)
        thread.start()
        thread.join()
        original(*args, **kwargs)

    monkeypatch.setattr(ec2, "create_snapshot", watched)
    sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="after the lock")
    assert free == [True]


# --- strict results ------------------------------------------------------------------


def _output(operation: str) -> Any:
    return service.operation_model(operation).output_shape


@pytest.mark.parametrize(
    "operation, result, problem",
    [
        ("ActivateGateway", {"GatewayARN": 1}, "GatewayARN: expected a str, got int 1"),
        ("ActivateGateway", {"GatewayArn": GATEWAY_ARN}, "GatewayArn: not a member of ActivateGatewayOutput"),
        ("ActivateGateway", {"GatewayARN": {"a": 1}}, "GatewayARN: expected a str, got dict"),
        (
            "DescribeCachediSCSIVolumes",
            {"CachediSCSIVolumes": [{"VolumeiSCSIAttributes": {"ChapEnabled": "false"}}]},
            "CachediSCSIVolumes.[0].VolumeiSCSIAttributes.ChapEnabled: expected a bool, got str 'false'",
        ),
        (
            "DescribeCachediSCSIVolumes",
            {"CachediSCSIVolumes": [{"VolumeSizeInBytes": True}]},
            "CachediSCSIVolumes.[0].VolumeSizeInBytes: expected an int, got bool True",
        ),
        (
            "DescribeCachediSCSIVolumes",
            {"CachediSCSIVolumes": [{"CreatedDate": datetime(2020, 1, 1)}]},
            "CachediSCSIVolumes.[0].CreatedDate: expected an aware datetime",
        ),
        (
            "DescribeCachediSCSIVolumes",
            {"CachediSCSIVolumes": [{"CreatedDate": 1577836800}]},
            "CachediSCSIVolumes.[0].CreatedDate: expected an aware datetime, got int",
        ),
        (
            "DescribeGatewayInformation",
            {"HostEnvironment": "MAINFRAME"},
            "HostEnvironment: 'MAINFRAME' is not in the enum HostEnvironment",
        ),
        ("ListGateways", {"Gateways": "none"}, "Gateways: expected a list for Gateways, got str"),
        ("ListGateways", {"Gateways": [None]}, "Gateways.[0]: a list item is None"),
        ("DescribeCache", {"CacheUsedPercentage": "0.0"}, "CacheUsedPercentage: expected an int or a float"),
    ],
)
def test_a_result_that_breaks_its_output_shape_is_refused(operation: str, result: Any, problem: str) -> None:
    with pytest.raises(ResultError) as caught:
        encode.result(_output(operation), result, "rid")
    assert str(caught.value).startswith(problem)


def test_none_members_are_left_out_and_nothing_is_cast() -> None:
    created = datetime(2020, 1, 1, tzinfo=timezone.utc)
    result = {
        "CachediSCSIVolumes": [
            {
                "VolumeARN": "arn",
                "SourceSnapshotId": None,
                "VolumeSizeInBytes": 5,
                "CreatedDate": created,
                "VolumeiSCSIAttributes": {"ChapEnabled": False, "LunNumber": 0},
            }
        ]
    }
    _, _, body = encode.result(_output("DescribeCachediSCSIVolumes"), result, "rid")
    assert json.loads(body) == {
        "CachediSCSIVolumes": [
            {
                "VolumeARN": "arn",
                "VolumeSizeInBytes": 5,
                "CreatedDate": created.timestamp(),
                "VolumeiSCSIAttributes": {"ChapEnabled": False, "LunNumber": 0},
            }
        ]
    }


@pytest.mark.mock_fault
def test_a_handler_returning_a_wrong_type_answers_internal_error_and_is_logged(
    sgw: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def sloppy(ctx: Any, req: Any) -> Any:
        return {"Gateways": [{"GatewayARN": GATEWAY_ARN, "GatewayOperationalState": False}]}

    monkeypatch.setitem(registry.HANDLERS, "ListGateways", sloppy)
    seen: List[Any] = []
    stop = chain.PIPELINE.observe(lambda ctx: seen.append(ctx.response))
    with caplog.at_level(logging.ERROR, logger="moto_sgw"):
        response = post("ListGateways", {})
    stop()
    assert response.status_code == 500
    assert response.json()["error"] == {"errorCode": "InternalError"}
    assert "Gateways.[0].GatewayOperationalState: expected a str, got bool False" in caplog.text
    # What the suite's conformance fixture sees, and fails every unmarked test on:
    [(status, _, body)] = seen
    assert is_mock_fault(status, body)


# --- the shared rules ------------------------------------------------------------------


def test_every_handler_has_a_rule() -> None:
    assert set(registry.HANDLERS) <= set(rules.RULES)


def test_every_rule_names_a_model_operation_and_one_of_its_input_members() -> None:
    for name, rule in rules.RULES.items():
        assert name in service.operation_names(), name
        if rule.member is not None:
            members = service.operation_model(name).input_shape.members
            assert rule.member in members, (name, rule.member)
            assert rule.kind in rules.RESOLVERS, (name, rule.kind)


def test_rule_order_gateway_then_type_then_running_then_resource(sgw: Any) -> None:
    from botocore.exceptions import ClientError

    from .conftest import sgw_error
    from .expected import GATEWAY_NOT_CONNECTED, GATEWAY_NOT_FOUND, UNSUPPORTED_FOR_TYPE, VOLUME_NOT_FOUND

    stored = activate(sgw, "STORED")
    cached = cached_gateway(sgw)
    missing_volume = cached["arn"] + "/volume/vol-0000000000000000A"

    def code(call: Any) -> Any:
        with pytest.raises(ClientError) as caught:
            call()
        return sgw_error(caught)

    # A stored gateway, shut down: the type is refused before the state.
    sgw.shutdown_gateway(GatewayARN=stored)
    assert code(lambda: sgw.describe_cache(GatewayARN=stored)) == UNSUPPORTED_FOR_TYPE
    # A gateway of the right type, shut down: its state, before the volume it names.
    sgw.shutdown_gateway(GatewayARN=cached["arn"])
    assert code(lambda: sgw.delete_volume(VolumeARN=missing_volume)) == GATEWAY_NOT_CONNECTED
    sgw.start_gateway(GatewayARN=cached["arn"])
    assert code(lambda: sgw.delete_volume(VolumeARN=missing_volume)) == VOLUME_NOT_FOUND
    assert code(lambda: sgw.delete_volume(VolumeARN=GATEWAY_ARN + "/volume/vol-1122AABB")) == GATEWAY_NOT_FOUND


def test_rules_resolve_resources_for_the_handler(sgw: Any) -> None:
    volume = cached_volume(sgw, cached_gateway(sgw))
    resolved: Dict[str, Any] = {}

    def capture(ctx: RequestContext) -> None:
        if ctx.operation_name == "DeleteVolume":
            resolved.update(gateway=ctx.gateway.arn, resource=ctx.resource.arn)

    stop = chain.PIPELINE.observe(capture)
    sgw.delete_volume(VolumeARN=volume)
    stop()
    assert resolved == {"gateway": volume.split("/volume/")[0], "resource": volume}


# --- moto's reset under the backend's lock --------------------------------------------------


def test_reset_waits_for_a_request_in_flight(sgw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto_sgw.pagination import paginate

    activate(sgw)
    inside = threading.Event()

    def slow(ctx: Any, req: Any) -> Any:
        inside.set()
        time.sleep(0.3)  # moto's reset arrives now, from another thread
        store = ctx.backend.gateways.store  # state the reset must not pull away
        return paginate("ListGateways", req, store, lambda g: g.as_info())

    monkeypatch.setitem(registry.HANDLERS, "ListGateways", slow)
    answers: List[Any] = []
    worker = threading.Thread(target=lambda: answers.append(post("ListGateways", {})))
    worker.start()
    assert inside.wait(5)
    storagegateway_backends.reset()
    worker.join()
    [response] = answers
    assert response.status_code == 200, response.text
    assert len(response.json()["Gateways"]) == 1  # the request finished on the state it began on
    monkeypatch.undo()
    assert sgw.list_gateways()["Gateways"] == []  # and the reset then took everything
