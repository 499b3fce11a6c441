"""The AWS JSON 1.1 wire protocol, seen as raw HTTP (what botocore would hide).

Requests go through ``requests.post`` to the Storage Gateway endpoint: moto's
responses-based mock intercepts them exactly as it intercepts botocore. Round
trips use botocore's own JSON serializer (into our decoder) and JSON parser (on
our responses).
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

import botocore.parsers
import botocore.serialize
import pytest
import requests
from botocore.model import Shape

from moto_sgw.protocol import decode, registry, service

from .conftest import ACTIVATION_KEY, GIB, activate, cached_gateway, cached_volume
from .expected import UNKNOWN_GATEWAY

ENDPOINT = "https://storagegateway.us-east-1.amazonaws.com/"
AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/storagegateway/aws4_request, "
    "SignedHeaders=host, Signature=x"
)
PREFIX = "StorageGateway_20130630"
CONTENT_TYPE = "application/x-amz-json-1.1"
TAG_KEY_PATTERN = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"


def post(operation: Optional[str], body: Any, prefix: str = PREFIX) -> requests.Response:
    """POST one request; ``body`` is sent as is when it is ``str``/``bytes``, else as JSON."""
    headers = {"Authorization": AUTHORIZATION, "Content-Type": CONTENT_TYPE}
    if operation is not None:
        headers["X-Amz-Target"] = f"{prefix}.{operation}"
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return requests.post(ENDPOINT, data=data, headers=headers)


@pytest.fixture
def raw(sgw: Any) -> Any:
    """``post`` inside the mock (the ``sgw`` fixture keeps it active)."""
    return post


def activate_raw() -> str:
    response = post(
        "ActivateGateway",
        {
            "ActivationKey": ACTIVATION_KEY,
            "GatewayName": "raw-gw",
            "GatewayTimezone": "GMT",
            "GatewayRegion": "us-east-1",
            "GatewayType": "CACHED",
        },
    )
    assert response.status_code == 200, response.text
    return response.json()["GatewayARN"]


# --- target -------------------------------------------------------------------


def test_unknown_target_answers_unknown_operation(raw: Any) -> None:
    response = raw("Nope", {})
    assert response.status_code == 400
    body = response.json()
    assert body["__type"] == "UnknownOperationException"
    assert "error" not in body


def test_missing_target_answers_unknown_operation(raw: Any) -> None:
    response = raw(None, {})
    assert response.status_code == 400
    assert response.json()["__type"] == "UnknownOperationException"


def test_unknown_target_prefix_answers_unknown_operation(raw: Any) -> None:
    response = raw("ListGateways", {}, prefix="Nope_20130630")
    assert response.status_code == 400
    assert response.json()["__type"] == "UnknownOperationException"


def test_2012_target_prefix_is_accepted(raw: Any) -> None:
    arn = activate_raw()
    response = raw("ListGateways", {}, prefix="StorageGateway_20120630")
    assert response.status_code == 200
    assert [g["GatewayARN"] for g in response.json()["Gateways"]] == [arn]


# --- decode -------------------------------------------------------------------


def test_malformed_json_answers_serialization_exception(raw: Any) -> None:
    response = raw("ListGateways", "{not json")
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_json_array_body_answers_serialization_exception(raw: Any) -> None:
    response = raw("ListGateways", "[]")
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_wrong_json_type_answers_serialization_exception(raw: Any) -> None:
    response = raw("DescribeGatewayInformation", {"GatewayARN": 5})
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_structure_for_string_answers_serialization_exception(raw: Any) -> None:
    response = raw("DescribeGatewayInformation", {"GatewayARN": {"a": 1}})
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_integer_out_of_long_range_answers_serialization_exception(raw: Any) -> None:
    response = raw("CreateCachediSCSIVolume", {"VolumeSizeInBytes": 2**63})
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_integer_out_of_integer_range_answers_serialization_exception(raw: Any) -> None:
    response = raw("ListGateways", {"Limit": 2**31})
    assert response.status_code == 400
    assert response.json()["__type"] == "SerializationException"


def test_unknown_members_are_ignored(raw: Any) -> None:
    arn = activate_raw()
    response = raw("DescribeGatewayInformation", {"GatewayARN": arn, "NoSuchMember": {"x": [1]}})
    assert response.status_code == 200
    assert response.json()["GatewayARN"] == arn


# --- check --------------------------------------------------------------------


def test_missing_required_members_answer_validation_exception(raw: Any) -> None:
    response = raw("CreateSnapshot", {})
    assert response.status_code == 400
    assert response.json() == {
        "__type": "ValidationException",
        "message": "2 validation errors detected: "
        "Value null at 'volumeARN' failed to satisfy constraint: Member must not be null; "
        "Value null at 'snapshotDescription' failed to satisfy constraint: Member must not be null",
    }


def test_too_short_gateway_arn_answers_validation_exception(raw: Any) -> None:
    response = raw("ListVolumes", {"GatewayARN": "fake_gateway"})
    assert response.status_code == 400
    assert response.json() == {
        "__type": "ValidationException",
        "message": "1 validation error detected: Value 'fake_gateway' at 'gatewayARN' failed to "
        "satisfy constraint: Member must have length greater than or equal to 50",
    }


def test_limit_zero_answers_validation_exception(raw: Any) -> None:
    response = raw("ListGateways", {"Limit": 0})
    assert response.status_code == 400
    assert response.json() == {
        "__type": "ValidationException",
        "message": "1 validation error detected: Value '0' at 'limit' failed to satisfy "
        "constraint: Member must have value greater than or equal to 1",
    }


def test_forbidden_tag_key_character_answers_validation_exception(raw: Any) -> None:
    arn = activate_raw()
    response = raw("AddTagsToResource", {"ResourceARN": arn, "Tags": [{"Key": "a#b", "Value": "v"}]})
    assert response.status_code == 400
    assert response.json() == {
        "__type": "ValidationException",
        "message": "1 validation error detected: Value 'a#b' at 'tags.1.member.key' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: " + TAG_KEY_PATTERN,
    }


def test_unicode_letters_in_tag_key_are_accepted(raw: Any, sgw: Any) -> None:
    arn = activate_raw()
    body = json.dumps(
        {"ResourceARN": arn, "Tags": [{"Key": "Größe 大きさ", "Value": "x"}]}, ensure_ascii=False
    ).encode("utf-8")
    response = raw("AddTagsToResource", body)
    assert response.status_code == 200, response.text
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "Größe 大きさ", "Value": "x"}]


# --- encode -------------------------------------------------------------------


@pytest.mark.parametrize(
    "operation, body",
    [
        ("ListGateways", {}),
        ("DescribeGatewayInformation", {"GatewayARN": UNKNOWN_GATEWAY}),
        ("ListGateways", {"Limit": 0}),
        ("ListGateways", "{not json"),
        ("Nope", {}),
        (None, {}),
    ],
    ids=["success", "modeled-error", "validation", "serialization", "unknown-operation", "no-target"],
)
def test_every_response_has_json_content_type_and_request_id(raw: Any, operation: Optional[str], body: Any) -> None:
    response = raw(operation, body)
    assert response.headers["Content-Type"] == CONTENT_TYPE
    assert response.headers["x-amzn-RequestId"]


def test_request_ids_differ_between_requests(raw: Any) -> None:
    first = raw("ListGateways", {}).headers["x-amzn-RequestId"]
    second = raw("ListGateways", {}).headers["x-amzn-RequestId"]
    assert first != second


def test_success_body_contains_only_output_members(raw: Any) -> None:
    response = raw(
        "ActivateGateway",
        {
            "ActivationKey": ACTIVATION_KEY,
            "GatewayName": "raw-gw",
            "GatewayTimezone": "GMT",
            "GatewayRegion": "us-east-1",
        },
    )
    assert response.status_code == 200
    assert set(response.json()) == {"GatewayARN"}


def test_success_body_has_no_null_members(raw: Any) -> None:
    arn = activate_raw()
    body = raw("DescribeGatewayInformation", {"GatewayARN": arn}).json()
    output = service.operation_model("DescribeGatewayInformation").output_shape
    assert set(body) <= set(output.members)
    assert None not in body.values()


def test_modeled_error_body_has_type_message_and_error_code(raw: Any) -> None:
    response = raw("DescribeGatewayInformation", {"GatewayARN": UNKNOWN_GATEWAY})
    assert response.status_code == 400
    assert response.json() == {
        "__type": "InvalidGatewayRequestException",
        "message": "The specified gateway was not found.",
        "error": {"errorCode": "GatewayNotFound"},
    }


def test_operation_without_handler_answers_501_naming_it(raw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # A gap of the mock, not an answer of AWS: no modeled error type, no errorCode.
    monkeypatch.delitem(registry.HANDLERS, "ListGateways")
    response = raw("ListGateways", {})
    assert response.status_code == 501
    assert response.headers["Content-Type"] == CONTENT_TYPE
    assert response.json() == {
        "__type": "NotImplementedError",
        "message": "moto-sgw does not implement the Storage Gateway operation ListGateways yet.",
        "operation": "ListGateways",
    }


def test_operation_without_handler_is_a_501_client_error_in_botocore(
    sgw: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from botocore.exceptions import ClientError

    monkeypatch.delitem(registry.HANDLERS, "ListGateways")
    with pytest.raises(ClientError) as caught:
        sgw.list_gateways()
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["Error"]["Code"] == "NotImplementedError"
    assert "ListGateways" in response["Error"]["Message"]
    assert "error" not in response  # no errorCode a caller could take for AWS's


@pytest.mark.mock_fault
def test_unexpected_fault_answers_internal_server_error(raw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: Any, req: Any) -> Any:
        raise RuntimeError("secret detail of the fault")

    monkeypatch.setitem(registry.HANDLERS, "ListGateways", broken)
    response = raw("ListGateways", {})
    assert response.status_code == 500
    assert response.json() == {
        "__type": "InternalServerError",
        "message": "An internal error occurred.",
        "error": {"errorCode": "InternalError"},
    }
    assert "Traceback" not in response.text
    assert "secret detail" not in response.text
    assert "RuntimeError" not in response.text


# --- round trips with botocore ------------------------------------------------


def _example(shape: Shape, name: str) -> Any:
    """A value of ``shape`` for every member botocore can serialize as plain JSON."""
    kind = shape.type_name
    if kind == "structure":
        out: Dict[str, Any] = {}
        for member_name, member in shape.members.items():
            if member.type_name in ("timestamp", "blob"):
                continue  # not needed for these round trips
            out[member_name] = _example(member, member_name)
        return out
    if kind == "list":
        return [_example(shape.member, name), _example(shape.member, name + "2")]
    if kind == "map":
        return {"k": _example(shape.value, name)}
    if kind == "boolean":
        return True
    if kind in ("integer", "long"):
        return 7 * GIB if kind == "long" else 7
    if kind in ("float", "double"):
        return 1.5
    if shape.enum:
        return shape.enum[-1]
    return f"{name}-välue"


def _roundtrip(operation: str, params: Dict[str, Any]) -> Dict[str, Any]:
    model = service.operation_model(operation)
    serializer = botocore.serialize.create_serializer("json", include_validation=False)
    request = serializer.serialize_to_request(params, model)
    body = request["body"]
    return decode.decode(model.input_shape, decode.parse_body(body if isinstance(body, bytes) else body.encode()))


@pytest.mark.parametrize("operation", sorted(registry.HANDLERS))
def test_botocore_serialized_input_decodes_to_same_params(operation: str) -> None:
    params = _example(service.operation_model(operation).input_shape, operation)
    assert _roundtrip(operation, params) == params


def test_botocore_serialized_realistic_volume_request_decodes_to_same_params() -> None:
    params = {
        "GatewayARN": UNKNOWN_GATEWAY,
        "VolumeSizeInBytes": 5 * GIB,
        "SnapshotId": "snap-078e226633445566e",
        "TargetName": "vol1",
        "NetworkInterfaceId": "10.0.0.1",
        "ClientToken": "token-12345",
        "KMSEncrypted": False,
        "Tags": [{"Key": "Größe", "Value": ""}, {"Key": "b", "Value": "2"}],
    }
    assert _roundtrip("CreateCachediSCSIVolume", params) == params


def _parse(response: requests.Response, shape: Optional[Shape]) -> Dict[str, Any]:
    parser = botocore.parsers.create_parser("json")
    return parser.parse(
        {"status_code": response.status_code, "headers": response.headers, "body": response.content},
        shape,
    )


def test_botocore_parses_success_response(raw: Any, sgw: Any) -> None:
    arn = activate(sgw, name="parsed", Tags=[{"Key": "k", "Value": "v"}])
    response = raw("DescribeGatewayInformation", {"GatewayARN": arn})
    parsed = _parse(response, service.operation_model("DescribeGatewayInformation").output_shape)
    assert parsed["GatewayARN"] == arn
    assert parsed["GatewayName"] == "parsed"
    assert parsed["GatewayState"] == "RUNNING"
    assert parsed["Tags"] == [{"Key": "k", "Value": "v"}]
    assert parsed["ResponseMetadata"]["RequestId"] == response.headers["x-amzn-RequestId"]


def test_botocore_parses_timestamps_and_longs(raw: Any, sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume = cached_volume(sgw, gateway, size=5 * GIB)
    response = raw("DescribeCachediSCSIVolumes", {"VolumeARNs": [volume]})
    parsed = _parse(response, service.operation_model("DescribeCachediSCSIVolumes").output_shape)
    (item,) = parsed["CachediSCSIVolumes"]
    assert item["VolumeARN"] == volume
    assert item["VolumeSizeInBytes"] == 5 * GIB
    assert isinstance(item["CreatedDate"], datetime)
    assert abs(item["CreatedDate"] - datetime.now(timezone.utc)) < timedelta(minutes=5)


def test_botocore_parses_modeled_error(raw: Any) -> None:
    response = raw("DescribeGatewayInformation", {"GatewayARN": UNKNOWN_GATEWAY})
    parsed = _parse(response, service.operation_model("DescribeGatewayInformation").output_shape)
    assert parsed["Error"]["Code"] == "InvalidGatewayRequestException"
    assert parsed["Error"]["Message"] == "The specified gateway was not found."
    # As botocore's endpoint does: parse the modeled members with the error's shape.
    error_shape = service.service_model().shape_for_error_code(parsed["Error"]["Code"])
    modeled = _parse(response, error_shape)
    assert modeled["error"] == {"errorCode": "GatewayNotFound"}


def test_botocore_parses_validation_error(raw: Any) -> None:
    response = raw("ListGateways", {"Limit": 0})
    parsed = _parse(response, service.operation_model("ListGateways").output_shape)
    assert parsed["Error"]["Code"] == "ValidationException"
    assert parsed["Error"]["Message"] == (
        "1 validation error detected: Value '0' at 'limit' failed to satisfy "
        "constraint: Member must have value greater than or equal to 1"
    )


def test_deeply_nested_marker_is_invalid_parameters_not_a_fault(raw: Any) -> None:
    """Found by the fuzzer: a well-formed marker hiding 980 nested arrays made json.loads recurse."""
    import base64

    response = raw("ListGateways", {"Marker": base64.urlsafe_b64encode(b"[" * 980).decode()})
    assert response.status_code == 400
    assert response.json() == {
        "__type": "InvalidGatewayRequestException",
        "error": {"errorCode": "InvalidParameters"},
        "message": "The specified request contains invalid parameters.",
    }


# --- sensitive members ------------------------------------------------------------


@pytest.mark.parametrize(
    "operation, body, path, constraint",
    [
        (
            "SetLocalConsolePassword",
            {"GatewayARN": UNKNOWN_GATEWAY, "LocalConsolePassword": "abc12"},
            "localConsolePassword",
            "must have length greater than or equal to 6",
        ),
        (
            "SetLocalConsolePassword",
            {"GatewayARN": UNKNOWN_GATEWAY, "LocalConsolePassword": "pässwort"},
            "localConsolePassword",
            "must satisfy regular expression pattern: ^[ -~]+$",
        ),
        (
            "UpdateChapCredentials",
            {
                "TargetARN": UNKNOWN_GATEWAY + "/target/iqn.1997-05.com.amazon:t",
                "SecretToAuthenticateInitiator": "s3cr3t" * 20,
                "InitiatorName": "iqn.1991-05.com.microsoft:host",
            },
            "secretToAuthenticateInitiator",
            "must have length less than or equal to 100",
        ),
        (
            "SetSMBGuestPassword",
            {"GatewayARN": UNKNOWN_GATEWAY, "Password": "gäst-pass"},
            "password",
            "must satisfy regular expression pattern: ^[ -~]+$",
        ),
    ],
)
def test_a_sensitive_member_value_is_never_echoed(
    raw: Any, operation: str, body: Dict[str, Any], path: str, constraint: str
) -> None:
    response = raw(operation, body)
    assert response.status_code == 400
    message = response.json()["message"]
    assert message == (
        f"1 validation error detected: Value at '{path}' failed to satisfy constraint: Member {constraint}"
    )
    secret = next(v for k, v in body.items() if k[:1].lower() + k[1:] == path)
    assert secret not in message


def test_a_missing_sensitive_member_is_reported_without_a_value(raw: Any) -> None:
    response = raw("SetLocalConsolePassword", {"GatewayARN": UNKNOWN_GATEWAY})
    assert response.json()["message"] == (
        "1 validation error detected: Value at 'localConsolePassword' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_a_member_inside_a_sensitive_structure_is_not_echoed() -> None:
    from botocore.model import ShapeResolver

    from moto_sgw.protocol import constraints

    # The model marks whole structures sensitive too (NetworkInterface); their members'
    # values are hidden with them. A structure of that kind, with a constrained member:
    resolver = ShapeResolver(
        {
            "SecretBox": {"type": "structure", "sensitive": True, "members": {"Pin": {"shape": "BoxPin"}}},
            "BoxPin": {"type": "string", "min": 4},
        }
    )
    problems: List[constraints.Problem] = []
    constraints.checker(resolver.get_shape_by_name("SecretBox"))({"Pin": "123"}, "box", problems)
    assert [constraints.render_problem(p) for p in problems] == [
        "Value at 'box.pin' failed to satisfy constraint: Member must have length greater than or equal to 4"
    ]


def test_a_plain_member_value_is_still_echoed(raw: Any) -> None:
    response = raw("SetLocalConsolePassword", {"GatewayARN": "short", "LocalConsolePassword": "long-enough"})
    assert "Value 'short' at 'gatewayARN'" in response.json()["message"]
    assert "long-enough" not in response.json()["message"]
