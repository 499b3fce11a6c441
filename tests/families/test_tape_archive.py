"""The archive (VTS) and the recovery of a failed tape gateway.

Covers DescribeTapeArchives, RetrieveTapeArchive, CancelArchival, CancelRetrieval,
DeleteTapeArchive, DisableGateway, DescribeTapeRecoveryPoints and RetrieveTapeRecoveryPoint,
with DescribeTapes, ListTapes and DeleteTape where they show the consequences. A tape is
archived only by the backup application's eject (``moto_sgw.appliance.eject_tape``), as on AWS.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator, List

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_sgw import ConfigurationError, appliance

from ..conftest import GIB, activate, disk_ids, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    TAPE_NOT_FOUND,
    UNKNOWN_GATEWAY,
    UNKNOWN_TAPE,
    UNSUPPORTED_FOR_TYPE,
)

SIZE = 100 * GIB
ARCHIVAL = "storagegateway::tape-archival"
RETRIEVAL = "storagegateway::tape-retrieval"
SLACK = timedelta(seconds=1)


# --- helpers -------------------------------------------------------------------------------------


def tape_gateway(client: Any, name: str = "tapes") -> str:
    """A VTL gateway with cache and an upload buffer (what tapes need)."""
    arn = activate(client, "VTL", name=name)
    disks = disk_ids(client, arn)
    client.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    client.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    return arn


def new_tape(client: Any, gateway: str, barcode: str, size: int = SIZE, **extra: Any) -> str:
    arn: str = client.create_tape_with_barcode(
        GatewayARN=gateway, TapeSizeInBytes=size, TapeBarcode=barcode, **extra
    )["TapeARN"]
    return arn


def archived_tape(client: Any, gateway: str, barcode: str, **extra: Any) -> str:
    """A tape ejected (immediately archived under the default transition)."""
    arn = new_tape(client, gateway, barcode, **extra)
    appliance.eject_tape(arn)
    return arn


def body(response: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def tapes_on(client: Any, gateway: str) -> List[Dict[str, Any]]:
    tapes: List[Dict[str, Any]] = client.describe_tapes(GatewayARN=gateway)["Tapes"]
    return tapes


def statuses_on(client: Any, gateway: str) -> List[str]:
    return [tape["TapeStatus"] for tape in tapes_on(client, gateway)]


def archives(client: Any, **kwargs: Any) -> List[Dict[str, Any]]:
    found: List[Dict[str, Any]] = client.describe_tape_archives(**kwargs)["TapeArchives"]
    return found


def now() -> datetime:
    return datetime.now(timezone.utc)


@pytest.fixture
def gateway(sgw: Any) -> str:
    return tape_gateway(sgw, "tapes")


@pytest.fixture
def other(sgw: Any) -> str:
    return tape_gateway(sgw, "other-tapes")


@pytest.fixture
def slow_archival() -> Iterator[None]:
    state_manager.set_transition(ARCHIVAL, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(ARCHIVAL)


@pytest.fixture
def slow_retrieval() -> Iterator[None]:
    # Slow enough that no test here sees it finish.
    state_manager.set_transition(RETRIEVAL, {"progression": "manual", "times": 50})
    try:
        yield
    finally:
        state_manager.unset_transition(RETRIEVAL)


# --- DescribeTapeArchives ------------------------------------------------------------------------


def test_a_new_account_has_no_tape_archives(sgw: Any) -> None:
    assert body(sgw.describe_tape_archives()) == {"TapeArchives": []}


def test_an_ejected_tape_is_gone_from_its_gateway(sgw: Any, gateway: str) -> None:
    kept = new_tape(sgw, gateway, "KEEP0001")
    ejected = new_tape(sgw, gateway, "EJCT0001")
    answer = appliance.eject_tape(ejected)
    assert answer == {"TapeARN": ejected, "TapeStatus": "ARCHIVED"}
    assert [tape["TapeARN"] for tape in tapes_on(sgw, gateway)] == [kept]


def test_an_ejected_tape_is_in_the_archive_with_exactly_the_archive_members(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "ARCH0001", size=200 * GIB, PoolId="GLACIER")
    [created] = tapes_on(sgw, gateway)
    appliance.write_tape(arn, 7 * GIB)
    before = now()
    appliance.eject_tape(arn)
    after = now()
    [archive] = archives(sgw)
    completion = archive.pop("CompletionTime")
    assert before - SLACK <= completion <= after + SLACK
    assert archive == {
        "TapeARN": arn,
        "TapeBarcode": "ARCH0001",
        "TapeCreatedDate": created["TapeCreatedDate"],
        "TapeSizeInBytes": 200 * GIB,
        "TapeStatus": "ARCHIVED",
        "TapeUsedInBytes": 7 * GIB,
        "PoolId": "GLACIER",
        "Worm": False,
    }


def test_an_archived_tape_without_a_pool_has_no_pool_id(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "NOPL0001", Worm=True)
    appliance.eject_tape(arn)
    [archive] = archives(sgw)
    archive.pop("CompletionTime")
    archive.pop("TapeCreatedDate")
    assert archive == {
        "TapeARN": arn,
        "TapeBarcode": "NOPL0001",
        "TapeSizeInBytes": SIZE,
        "TapeStatus": "ARCHIVED",
        "TapeUsedInBytes": 0,
        "Worm": True,
    }


def test_list_tapes_shows_an_archived_tape_without_a_gateway(sgw: Any, gateway: str) -> None:
    on_gateway = new_tape(sgw, gateway, "LIST0001")
    arn = archived_tape(sgw, gateway, "LIST0002", PoolId="DEEP_ARCHIVE")
    infos = {info["TapeARN"]: info for info in sgw.list_tapes()["TapeInfos"]}
    assert infos[arn] == {
        "TapeARN": arn,
        "TapeBarcode": "LIST0002",
        "TapeSizeInBytes": SIZE,
        "TapeStatus": "ARCHIVED",
        "PoolId": "DEEP_ARCHIVE",
    }
    assert infos[on_gateway]["GatewayARN"] == gateway
    assert infos[on_gateway]["TapeStatus"] == "AVAILABLE"


def test_describe_tape_archives_of_chosen_tapes(sgw: Any, gateway: str) -> None:
    first = archived_tape(sgw, gateway, "PICK0001")
    archived_tape(sgw, gateway, "PICK0002")
    third = archived_tape(sgw, gateway, "PICK0003")
    chosen = archives(sgw, TapeARNs=[third, first])
    assert sorted(archive["TapeARN"] for archive in chosen) == [first, third]


def test_ejected_tape_goes_in_transit_then_archiving_then_to_the_archive(
    sgw: Any, gateway: str, slow_archival: None
) -> None:
    arn = new_tape(sgw, gateway, "SLOW0001")
    assert appliance.eject_tape(arn) == {"TapeARN": arn, "TapeStatus": "IN TRANSIT TO VTS"}
    # Every second reporting call moves it one state; the archive is never shown a tape on its way.
    seen = [statuses_on(sgw, gateway) for _ in range(4)]
    assert seen == [["IN TRANSIT TO VTS"], ["ARCHIVING"], ["ARCHIVING"], []]
    assert [(archive["TapeARN"], archive["TapeStatus"]) for archive in archives(sgw)] == [(arn, "ARCHIVED")]


def test_list_tapes_never_shows_an_archived_tape_on_a_gateway(sgw: Any, gateway: str, slow_archival: None) -> None:
    arn = new_tape(sgw, gateway, "SLOW0002")
    appliance.eject_tape(arn)
    seen = []
    for _ in range(4):
        [info] = sgw.list_tapes()["TapeInfos"]
        seen.append((info["TapeARN"], info["TapeStatus"], info.get("GatewayARN")))
    assert seen == [
        (arn, "IN TRANSIT TO VTS", gateway),
        (arn, "ARCHIVING", gateway),
        (arn, "ARCHIVING", gateway),
        (arn, "ARCHIVED", None),
    ]


def test_a_tape_on_its_way_to_the_archive_is_not_yet_in_it(sgw: Any, gateway: str, slow_archival: None) -> None:
    arn = new_tape(sgw, gateway, "WAY00001")
    appliance.eject_tape(arn)
    assert archives(sgw) == []
    [info] = sgw.list_tapes()["TapeInfos"]
    assert (info["TapeStatus"], info["GatewayARN"]) == ("IN TRANSIT TO VTS", gateway)


def test_describe_tape_archives_pages_with_limit_and_marker(sgw: Any, gateway: str) -> None:
    made = sorted(archived_tape(sgw, gateway, f"PAGE000{n}") for n in range(1, 4))
    first = sgw.describe_tape_archives(Limit=2)
    assert len(first["TapeArchives"]) == 2
    assert first["Marker"]
    second = sgw.describe_tape_archives(Limit=2, Marker=first["Marker"])
    assert len(second["TapeArchives"]) == 1
    assert "Marker" not in second
    seen = [archive["TapeARN"] for archive in first["TapeArchives"] + second["TapeArchives"]]
    assert sorted(seen) == made
    assert len(set(seen)) == 3


def test_describe_tape_archives_refuses_a_marker_of_another_operation(sgw: Any, gateway: str) -> None:
    for n in range(1, 3):
        new_tape(sgw, gateway, f"MARK000{n}")
    marker = sgw.describe_tapes(GatewayARN=gateway, Limit=1)["Marker"]
    with pytest.raises(ClientError) as exc:
        sgw.describe_tape_archives(Limit=1, Marker=marker)
    assert sgw_error(exc) == INVALID_PARAMETERS


# --- CancelArchival --------------------------------------------------------------------------------


def test_cancel_archival_in_transit_puts_the_tape_back_on_its_gateway(
    sgw: Any, gateway: str, slow_archival: None
) -> None:
    arn = new_tape(sgw, gateway, "BACK0001")
    appliance.eject_tape(arn)
    assert body(sgw.cancel_archival(GatewayARN=gateway, TapeARN=arn)) == {"TapeARN": arn}
    # It stays AVAILABLE on its gateway, however often it is reported, and is never archived.
    assert [statuses_on(sgw, gateway) for _ in range(5)] == [["AVAILABLE"]] * 5
    assert archives(sgw) == []
    [info] = sgw.list_tapes()["TapeInfos"]
    assert (info["TapeStatus"], info["GatewayARN"]) == ("AVAILABLE", gateway)


def test_a_tape_whose_archival_was_cancelled_can_be_written_again(
    sgw: Any, gateway: str, slow_archival: None
) -> None:
    arn = new_tape(sgw, gateway, "BACK0002")
    appliance.eject_tape(arn)
    sgw.cancel_archival(GatewayARN=gateway, TapeARN=arn)
    assert appliance.write_tape(arn, GIB) == {"TapeARN": arn, "TapeUsedInBytes": GIB}


def test_cancel_archival_while_archiving_is_refused(sgw: Any, gateway: str, slow_archival: None) -> None:
    arn = new_tape(sgw, gateway, "LATE0001")
    appliance.eject_tape(arn)
    assert [statuses_on(sgw, gateway) for _ in range(2)] == [["IN TRANSIT TO VTS"], ["ARCHIVING"]]
    with pytest.raises(ClientError) as exc:
        sgw.cancel_archival(GatewayARN=gateway, TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, gateway) == ["ARCHIVING"]


def test_cancel_archival_of_an_available_tape_is_refused(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "AVAL0001")
    with pytest.raises(ClientError) as exc:
        sgw.cancel_archival(GatewayARN=gateway, TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, gateway) == ["AVAILABLE"]


def test_cancel_archival_of_an_archived_tape_is_tape_not_found_on_the_gateway(sgw: Any, gateway: str) -> None:
    arn = archived_tape(sgw, gateway, "DONE0001")
    with pytest.raises(ClientError) as exc:
        sgw.cancel_archival(GatewayARN=gateway, TapeARN=arn)
    assert sgw_error(exc) == TAPE_NOT_FOUND
    assert [archive["TapeStatus"] for archive in archives(sgw)] == ["ARCHIVED"]


def test_cancel_archival_with_a_tape_of_another_gateway_is_tape_not_found(
    sgw: Any, gateway: str, other: str, slow_archival: None
) -> None:
    arn = new_tape(sgw, gateway, "ELSE0001")
    appliance.eject_tape(arn)
    with pytest.raises(ClientError) as exc:
        sgw.cancel_archival(GatewayARN=other, TapeARN=arn)
    assert sgw_error(exc) == TAPE_NOT_FOUND
    assert statuses_on(sgw, gateway) == ["IN TRANSIT TO VTS"]


def test_cancel_archival_of_an_unknown_tape_is_tape_not_found(sgw: Any, gateway: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.cancel_archival(GatewayARN=gateway, TapeARN=UNKNOWN_TAPE)
    assert sgw_error(exc) == TAPE_NOT_FOUND


def test_cancel_archival_on_a_cached_gateway_is_unsupported(sgw: Any) -> None:
    cached = activate(sgw, "CACHED", name="volumes")
    with pytest.raises(ClientError) as exc:
        sgw.cancel_archival(GatewayARN=cached, TapeARN=UNKNOWN_TAPE)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# --- RetrieveTapeArchive --------------------------------------------------------------------------


def test_retrieve_tape_archive_to_another_gateway(sgw: Any, gateway: str, other: str) -> None:
    arn = new_tape(sgw, gateway, "RTRV0001", PoolId="GLACIER")
    [created] = tapes_on(sgw, gateway)
    appliance.write_tape(arn, 3 * GIB)
    appliance.eject_tape(arn)
    assert body(sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)) == {"TapeARN": arn}
    assert tapes_on(sgw, other) == [
        {
            "TapeARN": arn,
            "TapeBarcode": "RTRV0001",
            "TapeCreatedDate": created["TapeCreatedDate"],
            "TapeSizeInBytes": SIZE,
            "TapeStatus": "RETRIEVED",
            "TapeUsedInBytes": 3 * GIB,
            "PoolId": "GLACIER",
            "Worm": False,
        }
    ]
    assert tapes_on(sgw, gateway) == []


def test_a_retrieved_tape_stays_in_the_archive_retrieved_to_its_gateway(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "RTRV0002")
    [before] = archives(sgw)
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    [archive] = archives(sgw)
    assert archive == {**before, "TapeStatus": "RETRIEVED", "RetrievedTo": other}
    [info] = sgw.list_tapes()["TapeInfos"]
    assert (info["TapeStatus"], info["GatewayARN"]) == ("RETRIEVED", other)


def test_retrieve_tape_archive_to_the_gateway_it_came_from(sgw: Any, gateway: str) -> None:
    arn = archived_tape(sgw, gateway, "HOME0001")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=gateway)
    assert statuses_on(sgw, gateway) == ["RETRIEVED"]


def test_a_retrieved_tape_cannot_be_retrieved_again(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "TWCE0001")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    for target in (gateway, other):
        with pytest.raises(ClientError) as exc:
            sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=target)
        assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, other) == ["RETRIEVED"]
    assert tapes_on(sgw, gateway) == []


def test_retrieve_tape_archive_of_a_tape_not_archived_is_refused(sgw: Any, gateway: str, other: str) -> None:
    arn = new_tape(sgw, gateway, "VTL00001")
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert tapes_on(sgw, other) == []
    assert statuses_on(sgw, gateway) == ["AVAILABLE"]


def test_retrieve_tape_archive_of_a_tape_on_its_way_is_refused(
    sgw: Any, gateway: str, other: str, slow_archival: None
) -> None:
    arn = new_tape(sgw, gateway, "VTL00002")
    appliance.eject_tape(arn)
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_retrieve_tape_archive_to_a_cached_gateway_is_unsupported(sgw: Any, gateway: str) -> None:
    arn = archived_tape(sgw, gateway, "CACH0001")
    cached = activate(sgw, "CACHED", name="volumes")
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=cached)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    assert [archive["TapeStatus"] for archive in archives(sgw)] == ["ARCHIVED"]


def test_retrieve_tape_archive_of_an_unknown_tape_is_tape_not_found(sgw: Any, gateway: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_archive(TapeARN=UNKNOWN_TAPE, GatewayARN=gateway)
    assert sgw_error(exc) == TAPE_NOT_FOUND


def test_retrieve_tape_archive_to_an_unknown_gateway_is_gateway_not_found(sgw: Any, gateway: str) -> None:
    arn = archived_tape(sgw, gateway, "NOGW0001")
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_retrieval_is_retrieving_then_retrieved(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "STEP0001")
    state_manager.set_transition(RETRIEVAL, {"progression": "manual", "times": 2})
    try:
        sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
        assert [statuses_on(sgw, other) for _ in range(3)] == [["RETRIEVING"], ["RETRIEVED"], ["RETRIEVED"]]
    finally:
        state_manager.unset_transition(RETRIEVAL)


def test_a_retrieving_tape_is_retrieving_in_the_archive(
    sgw: Any, gateway: str, other: str, slow_retrieval: None
) -> None:
    arn = archived_tape(sgw, gateway, "STEP0002")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    [archive] = archives(sgw)
    assert (archive["TapeStatus"], archive["RetrievedTo"]) == ("RETRIEVING", other)
    assert statuses_on(sgw, other) == ["RETRIEVING"]


# --- CancelRetrieval --------------------------------------------------------------------------------


def test_cancel_retrieval_returns_the_tape_to_the_archive(
    sgw: Any, gateway: str, other: str, slow_retrieval: None
) -> None:
    arn = archived_tape(sgw, gateway, "UNDO0001")
    [before] = archives(sgw)
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    assert statuses_on(sgw, other) == ["RETRIEVING"]
    assert body(sgw.cancel_retrieval(GatewayARN=other, TapeARN=arn)) == {"TapeARN": arn}
    assert tapes_on(sgw, other) == []
    assert archives(sgw) == [before]
    assert "RetrievedTo" not in before
    [info] = sgw.list_tapes()["TapeInfos"]
    assert info["TapeStatus"] == "ARCHIVED"
    assert "GatewayARN" not in info


def test_a_tape_whose_retrieval_was_cancelled_can_be_retrieved_again(
    sgw: Any, gateway: str, other: str, slow_retrieval: None
) -> None:
    arn = archived_tape(sgw, gateway, "UNDO0002")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    sgw.cancel_retrieval(GatewayARN=other, TapeARN=arn)
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=gateway)
    assert statuses_on(sgw, gateway) == ["RETRIEVING"]


def test_cancel_retrieval_of_a_retrieved_tape_is_refused(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "UNDO0003")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    with pytest.raises(ClientError) as exc:
        sgw.cancel_retrieval(GatewayARN=other, TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, other) == ["RETRIEVED"]


def test_cancel_retrieval_of_an_available_tape_is_refused(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "UNDO0004")
    with pytest.raises(ClientError) as exc:
        sgw.cancel_retrieval(GatewayARN=gateway, TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cancel_retrieval_on_the_wrong_gateway_is_tape_not_found(
    sgw: Any, gateway: str, other: str, slow_retrieval: None
) -> None:
    arn = archived_tape(sgw, gateway, "UNDO0005")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    with pytest.raises(ClientError) as exc:
        sgw.cancel_retrieval(GatewayARN=gateway, TapeARN=arn)
    assert sgw_error(exc) == TAPE_NOT_FOUND
    assert statuses_on(sgw, other) == ["RETRIEVING"]


def test_cancel_retrieval_of_an_unknown_tape_is_tape_not_found(sgw: Any, gateway: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.cancel_retrieval(GatewayARN=gateway, TapeARN=UNKNOWN_TAPE)
    assert sgw_error(exc) == TAPE_NOT_FOUND


# --- retrieved tapes: read-only, back to the archive by an eject ----------------------------------


def test_a_retrieved_tape_is_read_only(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "READ0001")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    with pytest.raises(ConfigurationError):
        appliance.write_tape(arn, GIB)
    assert tapes_on(sgw, other)[0]["TapeUsedInBytes"] == 0


def test_ejecting_a_retrieved_tape_sends_it_back_to_the_archive_at_once(
    sgw: Any, gateway: str, other: str, slow_archival: None
) -> None:
    arn = new_tape(sgw, gateway, "READ0002")
    appliance.eject_tape(arn)
    for _ in range(4):
        statuses_on(sgw, gateway)
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    assert appliance.eject_tape(arn) == {"TapeARN": arn, "TapeStatus": "ARCHIVED"}
    assert tapes_on(sgw, other) == []
    [archive] = archives(sgw)
    assert archive["TapeStatus"] == "ARCHIVED"
    assert "RetrievedTo" not in archive


def test_a_tape_ejected_after_retrieval_can_be_retrieved_to_another_gateway(
    sgw: Any, gateway: str, other: str
) -> None:
    arn = archived_tape(sgw, gateway, "READ0003")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    appliance.eject_tape(arn)
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=gateway)
    assert statuses_on(sgw, gateway) == ["RETRIEVED"]
    assert [archive["RetrievedTo"] for archive in archives(sgw)] == [gateway]


# --- DeleteTapeArchive, DeleteTape of a retrieved tape --------------------------------------------


def test_delete_tape_archive_removes_an_archived_tape(sgw: Any, gateway: str) -> None:
    kept = archived_tape(sgw, gateway, "KEEP0002")
    arn = archived_tape(sgw, gateway, "GONE0001")
    assert body(sgw.delete_tape_archive(TapeARN=arn)) == {"TapeARN": arn}
    assert [archive["TapeARN"] for archive in archives(sgw)] == [kept]
    assert [info["TapeARN"] for info in sgw.list_tapes()["TapeInfos"]] == [kept]
    assert archives(sgw, TapeARNs=[arn]) == []


def test_the_barcode_of_a_deleted_archived_tape_cannot_be_reused(sgw: Any, gateway: str) -> None:
    arn = archived_tape(sgw, gateway, "GONE0002")
    sgw.delete_tape_archive(TapeARN=arn)
    with pytest.raises(ClientError) as exc:
        new_tape(sgw, gateway, "GONE0002")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert tapes_on(sgw, gateway) == []


def test_delete_tape_archive_of_a_tape_on_a_gateway_is_refused(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "HERE0001")
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape_archive(TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, gateway) == ["AVAILABLE"]


def test_delete_tape_archive_of_a_retrieved_tape_is_refused(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "HERE0002")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape_archive(TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert [archive["TapeStatus"] for archive in archives(sgw)] == ["RETRIEVED"]


def test_delete_tape_archive_of_an_unknown_tape_is_tape_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape_archive(TapeARN=UNKNOWN_TAPE)
    assert sgw_error(exc) == TAPE_NOT_FOUND


def test_delete_tape_of_a_retrieved_tape_is_refused(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "HERE0003")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    with pytest.raises(ClientError) as exc:
        sgw.delete_tape(GatewayARN=other, TapeARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, other) == ["RETRIEVED"]


def test_a_retrieved_tape_ejected_back_can_be_deleted_from_the_archive(sgw: Any, gateway: str, other: str) -> None:
    arn = archived_tape(sgw, gateway, "HERE0004")
    sgw.retrieve_tape_archive(TapeARN=arn, GatewayARN=other)
    appliance.eject_tape(arn)
    assert body(sgw.delete_tape_archive(TapeARN=arn)) == {"TapeARN": arn}
    assert archives(sgw) == []


# --- DisableGateway ---------------------------------------------------------------------------------


def test_disable_gateway_answers_its_arn_and_lists_it_disabled(sgw: Any, gateway: str, other: str) -> None:
    assert body(sgw.disable_gateway(GatewayARN=gateway)) == {"GatewayARN": gateway}
    states = {info["GatewayARN"]: info["GatewayOperationalState"] for info in sgw.list_gateways()["Gateways"]}
    assert states == {gateway: "DISABLED", other: "ACTIVE"}


def test_disable_gateway_gives_each_tape_one_recovery_point(sgw: Any, gateway: str) -> None:
    small = new_tape(sgw, gateway, "RCVR0001")
    large = new_tape(sgw, gateway, "RCVR0002", size=300 * GIB)
    before = now()
    sgw.disable_gateway(GatewayARN=gateway)
    after = now()
    answer = body(sgw.describe_tape_recovery_points(GatewayARN=gateway))
    points = answer.pop("TapeRecoveryPointInfos")
    assert answer == {"GatewayARN": gateway}
    for point in points:
        taken = point.pop("TapeRecoveryPointTime")
        assert before - SLACK <= taken <= after + SLACK
    assert sorted(points, key=lambda point: point["TapeARN"]) == [
        {"TapeARN": small, "TapeSizeInBytes": SIZE, "TapeStatus": "AVAILABLE"},
        {"TapeARN": large, "TapeSizeInBytes": 300 * GIB, "TapeStatus": "AVAILABLE"},
    ]


def test_archived_tapes_get_no_recovery_point(sgw: Any, gateway: str) -> None:
    kept = new_tape(sgw, gateway, "RCVR0003")
    archived_tape(sgw, gateway, "RCVR0004")
    sgw.disable_gateway(GatewayARN=gateway)
    points = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert [point["TapeARN"] for point in points] == [kept]


def test_a_gateway_never_disabled_has_no_recovery_points(sgw: Any, gateway: str) -> None:
    new_tape(sgw, gateway, "RCVR0005")
    answer = body(sgw.describe_tape_recovery_points(GatewayARN=gateway))
    assert answer == {"GatewayARN": gateway, "TapeRecoveryPointInfos": []}


def test_a_disabled_gateway_is_not_connected_for_tapes(sgw: Any, gateway: str) -> None:
    new_tape(sgw, gateway, "RCVR0006")
    sgw.disable_gateway(GatewayARN=gateway)
    with pytest.raises(ClientError) as exc:
        sgw.create_tapes(
            GatewayARN=gateway, TapeSizeInBytes=SIZE, ClientToken="after-disable", NumTapesToCreate=1,
            TapeBarcodePrefix="DIS",
        )
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    with pytest.raises(ClientError) as exc:
        sgw.describe_tapes(GatewayARN=gateway)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    with pytest.raises(ClientError) as exc:
        new_tape(sgw, gateway, "RCVR0007")
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_disable_gateway_again_succeeds_and_keeps_its_points(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "RCVR0008")
    sgw.disable_gateway(GatewayARN=gateway)
    first = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert body(sgw.disable_gateway(GatewayARN=gateway)) == {"GatewayARN": gateway}
    again = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert again == first
    assert [point["TapeARN"] for point in again] == [arn]


def test_disable_gateway_of_a_shut_down_gateway(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "RCVR0009")
    sgw.shutdown_gateway(GatewayARN=gateway)
    assert body(sgw.disable_gateway(GatewayARN=gateway)) == {"GatewayARN": gateway}
    points = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert [point["TapeARN"] for point in points] == [arn]


@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "FILE_S3"])
def test_disable_gateway_of_a_non_tape_gateway_is_unsupported(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type, name="not-tapes")
    with pytest.raises(ClientError) as exc:
        sgw.disable_gateway(GatewayARN=arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    [info] = sgw.list_gateways()["Gateways"]
    assert info["GatewayOperationalState"] == "ACTIVE"


def test_disable_gateway_of_an_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.disable_gateway(GatewayARN=UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_describe_tape_recovery_points_of_a_cached_gateway_is_unsupported(sgw: Any) -> None:
    cached = activate(sgw, "CACHED", name="volumes")
    with pytest.raises(ClientError) as exc:
        sgw.describe_tape_recovery_points(GatewayARN=cached)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_describe_tape_recovery_points_pages_with_limit_and_marker(sgw: Any, gateway: str) -> None:
    made = sorted(new_tape(sgw, gateway, f"RPAG000{n}") for n in range(1, 4))
    sgw.disable_gateway(GatewayARN=gateway)
    first = sgw.describe_tape_recovery_points(GatewayARN=gateway, Limit=2)
    assert len(first["TapeRecoveryPointInfos"]) == 2
    assert first["Marker"]
    second = sgw.describe_tape_recovery_points(GatewayARN=gateway, Limit=2, Marker=first["Marker"])
    assert len(second["TapeRecoveryPointInfos"]) == 1
    assert "Marker" not in second
    seen = [point["TapeARN"] for point in first["TapeRecoveryPointInfos"] + second["TapeRecoveryPointInfos"]]
    assert sorted(seen) == made
    assert len(set(seen)) == 3


# --- RetrieveTapeRecoveryPoint ----------------------------------------------------------------------


def test_retrieve_tape_recovery_point_recovers_the_tape_onto_another_gateway(
    sgw: Any, gateway: str, other: str
) -> None:
    arn = new_tape(sgw, gateway, "SAVE0001", PoolId="GLACIER")
    [created] = tapes_on(sgw, gateway)
    appliance.write_tape(arn, 4 * GIB)
    sgw.disable_gateway(GatewayARN=gateway)
    assert body(sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=other)) == {"TapeARN": arn}
    assert tapes_on(sgw, other) == [{**created, "TapeStatus": "RECOVERED", "TapeUsedInBytes": 4 * GIB}]
    infos = sgw.list_tapes()["TapeInfos"]
    assert [(info["TapeARN"], info["TapeStatus"], info["GatewayARN"]) for info in infos] == [
        (arn, "RECOVERED", other)
    ]


def test_a_recovered_tape_keeps_its_tags(sgw: Any, gateway: str, other: str) -> None:
    tags = [{"Key": "backup-set", "Value": "weekly"}, {"Key": "owner", "Value": "ops"}]
    arn = new_tape(sgw, gateway, "SAVE0002", Tags=tags)
    sgw.disable_gateway(GatewayARN=gateway)
    sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=other)
    listed = sgw.list_tags_for_resource(ResourceARN=arn)["Tags"]
    assert sorted(listed, key=lambda tag: tag["Key"]) == tags


def test_a_retrieved_recovery_point_is_gone(sgw: Any, gateway: str, other: str) -> None:
    moved = new_tape(sgw, gateway, "SAVE0003")
    left = new_tape(sgw, gateway, "SAVE0004")
    sgw.disable_gateway(GatewayARN=gateway)
    sgw.retrieve_tape_recovery_point(TapeARN=moved, GatewayARN=other)
    points = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert [point["TapeARN"] for point in points] == [left]


def test_a_recovered_tape_is_read_only(sgw: Any, gateway: str, other: str) -> None:
    arn = new_tape(sgw, gateway, "SAVE0005")
    sgw.disable_gateway(GatewayARN=gateway)
    sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=other)
    with pytest.raises(ConfigurationError):
        appliance.write_tape(arn, GIB)
    assert tapes_on(sgw, other)[0]["TapeUsedInBytes"] == 0


def test_a_recovery_point_can_be_retrieved_only_once(sgw: Any, gateway: str, other: str) -> None:
    arn = new_tape(sgw, gateway, "SAVE0006")
    third = tape_gateway(sgw, "third-tapes")
    sgw.disable_gateway(GatewayARN=gateway)
    sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=other)
    for target in (other, third):
        with pytest.raises(ClientError) as exc:
            sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=target)
        assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, other) == ["RECOVERED"]
    assert tapes_on(sgw, third) == []


def test_retrieve_tape_recovery_point_to_the_disabled_gateway_is_not_connected(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "SAVE0007")
    sgw.disable_gateway(GatewayARN=gateway)
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=gateway)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    points = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert [point["TapeARN"] for point in points] == [arn]


def test_retrieve_tape_recovery_point_to_a_cached_gateway_is_unsupported(sgw: Any, gateway: str) -> None:
    arn = new_tape(sgw, gateway, "SAVE0008")
    sgw.disable_gateway(GatewayARN=gateway)
    cached = activate(sgw, "CACHED", name="volumes")
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=cached)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_retrieve_tape_recovery_point_of_a_tape_without_one_is_refused(sgw: Any, gateway: str, other: str) -> None:
    arn = new_tape(sgw, gateway, "SAVE0009")
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_recovery_point(TapeARN=arn, GatewayARN=other)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert statuses_on(sgw, gateway) == ["AVAILABLE"]
    assert tapes_on(sgw, other) == []


def test_retrieve_tape_recovery_point_of_an_unknown_tape_is_tape_not_found(sgw: Any, gateway: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.retrieve_tape_recovery_point(TapeARN=UNKNOWN_TAPE, GatewayARN=gateway)
    assert sgw_error(exc) == TAPE_NOT_FOUND
