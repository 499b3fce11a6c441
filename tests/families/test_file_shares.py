"""NFS and SMB file shares of S3 File Gateways.

Operations covered: CreateNFSFileShare, CreateSMBFileShare, UpdateNFSFileShare,
UpdateSMBFileShare, DeleteFileShare, DescribeNFSFileShares, DescribeSMBFileShares,
ListFileShares (with AddTagsToResource, ListTagsForResource and RemoveTagsFromResource on
share ARNs, and DeleteGateway's effect on shares). Facts from ../shared/aws/file.md.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterator, List, Optional

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from ..conftest import REGION, activate, server_client, sgw_error
from ..expected import (
    FILE_SHARE_NOT_FOUND,
    GATEWAY_NOT_FOUND,
    INVALID_GATEWAY_REQUEST,
    INVALID_PARAMETERS,
    UNKNOWN_GATEWAY,
    UNKNOWN_SHARE,
    UNSUPPORTED_FOR_TYPE,
)

ROLE = "arn:aws:iam::123456789012:role/sgw"
BUCKET = "share-bucket"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
AUDIT_LOG = "arn:aws:logs:us-east-1:123456789012:log-group:sgw-audit"
SHARE_ARN = re.compile(r"^arn:aws:storagegateway:us-east-1:123456789012:share/share-[0-9A-F]{8}$")
FILE_SHARE_MODEL = "storagegateway::file-share"
INFO_KEYS = {"FileShareType", "FileShareARN", "FileShareId", "FileShareStatus", "GatewayARN"}


# --- helpers ---------------------------------------------------------------------------


def bucket_arn(bucket: str = BUCKET, prefix: str = "") -> str:
    return f"arn:aws:s3:::{bucket}" + (f"/{prefix}" if prefix else "")


def make_bucket(name: str = BUCKET) -> None:
    boto3.client("s3", region_name=REGION).create_bucket(Bucket=name)


def file_gateway(client: Any, name: str = "file-gw") -> str:
    return activate(client, "FILE_S3", name=name)


def create_nfs(
    client: Any, gateway: str, token: str = "nfs-token", location: Optional[str] = None, **extra: Any
) -> str:
    return str(client.create_nfs_file_share(
        ClientToken=token,
        GatewayARN=gateway,
        Role=ROLE,
        LocationARN=location or bucket_arn(),
        **extra,
    )["FileShareARN"])


def create_smb(
    client: Any, gateway: str, token: str = "smb-token", location: Optional[str] = None, **extra: Any
) -> str:
    return str(client.create_smb_file_share(
        ClientToken=token,
        GatewayARN=gateway,
        Role=ROLE,
        LocationARN=location or bucket_arn(),
        **extra,
    )["FileShareARN"])


def guest_gateway(client: Any, name: str = "guest-gw") -> str:
    gateway = file_gateway(client, name)
    client.set_smb_guest_password(GatewayARN=gateway, Password="Passw0rd!")
    return gateway


def joined_gateway(client: Any, name: str = "ad-gw") -> str:
    gateway = file_gateway(client, name)
    client.join_domain(GatewayARN=gateway, DomainName="corp.example.com", UserName="Admin", Password="Passw0rd!")
    return gateway


def nfs_info(client: Any, arn: str) -> Dict[str, Any]:
    listed = client.describe_nfs_file_shares(FileShareARNList=[arn])["NFSFileShareInfoList"]
    assert len(listed) == 1
    return dict(listed[0])


def smb_info(client: Any, arn: str) -> Dict[str, Any]:
    listed = client.describe_smb_file_shares(FileShareARNList=[arn])["SMBFileShareInfoList"]
    assert len(listed) == 1
    return dict(listed[0])


def nfs_status(client: Any, arn: str) -> str:
    return str(nfs_info(client, arn)["FileShareStatus"])


def listed_shares(client: Any, **kwargs: Any) -> List[Dict[str, Any]]:
    return list(client.list_file_shares(**kwargs)["FileShareInfoList"])


def without_metadata(response: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def polls_until_gone(describe: Callable[[], str], limit: int = 10) -> List[str]:
    """Statuses reported until FileShareNotFound (then "NotFound" closes the list)."""
    seen: List[str] = []
    for _ in range(limit):
        try:
            seen.append(describe())
        except ClientError as error:
            assert error.response.get("error", {}).get("errorCode") == "FileShareNotFound"
            seen.append("NotFound")
            return seen
    return seen


def wait_for(describe: Callable[[], str], pending: List[str], target: str, limit: int = 10) -> List[str]:
    """Terraform's waiter: poll while pending, stop at target; any other status is an error."""
    seen: List[str] = []
    for _ in range(limit):
        status = describe()
        seen.append(status)
        if status == target:
            return seen
        assert status in pending, f"unexpected state {status!r} (seen {seen})"
    raise AssertionError(f"never reached {target}: {seen}")


def terraform_delete_wait(describe: Callable[[], str], limit: int = 10) -> List[str]:
    """Terraform's delete waiter: pending AVAILABLE/DELETING/FORCE_DELETING, target not found."""
    seen = polls_until_gone(describe, limit)
    assert seen and seen[-1] == "NotFound", seen
    assert set(seen[:-1]) <= {"AVAILABLE", "DELETING", "FORCE_DELETING"}, seen
    return seen


@pytest.fixture
def manual_shares() -> Iterator[Callable[[int], None]]:
    """Set the file-share lifecycle to manual progression; always restored."""

    def manual(times: int) -> None:
        state_manager.set_transition(FILE_SHARE_MODEL, {"progression": "manual", "times": times})

    try:
        yield manual
    finally:
        state_manager.unset_transition(FILE_SHARE_MODEL)


def nfs_defaults(arn: str, gateway: str, status: str = "AVAILABLE", bucket: str = BUCKET) -> Dict[str, Any]:
    return {
        "FileShareARN": arn,
        "FileShareId": arn.rsplit("/", 1)[1],
        "FileShareStatus": status,
        "GatewayARN": gateway,
        "KMSEncrypted": False,
        "EncryptionType": "SseS3",
        "Path": "/" + bucket,
        "Role": ROLE,
        "LocationARN": bucket_arn(bucket),
        "DefaultStorageClass": "S3_STANDARD",
        "ObjectACL": "private",
        "ClientList": ["0.0.0.0/0"],
        "Squash": "RootSquash",
        "ReadOnly": False,
        "GuessMIMETypeEnabled": True,
        "RequesterPays": False,
        "Tags": [],
        "FileShareName": bucket,
        "NotificationPolicy": "{}",
    }


def smb_defaults(arn: str, gateway: str, authentication: str, bucket: str = BUCKET) -> Dict[str, Any]:
    return {
        "FileShareARN": arn,
        "FileShareId": arn.rsplit("/", 1)[1],
        "FileShareStatus": "AVAILABLE",
        "GatewayARN": gateway,
        "KMSEncrypted": False,
        "EncryptionType": "SseS3",
        "Path": "/" + bucket,
        "Role": ROLE,
        "LocationARN": bucket_arn(bucket),
        "DefaultStorageClass": "S3_STANDARD",
        "ObjectACL": "private",
        "ReadOnly": False,
        "GuessMIMETypeEnabled": True,
        "RequesterPays": False,
        "SMBACLEnabled": False,
        "AccessBasedEnumeration": False,
        "AdminUserList": [],
        "ValidUserList": [],
        "InvalidUserList": [],
        "Authentication": authentication,
        "CaseSensitivity": "ClientSpecified",
        "OplocksEnabled": True,
        "Tags": [],
        "FileShareName": bucket,
        "NotificationPolicy": "{}",
    }


# --- ARNs and read-back ----------------------------------------------------------------


def test_share_arn_is_regional_with_eight_upper_hex_id(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    response = sgw.create_nfs_file_share(
        ClientToken="nfs-token", GatewayARN=gateway, Role=ROLE, LocationARN=bucket_arn()
    )
    assert without_metadata(response) == {"FileShareARN": response["FileShareARN"]}
    arn = response["FileShareARN"]
    assert SHARE_ARN.match(arn)
    assert not arn.startswith(gateway)
    assert nfs_info(sgw, arn)["FileShareId"] == arn.rsplit("/", 1)[1]


def test_smb_share_arn_is_regional_with_eight_upper_hex_id(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    arn = create_smb(sgw, gateway, Authentication="GuestAccess")
    assert SHARE_ARN.match(arn)
    assert smb_info(sgw, arn)["FileShareId"] == arn.rsplit("/", 1)[1]


def test_nfs_share_with_required_members_reads_back_documented_defaults(sgw: Any) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    assert nfs_info(sgw, arn) == nfs_defaults(arn, gateway)


def test_smb_guest_access_share_reads_back_documented_defaults(sgw: Any) -> None:
    make_bucket()
    gateway = guest_gateway(sgw)
    arn = create_smb(sgw, gateway, Authentication="GuestAccess")
    assert smb_info(sgw, arn) == smb_defaults(arn, gateway, "GuestAccess")


def test_smb_share_defaults_to_active_directory_on_joined_gateway(sgw: Any) -> None:
    make_bucket()
    gateway = joined_gateway(sgw)
    arn = create_smb(sgw, gateway)
    assert smb_info(sgw, arn) == smb_defaults(arn, gateway, "ActiveDirectory")


def test_nfs_file_share_defaults_are_filled_when_partly_given(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway, NFSFileShareDefaults={"FileMode": "0644", "OwnerId": 1000})
    assert nfs_info(sgw, arn)["NFSFileShareDefaults"] == {
        "FileMode": "0644",
        "DirectoryMode": "0777",
        "GroupId": 65534,
        "OwnerId": 1000,
    }


def test_cache_attributes_are_returned_when_given(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    for timeout in (0, 300, 2_592_000):
        arn = create_nfs(
            sgw, gateway, token=f"token-{timeout}", location=bucket_arn(prefix=f"p{timeout}/"),
            FileShareName=f"s{timeout}", CacheAttributes={"CacheStaleTimeoutInSeconds": timeout},
        )
        assert nfs_info(sgw, arn)["CacheAttributes"] == {"CacheStaleTimeoutInSeconds": timeout}


def test_smb_share_returns_given_settings(sgw: Any) -> None:
    make_bucket()
    gateway = joined_gateway(sgw)
    arn = create_smb(
        sgw,
        gateway,
        DefaultStorageClass="S3_STANDARD_IA",
        ObjectACL="bucket-owner-full-control",
        ReadOnly=True,
        SMBACLEnabled=True,
        AccessBasedEnumeration=True,
        AdminUserList=["CORP\\admin"],
        ValidUserList=["@CORP\\staff"],
        InvalidUserList=["guest1"],
        CaseSensitivity="CaseSensitive",
        OplocksEnabled=False,
        FileShareName="team",
        CacheAttributes={"CacheStaleTimeoutInSeconds": 0},
    )
    expected = smb_defaults(arn, gateway, "ActiveDirectory")
    expected.update(
        DefaultStorageClass="S3_STANDARD_IA",
        ObjectACL="bucket-owner-full-control",
        ReadOnly=True,
        SMBACLEnabled=True,
        AccessBasedEnumeration=True,
        AdminUserList=["CORP\\admin"],
        ValidUserList=["@CORP\\staff"],
        InvalidUserList=["guest1"],
        CaseSensitivity="CaseSensitive",
        OplocksEnabled=False,
        FileShareName="team",
        Path="/team",
        CacheAttributes={"CacheStaleTimeoutInSeconds": 0},
    )
    assert smb_info(sgw, arn) == expected


def test_tags_given_at_create_are_described_sorted_by_key(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    tags = [{"Key": "zeta", "Value": "3"}, {"Key": "alpha", "Value": "1"}, {"Key": "mid", "Value": "2"}]
    arn = create_nfs(sgw, gateway, Tags=tags)
    expected = [{"Key": "alpha", "Value": "1"}, {"Key": "mid", "Value": "2"}, {"Key": "zeta", "Value": "3"}]
    assert nfs_info(sgw, arn)["Tags"] == expected
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == expected


def test_kms_encrypted_share_reads_back_its_key(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway, KMSEncrypted=True, KMSKey=KMS_KEY)
    info = nfs_info(sgw, arn)
    assert (info["KMSEncrypted"], info["EncryptionType"], info["KMSKey"]) == (True, "SseKms", KMS_KEY)


def test_prefix_location_with_file_share_name_uses_that_name(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway, location=bucket_arn(prefix="data/"), FileShareName="data-share")
    info = nfs_info(sgw, arn)
    assert (info["FileShareName"], info["Path"], info["LocationARN"]) == (
        "data-share",
        "/data-share",
        bucket_arn(prefix="data/"),
    )


def test_describe_several_shares_answers_each(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    first = create_nfs(sgw, gateway, token="token-one", location=bucket_arn("bucket-one"))
    second = create_nfs(sgw, gateway, token="token-two", location=bucket_arn("bucket-two"))
    listed = sgw.describe_nfs_file_shares(FileShareARNList=[first, second])["NFSFileShareInfoList"]
    assert [(share["FileShareARN"], share["FileShareName"]) for share in listed] == [
        (first, "bucket-one"),
        (second, "bucket-two"),
    ]


# --- errors ----------------------------------------------------------------------------


def test_unknown_share_is_not_found_by_describe_update_and_delete(sgw: Any) -> None:
    file_gateway(sgw)
    calls: List[Callable[[], Any]] = [
        lambda: sgw.describe_nfs_file_shares(FileShareARNList=[UNKNOWN_SHARE]),
        lambda: sgw.describe_smb_file_shares(FileShareARNList=[UNKNOWN_SHARE]),
        lambda: sgw.update_nfs_file_share(FileShareARN=UNKNOWN_SHARE, ReadOnly=True),
        lambda: sgw.update_smb_file_share(FileShareARN=UNKNOWN_SHARE, ReadOnly=True),
        lambda: sgw.delete_file_share(FileShareARN=UNKNOWN_SHARE),
        lambda: sgw.delete_file_share(FileShareARN=UNKNOWN_SHARE, ForceDelete=True),
    ]
    for call in calls:
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


def test_describe_with_one_unknown_share_among_known_is_not_found(sgw: Any) -> None:
    arn = create_nfs(sgw, file_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.describe_nfs_file_shares(FileShareARNList=[arn, UNKNOWN_SHARE])
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "VTL", "FILE_FSX_SMB"])
def test_file_share_operations_on_other_gateway_types_are_unsupported(sgw: Any, gateway_type: str) -> None:
    gateway = activate(sgw, gateway_type, name="other-gw")
    calls: List[Callable[[], Any]] = [
        lambda: create_nfs(sgw, gateway),
        lambda: create_smb(sgw, gateway, Authentication="GuestAccess"),
        lambda: sgw.list_file_shares(GatewayARN=gateway),
    ]
    for call in calls:
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    assert listed_shares(sgw) == []


def test_file_share_operations_on_unknown_gateway_are_not_found(sgw: Any) -> None:
    calls: List[Callable[[], Any]] = [
        lambda: create_nfs(sgw, UNKNOWN_GATEWAY),
        lambda: create_smb(sgw, UNKNOWN_GATEWAY, Authentication="GuestAccess"),
        lambda: sgw.list_file_shares(GatewayARN=UNKNOWN_GATEWAY),
    ]
    for call in calls:
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_kms_encrypted_without_kms_key_is_refused(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    calls: List[Callable[[], Any]] = [
        lambda: create_nfs(sgw, gateway, KMSEncrypted=True),
        lambda: create_smb(sgw, gateway, Authentication="GuestAccess", KMSEncrypted=True),
        lambda: create_nfs(sgw, gateway, token="token-sse-kms", EncryptionType="SseKms"),
    ]
    for call in calls:
        with pytest.raises(ClientError) as exc:
            call()
        code, message, error_code = sgw_error(exc)
        assert (code, error_code) == (INVALID_GATEWAY_REQUEST, "InvalidParameters")
        assert "KMSKey is missing" in message
    assert listed_shares(sgw) == []


def test_prefix_location_without_file_share_name_is_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        create_nfs(sgw, gateway, location=bucket_arn(prefix="data/"))
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert listed_shares(sgw) == []


def test_invalid_nfs_settings_are_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    invalid_settings: List[Dict[str, Any]] = [
        {"Squash": "SomeSquash"},
        {"DefaultStorageClass": "S3_GLACIER"},
        {"CacheAttributes": {"CacheStaleTimeoutInSeconds": 100}},
        {"CacheAttributes": {"CacheStaleTimeoutInSeconds": 2_592_001}},
        {"FileShareName": "bad name!"},
    ]
    for i, extra in enumerate(invalid_settings):
        with pytest.raises(ClientError) as exc:
            create_nfs(sgw, gateway, token=f"token-{i:03d}", **extra)
        assert sgw_error(exc) == INVALID_PARAMETERS, extra
    assert listed_shares(sgw) == []


def test_guest_access_share_without_guest_password_is_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        create_smb(sgw, gateway, Authentication="GuestAccess")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert listed_shares(sgw) == []


def test_active_directory_share_without_joined_domain_is_refused(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        create_smb(sgw, gateway)  # Authentication defaults to ActiveDirectory
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert listed_shares(sgw) == []


def test_user_lists_with_guest_access_are_refused(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    for user_list in ("ValidUserList", "InvalidUserList"):
        users: Dict[str, Any] = {user_list: ["user1"]}
        with pytest.raises(ClientError) as exc:
            create_smb(sgw, gateway, token=f"token-{user_list}", Authentication="GuestAccess", **users)
        assert sgw_error(exc) == INVALID_PARAMETERS
    assert listed_shares(sgw) == []


def test_invalid_smb_settings_are_refused(sgw: Any) -> None:
    gateway = joined_gateway(sgw)
    invalid_settings: List[Dict[str, Any]] = [{"Authentication": "Kerberos"}, {"FileShareName": "bad*name"}]
    for i, extra in enumerate(invalid_settings):
        with pytest.raises(ClientError) as exc:
            create_smb(sgw, gateway, token=f"token-{i:03d}", **extra)
        assert sgw_error(exc) == INVALID_PARAMETERS, extra
    assert listed_shares(sgw) == []


def test_duplicate_file_share_name_on_one_gateway_is_refused(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    create_nfs(sgw, gateway, token="token-one", location=bucket_arn(prefix="a/"), FileShareName="same")
    with pytest.raises(ClientError) as exc:
        create_smb(
            sgw, gateway, token="token-two", location=bucket_arn(prefix="b/"), FileShareName="same",
            Authentication="GuestAccess",
        )
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert len(listed_shares(sgw, GatewayARN=gateway)) == 1


def test_same_file_share_name_on_two_gateways_is_accepted(sgw: Any) -> None:
    first = create_nfs(sgw, file_gateway(sgw, "gw-one"), token="token-one")
    second = create_nfs(sgw, file_gateway(sgw, "gw-two"), token="token-two")
    assert nfs_info(sgw, first)["FileShareName"] == nfs_info(sgw, second)["FileShareName"] == BUCKET


def test_fifty_first_share_on_a_gateway_is_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    for i in range(50):
        create_nfs(sgw, gateway, token=f"token-{i:03d}", location=bucket_arn(prefix=f"p{i}/"), FileShareName=f"s{i}")
    with pytest.raises(ClientError) as exc:
        create_nfs(sgw, gateway, token="token-050", location=bucket_arn(prefix="p50/"), FileShareName="s50")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert len(listed_shares(sgw, GatewayARN=gateway)) == 50
    # The limit is per gateway: another gateway still takes a share.
    assert SHARE_ARN.match(create_nfs(sgw, file_gateway(sgw, "gw-two"), token="token-other"))


def test_describe_smb_of_an_nfs_share_is_refused(sgw: Any) -> None:
    arn = create_nfs(sgw, file_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.describe_smb_file_shares(FileShareARNList=[arn])
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_describe_nfs_of_an_smb_share_is_refused(sgw: Any) -> None:
    arn = create_smb(sgw, guest_gateway(sgw), Authentication="GuestAccess")
    with pytest.raises(ClientError) as exc:
        sgw.describe_nfs_file_shares(FileShareARNList=[arn])
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_update_nfs_of_an_smb_share_is_refused(sgw: Any) -> None:
    arn = create_smb(sgw, guest_gateway(sgw), Authentication="GuestAccess")
    with pytest.raises(ClientError) as exc:
        sgw.update_nfs_file_share(FileShareARN=arn, ReadOnly=True)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert smb_info(sgw, arn)["ReadOnly"] is False


def test_client_token_replay_returns_same_share(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    first = create_nfs(sgw, gateway, token="replay-token")
    again = create_nfs(sgw, gateway, token="replay-token")
    assert again == first
    assert [share["FileShareARN"] for share in listed_shares(sgw)] == [first]


def test_client_token_reused_with_other_parameters_is_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    first = create_nfs(sgw, gateway, token="replay-token")
    with pytest.raises(ClientError) as exc:
        create_nfs(sgw, gateway, token="replay-token", ReadOnly=True)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert [share["FileShareARN"] for share in listed_shares(sgw)] == [first]
    assert nfs_info(sgw, first)["ReadOnly"] is False


def test_smb_client_token_replay_returns_same_share(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    first = create_smb(sgw, gateway, token="smb-replay", Authentication="GuestAccess")
    assert create_smb(sgw, gateway, token="smb-replay", Authentication="GuestAccess") == first
    assert [share["FileShareARN"] for share in listed_shares(sgw)] == [first]


# --- updates ---------------------------------------------------------------------------


def test_update_nfs_changes_only_given_members(sgw: Any) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    arn = create_nfs(
        sgw, gateway, ClientList=["10.0.0.0/16"], ReadOnly=True, CacheAttributes={"CacheStaleTimeoutInSeconds": 300}
    )
    before = nfs_info(sgw, arn)
    response = sgw.update_nfs_file_share(FileShareARN=arn, Squash="NoSquash", DefaultStorageClass="S3_ONEZONE_IA")
    assert without_metadata(response) == {"FileShareARN": arn}
    after = nfs_info(sgw, arn)
    assert after == {**before, "Squash": "NoSquash", "DefaultStorageClass": "S3_ONEZONE_IA"}


def test_update_smb_changes_only_given_members(sgw: Any) -> None:
    make_bucket()
    gateway = joined_gateway(sgw)
    arn = create_smb(sgw, gateway, AdminUserList=["CORP\\admin"])
    before = smb_info(sgw, arn)
    response = sgw.update_smb_file_share(FileShareARN=arn, ValidUserList=["@staff"], AccessBasedEnumeration=True)
    assert without_metadata(response) == {"FileShareARN": arn}
    assert smb_info(sgw, arn) == {**before, "ValidUserList": ["@staff"], "AccessBasedEnumeration": True}


def test_update_changes_file_share_name_and_path(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway, FileShareName="test_1")
    sgw.update_nfs_file_share(FileShareARN=arn, FileShareName="test_2")
    info = nfs_info(sgw, arn)
    assert (info["FileShareName"], info["Path"]) == ("test_2", "/test_2")


def test_update_to_name_of_another_share_on_gateway_is_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    create_nfs(sgw, gateway, token="token-one", location=bucket_arn("bucket-one"))
    second = create_nfs(sgw, gateway, token="token-two", location=bucket_arn("bucket-two"))
    with pytest.raises(ClientError) as exc:
        sgw.update_nfs_file_share(FileShareARN=second, FileShareName="bucket-one")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert nfs_info(sgw, second)["FileShareName"] == "bucket-two"


def test_update_turns_kms_encryption_on_and_off(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    sgw.update_nfs_file_share(FileShareARN=arn, KMSEncrypted=True, KMSKey=KMS_KEY)
    info = nfs_info(sgw, arn)
    assert (info["KMSEncrypted"], info["EncryptionType"], info["KMSKey"]) == (True, "SseKms", KMS_KEY)
    sgw.update_nfs_file_share(FileShareARN=arn, KMSEncrypted=False)
    info = nfs_info(sgw, arn)
    assert (info["KMSEncrypted"], info["EncryptionType"]) == (False, "SseS3")
    assert "KMSKey" not in info


def test_update_kms_encrypted_without_key_is_refused(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        sgw.update_nfs_file_share(FileShareARN=arn, KMSEncrypted=True)
    code, message, error_code = sgw_error(exc)
    assert (code, error_code) == (INVALID_GATEWAY_REQUEST, "InvalidParameters")
    assert "KMSKey is missing" in message
    assert nfs_info(sgw, arn)["KMSEncrypted"] is False


def test_update_with_empty_audit_destination_removes_it(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    arn = create_smb(sgw, gateway, Authentication="GuestAccess", AuditDestinationARN=AUDIT_LOG)
    assert smb_info(sgw, arn)["AuditDestinationARN"] == AUDIT_LOG
    sgw.update_smb_file_share(FileShareARN=arn, AuditDestinationARN="")
    assert "AuditDestinationARN" not in smb_info(sgw, arn)


def test_update_sets_nfs_file_share_defaults_and_cache_attributes(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    sgw.update_nfs_file_share(
        FileShareARN=arn,
        NFSFileShareDefaults={"DirectoryMode": "0755"},
        CacheAttributes={"CacheStaleTimeoutInSeconds": 0},
    )
    info = nfs_info(sgw, arn)
    assert info["NFSFileShareDefaults"] == {
        "FileMode": "0666",
        "DirectoryMode": "0755",
        "GroupId": 65534,
        "OwnerId": 65534,
    }
    assert info["CacheAttributes"] == {"CacheStaleTimeoutInSeconds": 0}


def test_update_with_invalid_settings_is_refused_and_changes_nothing(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    before = nfs_info(sgw, arn)
    invalid_settings: List[Dict[str, Any]] = [
        {"Squash": "SomeSquash"},
        {"DefaultStorageClass": "GLACIER"},
        {"CacheAttributes": {"CacheStaleTimeoutInSeconds": 100}},
        {"FileShareName": "bad name!"},
    ]
    for extra in invalid_settings:
        with pytest.raises(ClientError) as exc:
            sgw.update_nfs_file_share(FileShareARN=arn, **extra)
        assert sgw_error(exc) == INVALID_PARAMETERS, extra
    assert nfs_info(sgw, arn) == before


def test_update_smb_with_user_list_on_guest_share_is_refused(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    arn = create_smb(sgw, gateway, Authentication="GuestAccess")
    with pytest.raises(ClientError) as exc:
        sgw.update_smb_file_share(FileShareARN=arn, ValidUserList=["user1"])
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert smb_info(sgw, arn)["ValidUserList"] == []


# --- ListFileShares --------------------------------------------------------------------


def test_list_file_shares_answers_exact_file_share_info(sgw: Any) -> None:
    make_bucket()
    gateway = guest_gateway(sgw)
    nfs = create_nfs(sgw, gateway, token="token-nfs", FileShareName="nfs")
    smb = create_smb(sgw, gateway, token="token-smb", FileShareName="smb", Authentication="GuestAccess")
    response = without_metadata(sgw.list_file_shares(GatewayARN=gateway))
    assert set(response) == {"FileShareInfoList"}
    by_arn = {share["FileShareARN"]: share for share in response["FileShareInfoList"]}
    assert by_arn == {
        nfs: {
            "FileShareType": "NFS",
            "FileShareARN": nfs,
            "FileShareId": nfs.rsplit("/", 1)[1],
            "FileShareStatus": "AVAILABLE",
            "GatewayARN": gateway,
        },
        smb: {
            "FileShareType": "SMB",
            "FileShareARN": smb,
            "FileShareId": smb.rsplit("/", 1)[1],
            "FileShareStatus": "AVAILABLE",
            "GatewayARN": gateway,
        },
    }


def test_list_file_shares_without_gateway_lists_whole_account(sgw: Any) -> None:
    first_gateway = file_gateway(sgw, "gw-one")
    second_gateway = file_gateway(sgw, "gw-two")
    first = create_nfs(sgw, first_gateway, token="token-one")
    second = create_nfs(sgw, second_gateway, token="token-two")
    everything = {share["FileShareARN"]: share["GatewayARN"] for share in listed_shares(sgw)}
    assert everything == {first: first_gateway, second: second_gateway}
    assert [share["FileShareARN"] for share in listed_shares(sgw, GatewayARN=first_gateway)] == [first]
    assert [share["FileShareARN"] for share in listed_shares(sgw, GatewayARN=second_gateway)] == [second]


def test_list_file_shares_of_gateway_without_shares_is_empty(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    assert without_metadata(sgw.list_file_shares(GatewayARN=gateway)) == {"FileShareInfoList": []}
    assert without_metadata(sgw.list_file_shares()) == {"FileShareInfoList": []}


def test_list_file_shares_pages_with_limit_and_marker(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    made = {
        create_nfs(sgw, gateway, token=f"token-{i}", location=bucket_arn(prefix=f"p{i}/"), FileShareName=f"s{i}")
        for i in range(3)
    }
    first = without_metadata(sgw.list_file_shares(GatewayARN=gateway, Limit=2))
    assert set(first) == {"FileShareInfoList", "NextMarker"}
    assert len(first["FileShareInfoList"]) == 2
    second = without_metadata(sgw.list_file_shares(GatewayARN=gateway, Limit=2, Marker=first["NextMarker"]))
    assert set(second) == {"FileShareInfoList", "Marker"}
    assert second["Marker"] == first["NextMarker"]
    assert len(second["FileShareInfoList"]) == 1
    seen = [share["FileShareARN"] for share in first["FileShareInfoList"] + second["FileShareInfoList"]]
    assert sorted(seen) == sorted(made)


def test_list_file_shares_exact_limit_gives_no_next_marker(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    for i in range(2):
        create_nfs(sgw, gateway, token=f"token-{i}", location=bucket_arn(prefix=f"p{i}/"), FileShareName=f"s{i}")
    page = without_metadata(sgw.list_file_shares(Limit=2))
    assert set(page) == {"FileShareInfoList"}
    assert len(page["FileShareInfoList"]) == 2


def test_list_file_shares_paginator_covers_account(sgw: Any) -> None:
    gateways = [file_gateway(sgw, "gw-one"), file_gateway(sgw, "gw-two")]
    made = set()
    for g, gateway in enumerate(gateways):
        for i in range(3):
            made.add(
                create_nfs(
                    sgw, gateway, token=f"token-{g}-{i}", location=bucket_arn(prefix=f"p{i}/"), FileShareName=f"s{i}"
                )
            )
    pages = list(sgw.get_paginator("list_file_shares").paginate(PaginationConfig={"PageSize": 4}))
    assert [len(page["FileShareInfoList"]) for page in pages] == [4, 2]
    seen = [share["FileShareARN"] for page in pages for share in page["FileShareInfoList"]]
    assert len(seen) == len(set(seen)) and set(seen) == made


def test_list_file_shares_marker_of_other_gateway_is_refused(sgw: Any) -> None:
    first_gateway = file_gateway(sgw, "gw-one")
    second_gateway = file_gateway(sgw, "gw-two")
    for i in range(2):
        location = bucket_arn(prefix=f"p{i}/")
        create_nfs(sgw, first_gateway, token=f"token-{i}", location=location, FileShareName=f"s{i}")
    marker = sgw.list_file_shares(GatewayARN=first_gateway, Limit=1)["NextMarker"]
    with pytest.raises(ClientError) as exc:
        sgw.list_file_shares(GatewayARN=second_gateway, Marker=marker)
    assert sgw_error(exc) == INVALID_PARAMETERS


# --- lifecycle -------------------------------------------------------------------------


def test_new_share_is_creating_then_available(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)
    arn = create_nfs(sgw, gateway)
    assert [nfs_status(sgw, arn) for _ in range(3)] == ["CREATING", "AVAILABLE", "AVAILABLE"]


def test_list_file_shares_reports_the_lifecycle(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)
    create_nfs(sgw, gateway)
    statuses = [listed_shares(sgw, GatewayARN=gateway)[0]["FileShareStatus"] for _ in range(3)]
    assert statuses == ["CREATING", "AVAILABLE", "AVAILABLE"]


def test_updated_share_is_updating_then_available(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)
    arn = create_nfs(sgw, gateway)
    assert [nfs_status(sgw, arn) for _ in range(2)] == ["CREATING", "AVAILABLE"]
    sgw.update_nfs_file_share(FileShareARN=arn, ReadOnly=True)
    assert [nfs_status(sgw, arn) for _ in range(3)] == ["UPDATING", "AVAILABLE", "AVAILABLE"]


def test_updated_smb_share_is_updating_then_available(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = guest_gateway(sgw)
    manual_shares(2)
    arn = create_smb(sgw, gateway, Authentication="GuestAccess")
    assert [smb_info(sgw, arn)["FileShareStatus"] for _ in range(2)] == ["CREATING", "AVAILABLE"]
    sgw.update_smb_file_share(FileShareARN=arn, ReadOnly=True)
    assert [smb_info(sgw, arn)["FileShareStatus"] for _ in range(2)] == ["UPDATING", "AVAILABLE"]


def test_deleted_share_is_deleting_then_not_found(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)
    arn = create_nfs(sgw, gateway)
    assert [nfs_status(sgw, arn) for _ in range(2)] == ["CREATING", "AVAILABLE"]
    response = sgw.delete_file_share(FileShareARN=arn)
    assert without_metadata(response) == {"FileShareARN": arn}
    # The N-th (here 2nd) reporting call after DELETING reports the next state: gone.
    assert polls_until_gone(lambda: nfs_status(sgw, arn)) == ["DELETING", "NotFound"]


def test_force_deleted_share_is_force_deleting_then_not_found(
    sgw: Any, manual_shares: Callable[[int], None]
) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)
    arn = create_nfs(sgw, gateway)
    sgw.delete_file_share(FileShareARN=arn, ForceDelete=True)
    assert polls_until_gone(lambda: nfs_status(sgw, arn)) == ["FORCE_DELETING", "NotFound"]


def test_deleting_share_listed_until_gone(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)
    arn = create_nfs(sgw, gateway)
    sgw.delete_file_share(FileShareARN=arn, ForceDelete=True)
    first = listed_shares(sgw, GatewayARN=gateway)
    assert [(share["FileShareARN"], share["FileShareStatus"]) for share in first] == [(arn, "FORCE_DELETING")]
    assert listed_shares(sgw, GatewayARN=gateway) == []


def test_force_delete_of_a_deleting_share_forces_it(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(3)
    arn = create_nfs(sgw, gateway)
    sgw.delete_file_share(FileShareARN=arn)
    assert nfs_status(sgw, arn) == "DELETING"
    sgw.delete_file_share(FileShareARN=arn, ForceDelete=True)
    assert nfs_status(sgw, arn) == "FORCE_DELETING"


def test_deleted_share_is_not_found_at_once_by_default(sgw: Any) -> None:
    arn = create_nfs(sgw, file_gateway(sgw))
    sgw.delete_file_share(FileShareARN=arn)
    with pytest.raises(ClientError) as exc:
        nfs_info(sgw, arn)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
    assert listed_shares(sgw) == []
    with pytest.raises(ClientError) as exc:
        sgw.delete_file_share(FileShareARN=arn)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


def test_share_on_missing_bucket_is_creating_until_bucket_exists(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    assert [nfs_status(sgw, arn) for _ in range(3)] == ["CREATING"] * 3
    assert listed_shares(sgw)[0]["FileShareStatus"] == "CREATING"
    make_bucket()
    assert nfs_status(sgw, arn) == "AVAILABLE"
    assert listed_shares(sgw)[0]["FileShareStatus"] == "AVAILABLE"


def test_share_whose_bucket_is_deleted_is_unavailable(sgw: Any) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway)
    assert nfs_status(sgw, arn) == "AVAILABLE"
    boto3.client("s3", region_name=REGION).delete_bucket(Bucket=BUCKET)
    assert nfs_status(sgw, arn) == "UNAVAILABLE"
    assert listed_shares(sgw)[0]["FileShareStatus"] == "UNAVAILABLE"
    make_bucket()
    assert nfs_status(sgw, arn) == "AVAILABLE"


def test_smb_share_on_missing_bucket_is_creating(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    arn = create_smb(sgw, gateway, Authentication="GuestAccess")
    assert smb_info(sgw, arn)["FileShareStatus"] == "CREATING"
    make_bucket()
    assert smb_info(sgw, arn)["FileShareStatus"] == "AVAILABLE"


# --- effects on and of other resources ---------------------------------------------------


def test_delete_gateway_takes_its_shares(sgw: Any) -> None:
    gateway = guest_gateway(sgw)
    other_gateway = file_gateway(sgw, "gw-other")
    nfs = create_nfs(sgw, gateway, token="token-nfs", FileShareName="nfs")
    smb = create_smb(sgw, gateway, token="token-smb", FileShareName="smb", Authentication="GuestAccess")
    kept = create_nfs(sgw, other_gateway, token="token-kept")
    sgw.delete_gateway(GatewayARN=gateway)
    with pytest.raises(ClientError) as exc:
        nfs_info(sgw, nfs)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
    with pytest.raises(ClientError) as exc:
        smb_info(sgw, smb)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
    with pytest.raises(ClientError) as exc:
        sgw.delete_file_share(FileShareARN=nfs)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
    assert [share["FileShareARN"] for share in listed_shares(sgw)] == [kept]


def test_bucket_and_objects_stay_after_delete_file_share(sgw: Any) -> None:
    make_bucket()
    s3 = boto3.client("s3", region_name=REGION)
    s3.put_object(Bucket=BUCKET, Key="docs/readme.txt", Body=b"hello")
    arn = create_nfs(sgw, file_gateway(sgw))
    sgw.delete_file_share(FileShareARN=arn)
    assert [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]] == [BUCKET]
    assert [obj["Key"] for obj in s3.list_objects_v2(Bucket=BUCKET)["Contents"]] == ["docs/readme.txt"]
    assert s3.get_object(Bucket=BUCKET, Key="docs/readme.txt")["Body"].read() == b"hello"


def test_create_does_not_create_the_bucket(sgw: Any) -> None:
    create_nfs(sgw, file_gateway(sgw))
    assert boto3.client("s3", region_name=REGION).list_buckets()["Buckets"] == []


# --- tags ------------------------------------------------------------------------------


def test_tags_on_a_share_are_added_listed_and_removed(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway, Tags=[{"Key": "env", "Value": "dev"}])
    added = sgw.add_tags_to_resource(
        ResourceARN=arn, Tags=[{"Key": "app", "Value": "x"}, {"Key": "env", "Value": "prod"}]
    )
    assert without_metadata(added) == {"ResourceARN": arn}
    listed = without_metadata(sgw.list_tags_for_resource(ResourceARN=arn))
    assert listed == {"ResourceARN": arn, "Tags": [{"Key": "app", "Value": "x"}, {"Key": "env", "Value": "prod"}]}
    assert nfs_info(sgw, arn)["Tags"] == listed["Tags"]
    removed = sgw.remove_tags_from_resource(ResourceARN=arn, TagKeys=["env"])
    assert without_metadata(removed) == {"ResourceARN": arn}
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "app", "Value": "x"}]
    assert nfs_info(sgw, arn)["Tags"] == [{"Key": "app", "Value": "x"}]


def test_tags_on_unknown_share_are_not_found(sgw: Any) -> None:
    file_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=UNKNOWN_SHARE)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
    with pytest.raises(ClientError) as exc:
        sgw.add_tags_to_resource(ResourceARN=UNKNOWN_SHARE, Tags=[{"Key": "a", "Value": "1"}])
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


def test_tags_of_a_deleted_share_go_with_it(sgw: Any) -> None:
    gateway = file_gateway(sgw)
    arn = create_nfs(sgw, gateway, token="token-one", Tags=[{"Key": "env", "Value": "dev"}])
    sgw.delete_file_share(FileShareARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=arn)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
    fresh = create_nfs(sgw, gateway, token="token-two")
    assert sgw.list_tags_for_resource(ResourceARN=fresh)["Tags"] == []


# --- Terraform's flows -------------------------------------------------------------------


def test_terraform_nfs_file_share_flow(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = file_gateway(sgw)
    manual_shares(2)

    def status() -> str:
        return nfs_status(sgw, arn)

    # create
    arn = sgw.create_nfs_file_share(
        ClientToken="terraform-nfs-0001",
        GatewayARN=gateway,
        Role=ROLE,
        LocationARN=bucket_arn(),
        ClientList=["0.0.0.0/0"],
        DefaultStorageClass="S3_STANDARD",
        GuessMIMETypeEnabled=True,
        KMSEncrypted=False,
        ObjectACL="private",
        ReadOnly=False,
        RequesterPays=False,
        Squash="RootSquash",
        Tags=[{"Key": "Name", "Value": "tf"}],
    )["FileShareARN"]
    assert wait_for(status, ["CREATING"], "AVAILABLE") == ["CREATING", "AVAILABLE"]
    # read
    assert nfs_info(sgw, arn) == {**nfs_defaults(arn, gateway), "Tags": [{"Key": "Name", "Value": "tf"}]}
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "Name", "Value": "tf"}]
    # update
    sgw.update_nfs_file_share(FileShareARN=arn, ClientList=["1.1.1.1/32", "2.2.2.2/32"], FileShareName="test_2")
    assert wait_for(status, ["UPDATING"], "AVAILABLE") == ["UPDATING", "AVAILABLE"]
    info = nfs_info(sgw, arn)
    assert (info["ClientList"], info["FileShareName"], info["Path"]) == (
        ["1.1.1.1/32", "2.2.2.2/32"],
        "test_2",
        "/test_2",
    )
    # delete
    sgw.delete_file_share(FileShareARN=arn)
    assert terraform_delete_wait(status) == ["DELETING", "NotFound"]
    # a second delete (Terraform treats FileShareNotFound as success)
    with pytest.raises(ClientError) as exc:
        sgw.delete_file_share(FileShareARN=arn)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


def test_terraform_smb_file_share_flow(sgw: Any, manual_shares: Callable[[int], None]) -> None:
    make_bucket()
    gateway = guest_gateway(sgw)
    manual_shares(2)

    def status() -> str:
        return str(smb_info(sgw, arn)["FileShareStatus"])

    arn = sgw.create_smb_file_share(
        ClientToken="terraform-smb-0001",
        GatewayARN=gateway,
        Role=ROLE,
        LocationARN=bucket_arn(),
        Authentication="GuestAccess",
        DefaultStorageClass="S3_STANDARD",
        GuessMIMETypeEnabled=True,
        KMSEncrypted=False,
        ObjectACL="private",
        ReadOnly=False,
        RequesterPays=False,
        CaseSensitivity="ClientSpecified",
        AccessBasedEnumeration=False,
    )["FileShareARN"]
    assert wait_for(status, ["CREATING"], "AVAILABLE") == ["CREATING", "AVAILABLE"]
    assert smb_info(sgw, arn) == smb_defaults(arn, gateway, "GuestAccess")
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == []
    sgw.update_smb_file_share(FileShareARN=arn, CacheAttributes={"CacheStaleTimeoutInSeconds": 0}, ReadOnly=True)
    assert wait_for(status, ["UPDATING"], "AVAILABLE") == ["UPDATING", "AVAILABLE"]
    info = smb_info(sgw, arn)
    assert (info["CacheAttributes"], info["ReadOnly"]) == ({"CacheStaleTimeoutInSeconds": 0}, True)
    sgw.delete_file_share(FileShareARN=arn)
    assert terraform_delete_wait(status) == ["DELETING", "NotFound"]


def test_terraform_smb_active_directory_flow_immediate(sgw: Any) -> None:
    make_bucket()
    gateway = joined_gateway(sgw)
    arn = create_smb(sgw, gateway, token="terraform-smb-ad", Authentication="ActiveDirectory")
    assert smb_info(sgw, arn) == smb_defaults(arn, gateway, "ActiveDirectory")
    sgw.update_smb_file_share(FileShareARN=arn, InvalidUserList=["baduser"])
    assert smb_info(sgw, arn)["InvalidUserList"] == ["baduser"]
    sgw.delete_file_share(FileShareARN=arn)
    assert terraform_delete_wait(lambda: str(smb_info(sgw, arn)["FileShareStatus"])) == ["NotFound"]


# --- through the server ------------------------------------------------------------------


def test_share_round_trip_through_the_server(storagegateway_server: str) -> None:
    client = server_client(storagegateway_server)
    server_client(storagegateway_server, "s3").create_bucket(Bucket=BUCKET)
    gateway = file_gateway(client)
    arn = create_nfs(client, gateway)
    assert SHARE_ARN.match(arn)
    assert nfs_info(client, arn) == nfs_defaults(arn, gateway)
    listed = listed_shares(client)
    assert [set(share) for share in listed] == [INFO_KEYS]
    assert listed[0]["FileShareType"] == "NFS"
    assert client.delete_file_share(FileShareARN=arn)["FileShareARN"] == arn
    with pytest.raises(ClientError) as exc:
        nfs_info(client, arn)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND
