"""Virtual tapes on a tape gateway's VTL.

Operations covered: CreateTapes, CreateTapeWithBarcode, DescribeTapes, ListTapes, DeleteTape
(with AddTagsToResource, ListTagsForResource and RemoveTagsFromResource on tape ARNs,
CreateTapePool for a custom pool, ShutdownGateway's and DeleteGateway's effect on tapes).
Facts from ../shared/aws/tape.md and its "Choices for the mock".
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from ..conftest import GIB, activate, disk_ids, server_client, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    MAX_TAPES,
    TAPE_NOT_FOUND,
    UNKNOWN_GATEWAY,
    UNKNOWN_POOL,
    UNKNOWN_TAPE,
    UNSUPPORTED_FOR_TYPE,
)

TIB = 1024 * GIB
PIB = 1024 * TIB
TAPE_ARN_PREFIX = "arn:aws:storagegateway:us-east-1:123456789012:tape/"
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TAPE_MODEL = "storagegateway::tape"
TAPE_KEYS = {"TapeARN", "TapeBarcode", "TapeCreatedDate", "TapeSizeInBytes", "TapeStatus", "TapeUsedInBytes", "Worm"}
INFO_KEYS = {"TapeARN", "TapeBarcode", "TapeSizeInBytes", "TapeStatus", "GatewayARN"}


# --- helpers ---------------------------------------------------------------------------


def tape_gateway(client: Any, name: str = "tapes", cache: bool = True) -> str:
    """A tape gateway with cache and an upload buffer (no cache when told)."""
    arn = activate(client, "VTL", name=name)
    disks = disk_ids(client, arn)
    if cache:
        client.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    client.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    return arn


def create_tapes(
    client: Any, gateway: str, count: int = 1, size: int = 100 * GIB, prefix: str = "TST",
    token: str = "tapes-token", **extra: Any,
) -> List[str]:
    return list(client.create_tapes(
        GatewayARN=gateway,
        TapeSizeInBytes=size,
        ClientToken=token,
        NumTapesToCreate=count,
        TapeBarcodePrefix=prefix,
        **extra,
    )["TapeARNs"])


def create_barcode(client: Any, gateway: str, barcode: str, size: int = 100 * GIB, **extra: Any) -> str:
    return str(client.create_tape_with_barcode(
        GatewayARN=gateway, TapeSizeInBytes=size, TapeBarcode=barcode, **extra
    )["TapeARN"])


def described(client: Any, gateway: str, **extra: Any) -> List[Dict[str, Any]]:
    return list(client.describe_tapes(GatewayARN=gateway, **extra)["Tapes"])


def listed(client: Any, **extra: Any) -> List[Dict[str, Any]]:
    return list(client.list_tapes(**extra)["TapeInfos"])


def arns_of(tapes: List[Dict[str, Any]]) -> List[str]:
    return [tape["TapeARN"] for tape in tapes]


def without_metadata(response: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def custom_pool(client: Any, name: str = "custom-pool") -> str:
    """A custom GLACIER pool; its PoolId."""
    arn = client.create_tape_pool(PoolName=name, StorageClass="GLACIER")["PoolARN"]
    return str(arn.rsplit("/", 1)[1])


def pages(call: Callable[..., Dict[str, Any]], result_key: str, limit: int, **extra: Any) -> List[Dict[str, Any]]:
    """Every page of ``call`` with ``Limit=limit``; asserts a Marker only while more remain."""
    answers: List[Dict[str, Any]] = []
    marker = None
    while True:
        kwargs = dict(extra, Limit=limit)
        if marker is not None:
            kwargs["Marker"] = marker
        answer = call(**kwargs)
        answers.append(answer)
        marker = answer.get("Marker")
        if marker is None:
            return answers
        assert len(answer[result_key]) == limit


@pytest.fixture
def manual_tapes() -> Iterator[Callable[[int], None]]:
    """Set the tape lifecycle to manual progression; always restored."""

    def manual(times: int) -> None:
        state_manager.set_transition(TAPE_MODEL, {"progression": "manual", "times": times})

    try:
        yield manual
    finally:
        state_manager.unset_transition(TAPE_MODEL)


# --- ARNs and barcodes -----------------------------------------------------------------


def test_tape_arn_is_regional_with_barcode(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "BARCODE1")
    assert arn == TAPE_ARN_PREFIX + "BARCODE1"
    assert not arn.startswith(gateway)


def test_create_tapes_makes_prefixed_upper_hex_barcodes_all_different(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    answer = sgw.create_tapes(
        GatewayARN=gateway, TapeSizeInBytes=100 * GIB, ClientToken="tapes-token",
        NumTapesToCreate=10, TapeBarcodePrefix="ABCD",
    )
    arns = answer["TapeARNs"]
    assert set(without_metadata(answer)) == {"TapeARNs"}
    assert len(arns) == 10 and len(set(arns)) == 10
    pattern = re.compile(r"^" + re.escape(TAPE_ARN_PREFIX) + r"ABCD[0-9A-F]{6}$")
    assert all(pattern.match(arn) for arn in arns), arns
    tapes = described(sgw, gateway)
    assert sorted(arns_of(tapes)) == sorted(arns)
    assert sorted(tape["TapeBarcode"] for tape in tapes) == sorted(arn.rsplit("/", 1)[1] for arn in arns)


def test_create_tape_with_barcode_answers_only_its_arn(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    answer = sgw.create_tape_with_barcode(GatewayARN=gateway, TapeSizeInBytes=100 * GIB, TapeBarcode="ONLY0001")
    assert without_metadata(answer) == {"TapeARN": TAPE_ARN_PREFIX + "ONLY0001"}


def test_barcode_in_use_is_refused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "DUPL0001")
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "DUPL0001", size=200 * GIB)
    assert sgw_error(exc) == INVALID_PARAMETERS
    tapes = described(sgw, gateway)
    assert arns_of(tapes) == [arn] and tapes[0]["TapeSizeInBytes"] == 100 * GIB


def test_barcode_of_a_deleted_tape_is_never_reused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "GONE0001")
    sgw.delete_tape(GatewayARN=gateway, TapeARN=arn)
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "GONE0001")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, gateway) == []


def test_barcode_used_on_another_gateway_is_refused(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    create_barcode(sgw, first, "SHARED01")
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, second, "SHARED01")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, second) == []


# --- read-back -------------------------------------------------------------------------


def test_describe_tapes_reads_back_a_new_tape_exactly(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    before = datetime.now(timezone.utc)
    arn = create_barcode(sgw, gateway, "READ0001", size=250 * GIB)
    after = datetime.now(timezone.utc)
    answer = without_metadata(sgw.describe_tapes(GatewayARN=gateway))
    assert set(answer) == {"Tapes"}
    [tape] = answer["Tapes"]
    created = tape.pop("TapeCreatedDate")
    assert before.replace(microsecond=0) <= created <= after
    assert tape == {
        "TapeARN": arn,
        "TapeBarcode": "READ0001",
        "TapeSizeInBytes": 250 * GIB,
        "TapeStatus": "AVAILABLE",
        "TapeUsedInBytes": 0,
        "Worm": False,
    }


def test_list_tapes_reads_back_tape_info_exactly(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "LIST0001", size=300 * GIB, Worm=True,
                         KMSEncrypted=True, KMSKey=KMS_KEY)
    answer = without_metadata(sgw.list_tapes())
    assert answer == {
        "TapeInfos": [{
            "TapeARN": arn,
            "TapeBarcode": "LIST0001",
            "TapeSizeInBytes": 300 * GIB,
            "TapeStatus": "AVAILABLE",
            "GatewayARN": gateway,
        }]
    }


def test_tapes_from_create_tapes_read_back_the_same_members(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arns = create_tapes(sgw, gateway, count=3, size=400 * GIB)
    tapes = described(sgw, gateway)
    assert [set(tape) for tape in tapes] == [TAPE_KEYS] * 3
    assert {(t["TapeSizeInBytes"], t["TapeStatus"], t["TapeUsedInBytes"], t["Worm"]) for t in tapes} == {
        (400 * GIB, "AVAILABLE", 0, False)
    }
    infos = listed(sgw)
    assert sorted(arns_of(infos)) == sorted(arns)
    assert [set(info) for info in infos] == [INFO_KEYS] * 3


def test_worm_and_kms_key_are_read_back(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "WORM0001", Worm=True, KMSEncrypted=True, KMSKey=KMS_KEY)
    [tape] = described(sgw, gateway)
    tape.pop("TapeCreatedDate")
    assert tape == {
        "TapeARN": arn,
        "TapeBarcode": "WORM0001",
        "TapeSizeInBytes": 100 * GIB,
        "TapeStatus": "AVAILABLE",
        "TapeUsedInBytes": 0,
        "Worm": True,
        "KMSKey": KMS_KEY,
    }


def test_create_tapes_worm_and_kms_key_are_on_every_tape(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    create_tapes(sgw, gateway, count=2, Worm=True, KMSEncrypted=True, KMSKey=KMS_KEY)
    tapes = described(sgw, gateway)
    assert [(tape["Worm"], tape["KMSKey"]) for tape in tapes] == [(True, KMS_KEY)] * 2


@pytest.mark.parametrize("pool_id", ["GLACIER", "DEEP_ARCHIVE"])
def test_standard_pool_is_read_back_without_pool_entry_date(sgw: Any, pool_id: str) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "POOL0001", PoolId=pool_id)
    [tape] = described(sgw, gateway)
    tape.pop("TapeCreatedDate")
    assert tape == {
        "TapeARN": arn,
        "TapeBarcode": "POOL0001",
        "TapeSizeInBytes": 100 * GIB,
        "TapeStatus": "AVAILABLE",
        "TapeUsedInBytes": 0,
        "Worm": False,
        "PoolId": pool_id,
    }
    assert listed(sgw) == [{
        "TapeARN": arn,
        "TapeBarcode": "POOL0001",
        "TapeSizeInBytes": 100 * GIB,
        "TapeStatus": "AVAILABLE",
        "GatewayARN": gateway,
        "PoolId": pool_id,
    }]


def test_custom_pool_tape_has_pool_entry_date(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    pool_id = custom_pool(sgw)
    before = datetime.now(timezone.utc)
    [arn] = create_tapes(sgw, gateway, PoolId=pool_id)
    after = datetime.now(timezone.utc)
    [tape] = described(sgw, gateway)
    created = tape.pop("TapeCreatedDate")
    entered = tape.pop("PoolEntryDate")
    assert before.replace(microsecond=0) <= entered <= after
    assert entered == created
    assert tape == {
        "TapeARN": arn,
        "TapeBarcode": arn.rsplit("/", 1)[1],
        "TapeSizeInBytes": 100 * GIB,
        "TapeStatus": "AVAILABLE",
        "TapeUsedInBytes": 0,
        "Worm": False,
        "PoolId": pool_id,
    }
    [info] = listed(sgw)
    assert info.pop("PoolEntryDate") == entered
    assert info == {
        "TapeARN": arn,
        "TapeBarcode": arn.rsplit("/", 1)[1],
        "TapeSizeInBytes": 100 * GIB,
        "TapeStatus": "AVAILABLE",
        "GatewayARN": gateway,
        "PoolId": pool_id,
    }


# --- what a new tape needs ---------------------------------------------------------------


@pytest.mark.parametrize("size", [100 * GIB, 5 * TIB])
def test_smallest_and_largest_sizes_are_accepted(sgw: Any, size: int) -> None:
    gateway = tape_gateway(sgw)
    create_barcode(sgw, gateway, "SIZE0001", size=size)
    [arn] = create_tapes(sgw, gateway, size=size)
    assert {(tape["TapeARN"], tape["TapeSizeInBytes"]) for tape in described(sgw, gateway)} == {
        (TAPE_ARN_PREFIX + "SIZE0001", size), (arn, size)
    }


@pytest.mark.parametrize("size", [99 * GIB, 5 * TIB + GIB, 100 * GIB + 1, 150 * GIB + 512 * 1024**2])
def test_sizes_out_of_range_or_not_gib_aligned_are_refused(sgw: Any, size: int) -> None:
    gateway = tape_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "SIZE0002", size=size)
    assert sgw_error(exc) == INVALID_PARAMETERS
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, size=size)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, gateway) == []


def test_refused_barcode_stays_free(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "FREE0001", size=99 * GIB)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert create_barcode(sgw, gateway, "FREE0001") == TAPE_ARN_PREFIX + "FREE0001"


def test_gateway_without_cache_refuses_tapes(sgw: Any) -> None:
    gateway = tape_gateway(sgw, cache=False)
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway)
    assert sgw_error(exc) == INVALID_PARAMETERS
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "NOCACHE1")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, gateway) == []


def test_unknown_pool_id_is_refused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    unknown = UNKNOWN_POOL.rsplit("/", 1)[1]
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, PoolId=unknown)
    assert sgw_error(exc) == INVALID_PARAMETERS
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "NOPOOL01", PoolId=unknown)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, gateway) == []


def test_deleted_custom_pool_is_refused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    pool_arn = sgw.create_tape_pool(PoolName="short-lived", StorageClass="GLACIER")["PoolARN"]
    pool_id = pool_arn.rsplit("/", 1)[1]
    sgw.delete_tape_pool(PoolARN=pool_arn)
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "OLDPOOL1", PoolId=pool_id)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, gateway) == []


@pytest.mark.parametrize("kms", [{"KMSKey": KMS_KEY}, {"KMSKey": KMS_KEY, "KMSEncrypted": False}, {"KMSEncrypted": True}])
def test_kms_key_and_kms_encrypted_go_together(sgw: Any, kms: Dict[str, Any]) -> None:
    gateway = tape_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, **kms)
    assert sgw_error(exc) == INVALID_PARAMETERS
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "KMSBAD01", **kms)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert described(sgw, gateway) == []


def test_kms_encrypted_false_without_key_is_accepted(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    create_barcode(sgw, gateway, "KMSOFF01", KMSEncrypted=False)
    [tape] = described(sgw, gateway)
    assert "KMSKey" not in tape and tape["TapeBarcode"] == "KMSOFF01"


# --- quotas ----------------------------------------------------------------------------


def test_fifteen_hundred_tapes_then_the_next_is_refused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    for batch in range(150):
        create_tapes(sgw, gateway, count=10, token=f"batch-{batch:03d}")
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, token="one-too-many")
    assert sgw_error(exc) == MAX_TAPES
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "TOOMANY1")
    assert sgw_error(exc) == MAX_TAPES
    total = sum(len(page["Tapes"]) for page in pages(sgw.describe_tapes, "Tapes", 100, GatewayARN=gateway))
    assert total == 1500


def test_create_tapes_over_the_count_quota_creates_none(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    for batch in range(149):
        create_tapes(sgw, gateway, count=10, token=f"batch-{batch:03d}")
    create_tapes(sgw, gateway, count=5, token="five-more")
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, count=6, token="six-more")
    assert sgw_error(exc) == MAX_TAPES
    # exactly up to the quota is fine
    assert len(create_tapes(sgw, gateway, count=5, token="last-five")) == 5


def test_count_quota_is_per_gateway(sgw: Any) -> None:
    full = tape_gateway(sgw, "tapes-full")
    other = tape_gateway(sgw, "tapes-other")
    for batch in range(150):
        create_tapes(sgw, full, count=10, token=f"batch-{batch:03d}")
    [arn] = create_tapes(sgw, other, token="other-gateway")
    assert arns_of(described(sgw, other)) == [arn]


def test_one_pib_a_gateway_then_the_next_tape_is_refused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    for batch in range(20):
        create_tapes(sgw, gateway, count=10, size=5 * TIB, token=f"big-{batch:03d}")
    create_tapes(sgw, gateway, count=4, size=5 * TIB, token="big-four")  # 204 x 5 TiB = 1,020 TiB
    with pytest.raises(ClientError) as exc:
        create_barcode(sgw, gateway, "OVER0001", size=5 * TIB)  # 1,025 TiB
    assert sgw_error(exc) == MAX_TAPES
    create_barcode(sgw, gateway, "FULL0001", size=4 * TIB)  # exactly 1 PiB
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, token="over-by-100-gib")
    assert sgw_error(exc) == MAX_TAPES
    tapes = [tape for page in pages(sgw.describe_tapes, "Tapes", 100, GatewayARN=gateway) for tape in page["Tapes"]]
    assert len(tapes) == 205
    assert sum(tape["TapeSizeInBytes"] for tape in tapes) == PIB


# --- ClientToken -----------------------------------------------------------------------


def test_create_tapes_replay_answers_same_arns_and_creates_nothing(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    first = create_tapes(sgw, gateway, count=3, token="replay-token")
    again = create_tapes(sgw, gateway, count=3, token="replay-token")
    assert again == first
    assert sorted(arns_of(described(sgw, gateway))) == sorted(first)


def test_client_token_reused_with_other_parameters_is_refused(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    first = create_tapes(sgw, gateway, count=3, token="reused-token")
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, count=4, token="reused-token")
    assert sgw_error(exc) == INVALID_PARAMETERS
    with pytest.raises(ClientError) as exc:
        create_tapes(sgw, gateway, count=3, size=200 * GIB, token="reused-token")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert sorted(arns_of(described(sgw, gateway))) == sorted(first)


def test_same_client_token_on_another_gateway_creates_its_own_tapes(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    one = create_tapes(sgw, first, count=2, token="shared-token")
    two = create_tapes(sgw, second, count=2, token="shared-token")
    assert not set(one) & set(two)
    assert sorted(arns_of(described(sgw, second))) == sorted(two)


# --- gateway rules ---------------------------------------------------------------------


def gateway_calls(client: Any, gateway: str) -> Dict[str, Callable[[], Any]]:
    """The tape operations that name a gateway, each called on ``gateway``."""
    return {
        "CreateTapes": lambda: create_tapes(client, gateway),
        "CreateTapeWithBarcode": lambda: create_barcode(client, gateway, "RULES001"),
        "DescribeTapes": lambda: client.describe_tapes(GatewayARN=gateway),
        "DeleteTape": lambda: client.delete_tape(GatewayARN=gateway, TapeARN=UNKNOWN_TAPE),
    }


@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "FILE_S3"])
def test_tape_operations_on_other_gateway_types_are_unsupported(sgw: Any, gateway_type: str) -> None:
    gateway = activate(sgw, gateway_type, name="not-tapes")
    for name, call in gateway_calls(sgw, gateway).items():
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE, name
    # ListTapes names no gateway: it answers the account's tapes, here none.
    assert without_metadata(sgw.list_tapes()) == {"TapeInfos": []}


def test_tape_operations_on_unknown_gateway_are_not_found(sgw: Any) -> None:
    for name, call in gateway_calls(sgw, UNKNOWN_GATEWAY).items():
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == GATEWAY_NOT_FOUND, name


def test_tape_operations_on_shut_down_gateway_are_not_connected(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "SHUT0001")
    sgw.shutdown_gateway(GatewayARN=gateway)
    calls = gateway_calls(sgw, gateway)
    calls["DeleteTape"] = lambda: sgw.delete_tape(GatewayARN=gateway, TapeARN=arn)
    for name, call in calls.items():
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == GATEWAY_NOT_CONNECTED, name
    # ListTapes names no gateway and still lists the tape.
    assert arns_of(listed(sgw)) == [arn]
    sgw.start_gateway(GatewayARN=gateway)
    assert arns_of(described(sgw, gateway)) == [arn]


# --- DescribeTapes and ListTapes -------------------------------------------------------


def test_describe_tapes_answers_only_that_gateways_tapes(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    one = create_tapes(sgw, first, count=2, token="token-one")
    two = create_tapes(sgw, second, count=3, token="token-two")
    assert sorted(arns_of(described(sgw, first))) == sorted(one)
    assert sorted(arns_of(described(sgw, second))) == sorted(two)


def test_describe_tapes_of_gateway_without_tapes_is_empty(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    assert without_metadata(sgw.describe_tapes(GatewayARN=gateway)) == {"Tapes": []}


def test_describe_tapes_filter_leaves_out_unknown_and_other_gateways_tapes(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    a, b, c = create_tapes(sgw, first, count=3, token="token-one")
    [other] = create_tapes(sgw, second, token="token-two")
    tapes = described(sgw, first, TapeARNs=[a, UNKNOWN_TAPE, c, other])
    assert sorted(arns_of(tapes)) == sorted([a, c])
    assert described(sgw, first, TapeARNs=[UNKNOWN_TAPE]) == []


def test_describe_tapes_pages_with_limit_and_marker(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arns = create_tapes(sgw, gateway, count=5)
    answers = pages(sgw.describe_tapes, "Tapes", 2, GatewayARN=gateway)
    assert [len(answer["Tapes"]) for answer in answers] == [2, 2, 1]
    assert [set(without_metadata(answer)) for answer in answers] == [{"Tapes", "Marker"}] * 2 + [{"Tapes"}]
    seen = [arn for answer in answers for arn in arns_of(answer["Tapes"])]
    assert sorted(seen) == sorted(arns) and len(seen) == 5


def test_describe_tapes_exact_limit_gives_no_marker(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    create_tapes(sgw, gateway, count=3)
    answer = without_metadata(sgw.describe_tapes(GatewayARN=gateway, Limit=3))
    assert set(answer) == {"Tapes"} and len(answer["Tapes"]) == 3


def test_describe_tapes_filter_pages(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arns = create_tapes(sgw, gateway, count=5)
    wanted = arns[:3]
    answers = pages(sgw.describe_tapes, "Tapes", 2, GatewayARN=gateway, TapeARNs=wanted)
    assert [len(answer["Tapes"]) for answer in answers] == [2, 1]
    assert sorted(arn for answer in answers for arn in arns_of(answer["Tapes"])) == sorted(wanted)


def test_describe_tapes_marker_of_another_gateway_is_refused(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    create_tapes(sgw, first, count=3, token="token-one")
    create_tapes(sgw, second, count=3, token="token-two")
    marker = sgw.describe_tapes(GatewayARN=first, Limit=1)["Marker"]
    with pytest.raises(ClientError) as exc:
        sgw.describe_tapes(GatewayARN=second, Marker=marker)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_list_tapes_lists_tapes_of_every_gateway(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    one = create_tapes(sgw, first, count=2, token="token-one")
    two = create_tapes(sgw, second, count=2, token="token-two")
    infos = listed(sgw)
    assert sorted((info["TapeARN"], info["GatewayARN"]) for info in infos) == sorted(
        [(arn, first) for arn in one] + [(arn, second) for arn in two]
    )


def test_list_tapes_without_tapes_is_empty(sgw: Any) -> None:
    assert without_metadata(sgw.list_tapes()) == {"TapeInfos": []}


def test_list_tapes_filter_leaves_out_unknown_tapes(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    a, _ = create_tapes(sgw, first, count=2, token="token-one")
    [b] = create_tapes(sgw, second, token="token-two")
    assert sorted(arns_of(listed(sgw, TapeARNs=[a, UNKNOWN_TAPE, b]))) == sorted([a, b])
    assert listed(sgw, TapeARNs=[UNKNOWN_TAPE]) == []


def test_list_tapes_pages_with_limit_and_marker(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    arns = create_tapes(sgw, first, count=3, token="token-one") + create_tapes(sgw, second, count=4, token="token-two")
    answers = pages(sgw.list_tapes, "TapeInfos", 3)
    assert [len(answer["TapeInfos"]) for answer in answers] == [3, 3, 1]
    assert [set(without_metadata(answer)) for answer in answers] == [{"TapeInfos", "Marker"}] * 2 + [{"TapeInfos"}]
    seen = [arn for answer in answers for arn in arns_of(answer["TapeInfos"])]
    assert sorted(seen) == sorted(arns) and len(seen) == 7
    exact = without_metadata(sgw.list_tapes(Limit=7))
    assert set(exact) == {"TapeInfos"} and len(exact["TapeInfos"]) == 7


def test_list_tapes_paginator_covers_every_tape(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arns = create_tapes(sgw, gateway, count=5)
    seen = [
        info["TapeARN"]
        for page in sgw.get_paginator("list_tapes").paginate(PaginationConfig={"PageSize": 2})
        for info in page["TapeInfos"]
    ]
    assert sorted(seen) == sorted(arns) and len(seen) == 5


# --- DeleteTape ------------------------------------------------------------------------


def test_delete_tape_answers_its_arn_and_removes_it(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    gone, kept = create_tapes(sgw, gateway, count=2)
    answer = sgw.delete_tape(GatewayARN=gateway, TapeARN=gone)
    assert without_metadata(answer) == {"TapeARN": gone}
    assert arns_of(described(sgw, gateway)) == [kept]
    assert arns_of(listed(sgw)) == [kept]
    assert described(sgw, gateway, TapeARNs=[gone]) == []
    assert listed(sgw, TapeARNs=[gone]) == []


def test_delete_unknown_tape_is_not_found(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape(GatewayARN=gateway, TapeARN=UNKNOWN_TAPE)
    assert sgw_error(exc) == TAPE_NOT_FOUND


def test_delete_tape_twice_is_not_found(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "TWICE001")
    sgw.delete_tape(GatewayARN=gateway, TapeARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape(GatewayARN=gateway, TapeARN=arn)
    assert sgw_error(exc) == TAPE_NOT_FOUND


def test_delete_tape_of_another_gateway_is_not_found_and_keeps_it(sgw: Any) -> None:
    first = tape_gateway(sgw, "tapes-one")
    second = tape_gateway(sgw, "tapes-two")
    arn = create_barcode(sgw, first, "OTHER001")
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape(GatewayARN=second, TapeARN=arn)
    assert sgw_error(exc) == TAPE_NOT_FOUND
    assert arns_of(described(sgw, first)) == [arn]


def test_deleted_tape_takes_its_tags(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "TAGGED01", Tags=[{"Key": "team", "Value": "backup"}])
    sgw.delete_tape(GatewayARN=gateway, TapeARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=arn)
    assert sgw_error(exc) == TAPE_NOT_FOUND


# --- lifecycle -------------------------------------------------------------------------


def test_new_tape_is_creating_then_available_in_describe_tapes(sgw: Any, manual_tapes: Callable[[int], None]) -> None:
    gateway = tape_gateway(sgw)
    manual_tapes(2)
    create_barcode(sgw, gateway, "LIFE0001")
    seen = [described(sgw, gateway)[0]["TapeStatus"] for _ in range(4)]
    assert seen == ["CREATING", "AVAILABLE", "AVAILABLE", "AVAILABLE"]


def test_new_tape_is_creating_then_available_in_list_tapes(sgw: Any, manual_tapes: Callable[[int], None]) -> None:
    gateway = tape_gateway(sgw)
    manual_tapes(2)
    arn = create_barcode(sgw, gateway, "LIFE0002")
    seen = [listed(sgw, TapeARNs=[arn])[0]["TapeStatus"] for _ in range(4)]
    assert seen == ["CREATING", "AVAILABLE", "AVAILABLE", "AVAILABLE"]


def test_tapes_from_create_tapes_are_creating_then_available(sgw: Any, manual_tapes: Callable[[int], None]) -> None:
    gateway = tape_gateway(sgw)
    manual_tapes(2)
    create_tapes(sgw, gateway, count=3)
    seen = [sorted({tape["TapeStatus"] for tape in described(sgw, gateway)}) for _ in range(3)]
    assert seen == [["CREATING"], ["AVAILABLE"], ["AVAILABLE"]]


def test_new_tape_is_available_at_once_by_default(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    create_barcode(sgw, gateway, "NOW00001")
    assert [tape["TapeStatus"] for tape in described(sgw, gateway)] == ["AVAILABLE"]


# --- DeleteGateway ---------------------------------------------------------------------


def test_delete_gateway_takes_its_tapes(sgw: Any) -> None:
    doomed = tape_gateway(sgw, "tapes-doomed")
    kept = tape_gateway(sgw, "tapes-kept")
    gone = create_tapes(sgw, doomed, count=3, token="token-doomed")
    stays = create_tapes(sgw, kept, count=2, token="token-kept")
    sgw.delete_gateway(GatewayARN=doomed)
    assert sorted(arns_of(listed(sgw))) == sorted(stays)
    assert listed(sgw, TapeARNs=gone) == []
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=gone[0])
    assert sgw_error(exc) == TAPE_NOT_FOUND


# --- tags ------------------------------------------------------------------------------


def test_tags_given_at_creation_are_on_every_tape(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    tags = [{"Key": "team", "Value": "backup"}, {"Key": "env", "Value": "prod"}]
    arns = create_tapes(sgw, gateway, count=2, Tags=tags)
    arns.append(create_barcode(sgw, gateway, "TAGS0001", Tags=tags))
    for arn in arns:
        answer = without_metadata(sgw.list_tags_for_resource(ResourceARN=arn))
        assert answer == {"ResourceARN": arn, "Tags": sorted(tags, key=lambda tag: tag["Key"])}


def test_tape_without_tags_lists_none(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "NOTAGS01")
    assert without_metadata(sgw.list_tags_for_resource(ResourceARN=arn)) == {"ResourceARN": arn, "Tags": []}


def test_tags_on_a_tape_are_added_and_removed(sgw: Any) -> None:
    gateway = tape_gateway(sgw)
    arn = create_barcode(sgw, gateway, "TAGS0002")
    added = sgw.add_tags_to_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    assert without_metadata(added) == {"ResourceARN": arn}
    removed = sgw.remove_tags_from_resource(ResourceARN=arn, TagKeys=["a"])
    assert without_metadata(removed) == {"ResourceARN": arn}
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "b", "Value": "2"}]


def test_tags_on_unknown_tape_are_not_found(sgw: Any) -> None:
    calls: Dict[str, Callable[[], Any]] = {
        "AddTagsToResource": lambda: sgw.add_tags_to_resource(ResourceARN=UNKNOWN_TAPE, Tags=[{"Key": "k", "Value": "v"}]),
        "RemoveTagsFromResource": lambda: sgw.remove_tags_from_resource(ResourceARN=UNKNOWN_TAPE, TagKeys=["k"]),
        "ListTagsForResource": lambda: sgw.list_tags_for_resource(ResourceARN=UNKNOWN_TAPE),
    }
    for name, call in calls.items():
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == TAPE_NOT_FOUND, name


# --- through the server ----------------------------------------------------------------


def test_tape_round_trip_through_the_server(storagegateway_server: str) -> None:
    client = server_client(storagegateway_server)
    gateway = tape_gateway(client)
    arns = create_tapes(client, gateway, count=2, prefix="SRV")
    pattern = re.compile(r"^" + re.escape(TAPE_ARN_PREFIX) + r"SRV[0-9A-F]{6}$")
    assert all(pattern.match(arn) for arn in arns), arns
    tapes = described(client, gateway)
    assert sorted(arns_of(tapes)) == sorted(arns)
    assert [set(tape) for tape in tapes] == [TAPE_KEYS] * 2
    assert client.delete_tape(GatewayARN=gateway, TapeARN=arns[0])["TapeARN"] == arns[0]
    assert arns_of(described(client, gateway)) == [arns[1]]
    assert arns_of(listed(client)) == [arns[1]]
