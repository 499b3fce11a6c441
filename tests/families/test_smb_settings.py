"""A file gateway's SMB settings: DescribeSMBSettings, JoinDomain, SetSMBGuestPassword,
UpdateSMBSecurityStrategy, UpdateSMBFileShareVisibility and UpdateSMBLocalGroups."""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterator

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from ..conftest import REGION, activate, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    JOIN_DOMAIN_IN_PROGRESS,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)

DOMAIN_JOIN = "storagegateway::domain-join"
GATEWAY_MODEL = "storagegateway::gateway"
DOMAIN = "corp.example.com"
GUEST_PASSWORD = "Guest-Passw0rd"
UNSUPPORTED_MESSAGE = "This operation is not valid for the specified gateway."

# Each of the six operations, called on a gateway ARN with valid parameters.
OPERATIONS: Dict[str, Callable[[Any, str], Any]] = {
    "DescribeSMBSettings": lambda c, a: c.describe_smb_settings(GatewayARN=a),
    "JoinDomain": lambda c, a: c.join_domain(GatewayARN=a, DomainName=DOMAIN, UserName="admin", Password="Passw0rd!"),
    "SetSMBGuestPassword": lambda c, a: c.set_smb_guest_password(GatewayARN=a, Password=GUEST_PASSWORD),
    "UpdateSMBSecurityStrategy": lambda c, a: c.update_smb_security_strategy(
        GatewayARN=a, SMBSecurityStrategy="MandatorySigning"
    ),
    "UpdateSMBFileShareVisibility": lambda c, a: c.update_smb_file_share_visibility(
        GatewayARN=a, FileSharesVisible=True
    ),
    "UpdateSMBLocalGroups": lambda c, a: c.update_smb_local_groups(
        GatewayARN=a, SMBLocalGroups={"GatewayAdmins": ["DOMAIN\\admin"]}
    ),
}


def _settings(sgw: Any, gateway_arn: str) -> Dict[str, Any]:
    out = sgw.describe_smb_settings(GatewayARN=gateway_arn)
    out.pop("ResponseMetadata")
    return dict(out)


def _join(sgw: Any, gateway_arn: str, domain: str = DOMAIN, **extra: Any) -> Dict[str, Any]:
    out = sgw.join_domain(GatewayARN=gateway_arn, DomainName=domain, UserName="admin", Password="Passw0rd!", **extra)
    out.pop("ResponseMetadata")
    return dict(out)


def _s3_defaults(gateway_arn: str) -> Dict[str, Any]:
    return {
        "GatewayARN": gateway_arn,
        "ActiveDirectoryStatus": "DETACHED",
        "SMBGuestPasswordSet": False,
        "SMBSecurityStrategy": "MandatoryEncryption",
        "FileSharesVisible": False,
        "SMBLocalGroups": {"GatewayAdmins": []},
    }


@pytest.fixture
def slow_join() -> Iterator[None]:
    """A domain join takes two DescribeSMBSettings calls to complete."""
    state_manager.set_transition(DOMAIN_JOIN, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(DOMAIN_JOIN)


# DescribeSMBSettings of new gateways


def test_new_s3_file_gateway_is_detached_with_documented_defaults(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    assert _settings(sgw, arn) == _s3_defaults(arn)


def test_new_fsx_file_gateway_leaves_out_the_s3_only_members(sgw: Any) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")
    assert _settings(sgw, arn) == {
        "GatewayARN": arn,
        "ActiveDirectoryStatus": "DETACHED",
        "SMBSecurityStrategy": "MandatoryEncryption",
        "SMBLocalGroups": {"GatewayAdmins": []},
    }


def test_settings_are_kept_per_gateway(sgw: Any) -> None:
    first = activate(sgw, "FILE_S3", name="first")
    second = activate(sgw, "FILE_S3", name="second")
    sgw.update_smb_file_share_visibility(GatewayARN=first, FileSharesVisible=True)
    _join(sgw, first)
    assert _settings(sgw, second) == _s3_defaults(second)


# JoinDomain


def test_join_domain_answers_joined_and_the_domain_is_reported(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    assert _join(sgw, arn, OrganizationalUnit="OU=gateways", TimeoutInSeconds=60) == {
        "GatewayARN": arn,
        "ActiveDirectoryStatus": "JOINED",
    }
    assert _settings(sgw, arn) == {**_s3_defaults(arn), "ActiveDirectoryStatus": "JOINED", "DomainName": DOMAIN}


def test_fsx_file_gateway_joins_a_domain(sgw: Any) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")
    joined = _join(sgw, arn, DomainControllers=["10.0.0.10:389"])
    assert joined == {"GatewayARN": arn, "ActiveDirectoryStatus": "JOINED"}
    assert _settings(sgw, arn) == {
        "GatewayARN": arn,
        "ActiveDirectoryStatus": "JOINED",
        "DomainName": DOMAIN,
        "SMBSecurityStrategy": "MandatoryEncryption",
        "SMBLocalGroups": {"GatewayAdmins": []},
    }


def test_joining_another_domain_replaces_the_domain(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    _join(sgw, arn)
    _join(sgw, arn, domain="other.example.org")
    assert _settings(sgw, arn)["DomainName"] == "other.example.org"


def test_a_join_in_progress_is_joining_until_enough_describe_calls(sgw: Any, slow_join: None) -> None:
    arn = activate(sgw, "FILE_S3")
    assert _join(sgw, arn) == {"GatewayARN": arn, "ActiveDirectoryStatus": "JOINING"}
    # While joining, the gateway has no domain yet.
    assert _settings(sgw, arn) == {**_s3_defaults(arn), "ActiveDirectoryStatus": "JOINING"}
    assert _settings(sgw, arn) == {**_s3_defaults(arn), "ActiveDirectoryStatus": "JOINED", "DomainName": DOMAIN}
    assert _settings(sgw, arn)["ActiveDirectoryStatus"] == "JOINED"


def test_second_join_while_joining_is_refused(sgw: Any, slow_join: None) -> None:
    arn = activate(sgw, "FILE_S3")
    _join(sgw, arn)
    with pytest.raises(ClientError) as exc:
        _join(sgw, arn, domain="other.example.org")
    assert sgw_error(exc) == JOIN_DOMAIN_IN_PROGRESS
    # The refused join changed nothing: the first one completes with its domain.
    assert _settings(sgw, arn)["ActiveDirectoryStatus"] == "JOINING"
    settings = _settings(sgw, arn)
    assert (settings["ActiveDirectoryStatus"], settings["DomainName"]) == ("JOINED", DOMAIN)


def test_join_after_a_completed_join_is_accepted(sgw: Any, slow_join: None) -> None:
    arn = activate(sgw, "FILE_S3")
    _join(sgw, arn)
    _settings(sgw, arn)
    assert _settings(sgw, arn)["ActiveDirectoryStatus"] == "JOINED"
    assert _join(sgw, arn, domain="other.example.org") == {"GatewayARN": arn, "ActiveDirectoryStatus": "JOINING"}


def test_join_domain_never_answers_the_credentials(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    _join(sgw, arn)
    settings = _settings(sgw, arn)
    assert "admin" not in repr(settings) and "Passw0rd!" not in repr(settings)


# SetSMBGuestPassword


def test_guest_password_is_reported_as_set_never_answered(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    out = sgw.set_smb_guest_password(GatewayARN=arn, Password=GUEST_PASSWORD)
    out.pop("ResponseMetadata")
    assert out == {"GatewayARN": arn}
    settings = _settings(sgw, arn)
    assert settings == {**_s3_defaults(arn), "SMBGuestPasswordSet": True}
    assert GUEST_PASSWORD not in repr(settings)


def test_short_guest_password_is_a_validation_error_without_its_value(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    unchecked = boto3.client("storagegateway", region_name=REGION, config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as exc:
        unchecked.set_smb_guest_password(GatewayARN=arn, Password="s3cr7")
    code, message, error_code = sgw_error(exc)
    assert code == "ValidationException"
    assert message == (
        "1 validation error detected: Value at 'password' failed to satisfy constraint: "
        "Member must have length greater than or equal to 6"
    )
    assert "s3cr7" not in message
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert _settings(sgw, arn)["SMBGuestPasswordSet"] is False


# UpdateSMBSecurityStrategy


@pytest.mark.parametrize(
    "strategy", ["ClientSpecified", "MandatorySigning", "MandatoryEncryption", "MandatoryEncryptionNoAes128"]
)
def test_s3_file_gateway_takes_every_security_strategy(sgw: Any, strategy: str) -> None:
    arn = activate(sgw, "FILE_S3")
    out = sgw.update_smb_security_strategy(GatewayARN=arn, SMBSecurityStrategy=strategy)
    out.pop("ResponseMetadata")
    assert out == {"GatewayARN": arn}
    assert _settings(sgw, arn) == {**_s3_defaults(arn), "SMBSecurityStrategy": strategy}


def test_security_strategy_can_be_changed_again(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    sgw.update_smb_security_strategy(GatewayARN=arn, SMBSecurityStrategy="ClientSpecified")
    sgw.update_smb_security_strategy(GatewayARN=arn, SMBSecurityStrategy="MandatorySigning")
    assert _settings(sgw, arn)["SMBSecurityStrategy"] == "MandatorySigning"


def test_client_specified_is_refused_on_an_fsx_file_gateway(sgw: Any) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")
    with pytest.raises(ClientError) as exc:
        sgw.update_smb_security_strategy(GatewayARN=arn, SMBSecurityStrategy="ClientSpecified")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _settings(sgw, arn)["SMBSecurityStrategy"] == "MandatoryEncryption"


def test_fsx_file_gateway_takes_the_other_strategies(sgw: Any) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")
    sgw.update_smb_security_strategy(GatewayARN=arn, SMBSecurityStrategy="MandatorySigning")
    assert _settings(sgw, arn)["SMBSecurityStrategy"] == "MandatorySigning"


# UpdateSMBFileShareVisibility


def test_file_share_visibility_is_read_back(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    out = sgw.update_smb_file_share_visibility(GatewayARN=arn, FileSharesVisible=True)
    out.pop("ResponseMetadata")
    assert out == {"GatewayARN": arn}
    assert _settings(sgw, arn) == {**_s3_defaults(arn), "FileSharesVisible": True}
    sgw.update_smb_file_share_visibility(GatewayARN=arn, FileSharesVisible=False)
    assert _settings(sgw, arn)["FileSharesVisible"] is False


# UpdateSMBLocalGroups


def test_gateway_admins_are_read_back(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    admins = ["DOMAIN\\User1", "user1", "DOMAIN\\group1", "group1"]
    out = sgw.update_smb_local_groups(GatewayARN=arn, SMBLocalGroups={"GatewayAdmins": admins})
    out.pop("ResponseMetadata")
    assert out == {"GatewayARN": arn}
    assert _settings(sgw, arn) == {**_s3_defaults(arn), "SMBLocalGroups": {"GatewayAdmins": admins}}


def test_gateway_admins_are_replaced_and_cleared(sgw: Any) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")
    sgw.update_smb_local_groups(GatewayARN=arn, SMBLocalGroups={"GatewayAdmins": ["a", "b"]})
    sgw.update_smb_local_groups(GatewayARN=arn, SMBLocalGroups={"GatewayAdmins": ["c"]})
    assert _settings(sgw, arn)["SMBLocalGroups"] == {"GatewayAdmins": ["c"]}
    sgw.update_smb_local_groups(GatewayARN=arn, SMBLocalGroups={"GatewayAdmins": []})
    assert _settings(sgw, arn)["SMBLocalGroups"] == {"GatewayAdmins": []}


def test_local_groups_without_gateway_admins_keep_the_list(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    sgw.update_smb_local_groups(GatewayARN=arn, SMBLocalGroups={"GatewayAdmins": ["admins"]})
    sgw.update_smb_local_groups(GatewayARN=arn, SMBLocalGroups={})
    assert _settings(sgw, arn)["SMBLocalGroups"] == {"GatewayAdmins": ["admins"]}


# Gateway types


@pytest.mark.parametrize("operation", ["SetSMBGuestPassword", "UpdateSMBFileShareVisibility"])
def test_s3_only_operations_are_refused_on_an_fsx_file_gateway(sgw: Any, operation: str) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")
    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "VTL"])
@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_non_file_gateways_refuse_every_smb_operation(sgw: Any, gateway_type: str, operation: str) -> None:
    arn = activate(sgw, gateway_type)
    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    # Terraform tolerates a DescribeSMBSettings error on such gateways by this exact text.
    assert exc.value.response["Error"]["Message"] == UNSUPPORTED_MESSAGE


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_unknown_gateway_is_not_found(sgw: Any, operation: str) -> None:
    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_a_gateway_not_yet_connected_refuses_join_domain(sgw: Any) -> None:
    state_manager.set_transition(GATEWAY_MODEL, {"progression": "manual", "times": 3})
    try:
        arn = activate(sgw, "FILE_S3")
        with pytest.raises(ClientError) as exc:
            _join(sgw, arn)
        assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    finally:
        state_manager.unset_transition(GATEWAY_MODEL)


def test_deleted_gateway_has_no_smb_settings(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    _join(sgw, arn)
    sgw.delete_gateway(GatewayARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.describe_smb_settings(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# Terraform's aws_storagegateway_gateway (file.md 8.7)


def test_terraform_gateway_flow_for_an_s3_file_gateway(sgw: Any, slow_join: None) -> None:
    # Create: activate, then JoinDomain and wait for JOINED.
    arn = activate(sgw, "FILE_S3", name="tf-file-gateway")
    joined = _join(sgw, arn, OrganizationalUnit="OU=gateways,DC=corp,DC=example,DC=com", TimeoutInSeconds=20)
    assert joined["ActiveDirectoryStatus"] in ("JOINING", "JOINED")
    statuses = []
    for _ in range(10):
        statuses.append(_settings(sgw, arn)["ActiveDirectoryStatus"])
        if statuses[-1] == "JOINED":
            break
    assert statuses == ["JOINING", "JOINED"]
    # Then the guest password, the security strategy and the share visibility.
    sgw.set_smb_guest_password(GatewayARN=arn, Password=GUEST_PASSWORD)
    sgw.update_smb_security_strategy(GatewayARN=arn, SMBSecurityStrategy="MandatorySigning")
    sgw.update_smb_file_share_visibility(GatewayARN=arn, FileSharesVisible=True)
    # Read: DescribeGatewayInformation, then DescribeSMBSettings.
    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert (info["GatewayARN"], info["GatewayName"], info["GatewayTimezone"], info["GatewayType"]) == (
        arn,
        "tf-file-gateway",
        "GMT-5:00",
        "FILE_S3",
    )
    assert (info["GatewayId"], info["GatewayState"]) == (arn.rsplit("/", 1)[1], "RUNNING")
    assert _settings(sgw, arn) == {
        "GatewayARN": arn,
        "DomainName": DOMAIN,
        "ActiveDirectoryStatus": "JOINED",
        "SMBGuestPasswordSet": True,
        "SMBSecurityStrategy": "MandatorySigning",
        "FileSharesVisible": True,
        "SMBLocalGroups": {"GatewayAdmins": []},
    }
