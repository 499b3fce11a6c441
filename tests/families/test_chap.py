"""UpdateChapCredentials, DescribeChapCredentials and DeleteChapCredentials."""
from __future__ import annotations

from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from moto_sgw.models import storagegateway_backends

from ..conftest import GIB, REGION, activate, cached_gateway, cached_volume, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INITIATOR_NOT_FOUND,
    INVALID_PARAMETERS,
    TARGET_NOT_FOUND,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)

IQN = "iqn.1997-05.com.amazon:"
INITIATOR = "iqn.1991-05.com.microsoft:computername.domain.example.com"
OTHER_INITIATOR = "iqn.1991-05.com.microsoft:another.domain.example.com"
INITIATOR_SECRET = "111111111111"
TARGET_SECRET = "222222222222"


def _target_arn(sgw: Any, volume_arn: str) -> str:
    volume = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume_arn])["CachediSCSIVolumes"][0]
    return volume["VolumeiSCSIAttributes"]["TargetARN"]


def _chap_enabled(sgw: Any, volume_arn: str) -> bool:
    volume = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume_arn])["CachediSCSIVolumes"][0]
    return volume["VolumeiSCSIAttributes"]["ChapEnabled"]


def _volume(sgw: Any, target: str = "vol1") -> Dict[str, Any]:
    """A cached gateway with one volume, and that volume's target."""
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, target=target)
    return {"gateway": gateway, "arn": arn, "target": _target_arn(sgw, arn)}


def _update(sgw: Any, target_arn: str, initiator: str = INITIATOR, **secrets: str) -> Any:
    params = {"SecretToAuthenticateInitiator": INITIATOR_SECRET, **secrets}
    return sgw.update_chap_credentials(TargetARN=target_arn, InitiatorName=initiator, **params)


def _credentials(sgw: Any, target_arn: str) -> Any:
    return sgw.describe_chap_credentials(TargetARN=target_arn)["ChapCredentials"]


# ChapEnabled


def test_new_volume_has_chap_disabled(sgw: Any) -> None:
    made = _volume(sgw)
    assert made["target"] == made["gateway"]["arn"] + "/target/" + IQN + "vol1"
    assert _chap_enabled(sgw, made["arn"]) is False


def test_chap_credentials_enable_chap(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"])
    assert _chap_enabled(sgw, made["arn"]) is True


def test_deleting_the_last_credential_disables_chap(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"], INITIATOR)
    _update(sgw, made["target"], OTHER_INITIATOR)
    sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=INITIATOR)
    assert _chap_enabled(sgw, made["arn"]) is True
    sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=OTHER_INITIATOR)
    assert _chap_enabled(sgw, made["arn"]) is False


# UpdateChapCredentials / DescribeChapCredentials


def test_update_chap_credentials_echoes_target_and_initiator(sgw: Any) -> None:
    made = _volume(sgw)
    resp = _update(sgw, made["target"], SecretToAuthenticateTarget=TARGET_SECRET)
    assert set(resp) - {"ResponseMetadata"} == {"TargetARN", "InitiatorName"}
    assert resp["TargetARN"] == made["target"]
    assert resp["InitiatorName"] == INITIATOR


def test_describe_without_credentials_is_empty(sgw: Any) -> None:
    made = _volume(sgw)
    resp = sgw.describe_chap_credentials(TargetARN=made["target"])
    assert set(resp) - {"ResponseMetadata"} == {"ChapCredentials"}
    assert resp["ChapCredentials"] == []


def test_describe_shows_both_secrets_in_clear(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"], SecretToAuthenticateTarget=TARGET_SECRET)
    assert _credentials(sgw, made["target"]) == [
        {
            "TargetARN": made["target"],
            "SecretToAuthenticateInitiator": INITIATOR_SECRET,
            "InitiatorName": INITIATOR,
            "SecretToAuthenticateTarget": TARGET_SECRET,
        }
    ]


def test_describe_without_target_secret_leaves_it_out(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"])
    assert _credentials(sgw, made["target"]) == [
        {
            "TargetARN": made["target"],
            "SecretToAuthenticateInitiator": INITIATOR_SECRET,
            "InitiatorName": INITIATOR,
        }
    ]


def test_update_same_initiator_replaces_its_secrets(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"], SecretToAuthenticateTarget=TARGET_SECRET)
    _update(sgw, made["target"], SecretToAuthenticateInitiator="333333333333")
    assert _credentials(sgw, made["target"]) == [
        {
            "TargetARN": made["target"],
            "SecretToAuthenticateInitiator": "333333333333",
            "InitiatorName": INITIATOR,
        }
    ]


def test_another_initiator_adds_a_credential_sorted_by_name(sgw: Any) -> None:
    made = _volume(sgw)
    names = ["iqn.1991-05.com.microsoft:zeta", "iqn.1991-05.com.microsoft:alpha", "iqn.1991-05.com.microsoft:mu"]
    for name in names:
        _update(sgw, made["target"], name)
    infos = _credentials(sgw, made["target"])
    assert [c["InitiatorName"] for c in infos] == sorted(names)
    assert {c["TargetARN"] for c in infos} == {made["target"]}


def test_credentials_are_kept_per_target(sgw: Any) -> None:
    made = _volume(sgw, target="vol1")
    other = cached_volume(sgw, made["gateway"], target="vol2")
    other_target = _target_arn(sgw, other)
    _update(sgw, made["target"])
    assert _credentials(sgw, other_target) == []
    assert _chap_enabled(sgw, other) is False


@pytest.mark.parametrize("secret", ["1" * 12, "1" * 16, "é" * 6, "é" * 8])
def test_secret_of_12_to_16_bytes_is_accepted(sgw: Any, secret: str) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"], SecretToAuthenticateInitiator=secret)
    assert [c["SecretToAuthenticateInitiator"] for c in _credentials(sgw, made["target"])] == [secret]


@pytest.mark.parametrize("secret", ["1" * 11, "1" * 17, "é" * 9, "é" * 5 + "1"])
def test_initiator_secret_of_wrong_byte_length_is_invalid(sgw: Any, secret: str) -> None:
    made = _volume(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, made["target"], SecretToAuthenticateInitiator=secret)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _credentials(sgw, made["target"]) == []


@pytest.mark.parametrize("secret", ["2" * 11, "2" * 17, "é" * 9])
def test_target_secret_of_wrong_byte_length_is_invalid(sgw: Any, secret: str) -> None:
    made = _volume(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, made["target"], SecretToAuthenticateTarget=secret)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _credentials(sgw, made["target"]) == []


def test_target_secret_equal_to_initiator_secret_is_invalid(sgw: Any) -> None:
    made = _volume(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, made["target"], SecretToAuthenticateTarget=INITIATOR_SECRET)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _credentials(sgw, made["target"]) == []


def test_secret_over_100_characters_fails_validation_without_its_value(sgw: Any) -> None:
    made = _volume(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, made["target"], SecretToAuthenticateInitiator="1" * 101)
    message = (
        "1 validation error detected: Value at 'secretToAuthenticateInitiator' failed to satisfy "
        "constraint: Member must have length less than or equal to 100"
    )
    assert sgw_error(exc) == ("ValidationException", message, None)


# DeleteChapCredentials


def test_delete_chap_credentials_echoes_target_and_initiator(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"])
    resp = sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=INITIATOR)
    assert set(resp) - {"ResponseMetadata"} == {"TargetARN", "InitiatorName"}
    assert resp["TargetARN"] == made["target"]
    assert resp["InitiatorName"] == INITIATOR


def test_delete_removes_only_that_initiator(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"], INITIATOR)
    _update(sgw, made["target"], OTHER_INITIATOR)
    sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=INITIATOR)
    assert [c["InitiatorName"] for c in _credentials(sgw, made["target"])] == [OTHER_INITIATOR]


def test_delete_initiator_without_credentials_is_not_found(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"], INITIATOR)
    with pytest.raises(ClientError) as exc:
        sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=OTHER_INITIATOR)
    assert sgw_error(exc) == INITIATOR_NOT_FOUND


def test_delete_twice_is_not_found(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"])
    sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=INITIATOR)
    with pytest.raises(ClientError) as exc:
        sgw.delete_chap_credentials(TargetARN=made["target"], InitiatorName=INITIATOR)
    assert sgw_error(exc) == INITIATOR_NOT_FOUND


# Targets and gateways the three operations refuse


def _call(sgw: Any, operation: str, target_arn: str) -> Any:
    if operation == "update":
        return _update(sgw, target_arn)
    if operation == "describe":
        return sgw.describe_chap_credentials(TargetARN=target_arn)
    return sgw.delete_chap_credentials(TargetARN=target_arn, InitiatorName=INITIATOR)


OPERATIONS = ["update", "describe", "delete"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_made_up_target_is_not_found(sgw: Any, operation: str) -> None:
    made = _volume(sgw)
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, made["gateway"]["arn"] + "/target/" + IQN + "nosuchtarget")
    assert sgw_error(exc) == TARGET_NOT_FOUND


@pytest.mark.parametrize("operation", OPERATIONS)
def test_target_of_deleted_volume_is_not_found(sgw: Any, operation: str) -> None:
    made = _volume(sgw)
    sgw.delete_volume(VolumeARN=made["arn"])
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, made["target"])
    assert sgw_error(exc) == TARGET_NOT_FOUND


@pytest.mark.parametrize("operation", OPERATIONS)
def test_target_on_unknown_gateway_is_not_found(sgw: Any, operation: str) -> None:
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, UNKNOWN_GATEWAY + "/target/" + IQN + "vol1")
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


@pytest.mark.parametrize("operation", OPERATIONS)
def test_target_on_shut_down_gateway_is_not_connected(sgw: Any, operation: str) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"])
    sgw.shutdown_gateway(GatewayARN=made["gateway"]["arn"])
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, made["target"])
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


@pytest.mark.parametrize("operation", OPERATIONS)
def test_target_on_file_gateway_is_unsupported(sgw: Any, operation: str) -> None:
    gateway_arn = activate(sgw, "FILE_S3")
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, gateway_arn + "/target/" + IQN + "vol1")
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# Credentials go with their volume and gateway


def test_deleted_volume_takes_its_credentials(sgw: Any) -> None:
    made = _volume(sgw, target="vol1")
    _update(sgw, made["target"])
    sgw.delete_volume(VolumeARN=made["arn"])
    gateway = made["gateway"]
    successor = sgw.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=5 * GIB,
        TargetName="vol1",
        NetworkInterfaceId=gateway["ip"],
        ClientToken="successor",
    )
    assert successor["TargetARN"] == made["target"]
    assert _chap_enabled(sgw, successor["VolumeARN"]) is False
    assert _credentials(sgw, made["target"]) == []


def test_deleted_gateway_takes_its_credentials(sgw: Any) -> None:
    made = _volume(sgw)
    _update(sgw, made["target"])
    sgw.delete_gateway(GatewayARN=made["gateway"]["arn"])
    with pytest.raises(ClientError) as exc:
        sgw.describe_chap_credentials(TargetARN=made["target"])
    assert sgw_error(exc) == GATEWAY_NOT_FOUND
    # No call can name a deleted gateway's target: the store must not hold its credentials.
    backend = storagegateway_backends["123456789012"][REGION]
    assert backend.chap.of(made["target"]) == []
