"""The appliance side of a tape gateway: what the backup application writes to and ejects from tapes.

Covers ``appliance.write_tape`` and ``appliance.eject_tape``, in-process and through the
server's ``/moto-sgw/appliance/...`` endpoints, with what DescribeTapes and
DescribeTapeArchives then show.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterator, List

import pytest
import requests
from moto.moto_api import state_manager

from moto_sgw import ConfigurationError, appliance

from .conftest import GIB, activate, disk_ids, server_client
from .expected import UNKNOWN_TAPE

SIZE = 100 * GIB


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


def described(client: Any, gateway: str, arn: str) -> Dict[str, Any]:
    [tape] = client.describe_tapes(GatewayARN=gateway, TapeARNs=[arn])["Tapes"]
    return dict(tape)


def used(client: Any, gateway: str, arn: str) -> int:
    value: int = described(client, gateway, arn)["TapeUsedInBytes"]
    return value


@pytest.fixture
def gateway(sgw: Any) -> str:
    return tape_gateway(sgw)


@pytest.fixture
def tape(sgw: Any, gateway: str) -> str:
    return new_tape(sgw, gateway, "FILL0001")


# --- write_tape ----------------------------------------------------------------------------------


def test_a_new_tape_has_nothing_written(sgw: Any, gateway: str, tape: str) -> None:
    assert used(sgw, gateway, tape) == 0


def test_write_tape_shows_as_used_bytes(sgw: Any, gateway: str, tape: str) -> None:
    assert appliance.write_tape(tape, 30 * GIB) == {"TapeARN": tape, "TapeUsedInBytes": 30 * GIB}
    assert used(sgw, gateway, tape) == 30 * GIB


def test_write_tape_sets_rather_than_adds(sgw: Any, gateway: str, tape: str) -> None:
    appliance.write_tape(tape, 30 * GIB)
    assert appliance.write_tape(tape, 10 * GIB) == {"TapeARN": tape, "TapeUsedInBytes": 10 * GIB}
    assert used(sgw, gateway, tape) == 10 * GIB


def test_write_tape_is_capped_at_the_tape_size(sgw: Any, gateway: str, tape: str) -> None:
    assert appliance.write_tape(tape, 250 * GIB) == {"TapeARN": tape, "TapeUsedInBytes": SIZE}
    assert used(sgw, gateway, tape) == SIZE


def test_write_tape_of_zero_bytes(sgw: Any, gateway: str, tape: str) -> None:
    appliance.write_tape(tape, GIB)
    assert appliance.write_tape(tape, 0) == {"TapeARN": tape, "TapeUsedInBytes": 0}
    assert used(sgw, gateway, tape) == 0


def test_write_tape_changes_only_that_tape(sgw: Any, gateway: str, tape: str) -> None:
    neighbour = new_tape(sgw, gateway, "FILL0002")
    appliance.write_tape(tape, 5 * GIB)
    assert used(sgw, gateway, neighbour) == 0
    assert used(sgw, gateway, tape) == 5 * GIB


def test_a_worm_tape_takes_one_write_only(sgw: Any, gateway: str) -> None:
    worm = new_tape(sgw, gateway, "WORM0001", Worm=True)
    assert appliance.write_tape(worm, 8 * GIB) == {"TapeARN": worm, "TapeUsedInBytes": 8 * GIB}
    with pytest.raises(ConfigurationError, match="WORM"):
        appliance.write_tape(worm, 9 * GIB)
    assert used(sgw, gateway, worm) == 8 * GIB
    assert described(sgw, gateway, worm)["Worm"] is True


def test_write_tape_to_an_unknown_tape_is_refused(sgw: Any, gateway: str) -> None:
    with pytest.raises(ConfigurationError, match=re.escape(f"no such tape: {UNKNOWN_TAPE}")):
        appliance.write_tape(UNKNOWN_TAPE, GIB)
    assert sgw.list_tapes()["TapeInfos"] == []


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678",
        "arn:aws:storagegateway:us-east-1:123456789012:tapepool/pool-12345678",
        "not an arn",
        42,
    ],
)
def test_write_tape_to_what_is_not_a_tape_is_refused(sgw: Any, tape: str, arn: Any) -> None:
    with pytest.raises(ConfigurationError, match="not a tape ARN"):
        appliance.write_tape(arn, GIB)
    assert [info["TapeARN"] for info in sgw.list_tapes()["TapeInfos"]] == [tape]


@pytest.mark.parametrize("size", [-1, -GIB, 1.5, "1", True, None])
def test_write_tape_with_a_bad_size_is_refused(sgw: Any, gateway: str, tape: str, size: Any) -> None:
    appliance.write_tape(tape, GIB)
    with pytest.raises(ConfigurationError, match="size_in_bytes"):
        appliance.write_tape(tape, size)
    assert used(sgw, gateway, tape) == GIB


def test_write_tape_to_an_archived_tape_is_refused(sgw: Any, tape: str) -> None:
    appliance.eject_tape(tape)
    with pytest.raises(ConfigurationError, match="archive"):
        appliance.write_tape(tape, GIB)
    [archive] = sgw.describe_tape_archives()["TapeArchives"]
    assert archive["TapeUsedInBytes"] == 0


def test_write_tape_on_a_shut_down_gateway_is_refused(sgw: Any, gateway: str, tape: str) -> None:
    sgw.shutdown_gateway(GatewayARN=gateway)
    with pytest.raises(ConfigurationError, match="not running"):
        appliance.write_tape(tape, GIB)
    sgw.start_gateway(GatewayARN=gateway)
    assert used(sgw, gateway, tape) == 0


def test_write_tape_on_a_disabled_gateway_is_refused(sgw: Any, gateway: str, tape: str) -> None:
    sgw.disable_gateway(GatewayARN=gateway)
    with pytest.raises(ConfigurationError):
        appliance.write_tape(tape, GIB)
    [point] = sgw.describe_tape_recovery_points(GatewayARN=gateway)["TapeRecoveryPointInfos"]
    assert point["TapeARN"] == tape


def test_write_tape_to_a_creating_tape_is_refused(sgw: Any, gateway: str) -> None:
    state_manager.set_transition("storagegateway::tape", {"progression": "manual", "times": 50})
    try:
        arn = new_tape(sgw, gateway, "NEW00001")
        with pytest.raises(ConfigurationError, match="CREATING"):
            appliance.write_tape(arn, GIB)
        assert described(sgw, gateway, arn)["TapeStatus"] == "CREATING"
    finally:
        state_manager.unset_transition("storagegateway::tape")


def test_write_tape_to_a_tape_on_its_way_to_the_archive_is_refused(sgw: Any, gateway: str, tape: str) -> None:
    state_manager.set_transition("storagegateway::tape-archival", {"progression": "manual", "times": 50})
    try:
        appliance.eject_tape(tape)
        with pytest.raises(ConfigurationError, match="IN TRANSIT TO VTS"):
            appliance.write_tape(tape, GIB)
        assert used(sgw, gateway, tape) == 0
    finally:
        state_manager.unset_transition("storagegateway::tape-archival")


# --- eject_tape ----------------------------------------------------------------------------------


def test_eject_tape_answers_the_tape_and_its_status(sgw: Any, gateway: str, tape: str) -> None:
    assert appliance.eject_tape(tape) == {"TapeARN": tape, "TapeStatus": "ARCHIVED"}
    assert sgw.describe_tapes(GatewayARN=gateway)["Tapes"] == []
    assert [a["TapeARN"] for a in sgw.describe_tape_archives()["TapeArchives"]] == [tape]


def test_eject_tape_under_a_slow_archival_answers_in_transit(sgw: Any, gateway: str, tape: str) -> None:
    state_manager.set_transition("storagegateway::tape-archival", {"progression": "manual", "times": 50})
    try:
        assert appliance.eject_tape(tape) == {"TapeARN": tape, "TapeStatus": "IN TRANSIT TO VTS"}
        assert described(sgw, gateway, tape)["TapeStatus"] == "IN TRANSIT TO VTS"
        with pytest.raises(ConfigurationError, match="cannot be ejected"):
            appliance.eject_tape(tape)
    finally:
        state_manager.unset_transition("storagegateway::tape-archival")


def test_ejecting_an_archived_tape_is_refused(sgw: Any, tape: str) -> None:
    appliance.eject_tape(tape)
    [before] = sgw.describe_tape_archives()["TapeArchives"]
    with pytest.raises(ConfigurationError, match="archive"):
        appliance.eject_tape(tape)
    assert sgw.describe_tape_archives()["TapeArchives"] == [before]


def test_ejecting_an_unknown_tape_is_refused(sgw: Any) -> None:
    with pytest.raises(ConfigurationError, match=re.escape(f"no such tape: {UNKNOWN_TAPE}")):
        appliance.eject_tape(UNKNOWN_TAPE)
    assert sgw.describe_tape_archives()["TapeArchives"] == []


def test_ejecting_what_is_not_a_tape_is_refused(sgw: Any, gateway: str) -> None:
    with pytest.raises(ConfigurationError, match="not a tape ARN"):
        appliance.eject_tape(gateway)
    assert sgw.describe_tape_archives()["TapeArchives"] == []


def test_ejecting_a_tape_on_a_shut_down_gateway_is_refused(sgw: Any, gateway: str, tape: str) -> None:
    sgw.shutdown_gateway(GatewayARN=gateway)
    with pytest.raises(ConfigurationError, match="not running"):
        appliance.eject_tape(tape)
    assert sgw.describe_tape_archives()["TapeArchives"] == []


def test_ejecting_a_recovered_tape_archives_it(sgw: Any, gateway: str, tape: str) -> None:
    new_home = tape_gateway(sgw, "new-home")
    sgw.disable_gateway(GatewayARN=gateway)
    sgw.retrieve_tape_recovery_point(TapeARN=tape, GatewayARN=new_home)
    assert appliance.eject_tape(tape) == {"TapeARN": tape, "TapeStatus": "ARCHIVED"}
    assert sgw.describe_tapes(GatewayARN=new_home)["Tapes"] == []
    assert [(a["TapeARN"], a["TapeStatus"]) for a in sgw.describe_tape_archives()["TapeArchives"]] == [
        (tape, "ARCHIVED")
    ]


def test_the_tape_functions_are_listed_for_the_server() -> None:
    assert appliance.FUNCTIONS["write_tape"] is appliance.write_tape
    assert appliance.FUNCTIONS["eject_tape"] is appliance.eject_tape


# --- through the server ----------------------------------------------------------------------------


def post(url: str, name: str, payload: Any) -> requests.Response:
    return requests.post(f"{url}/moto-sgw/appliance/{name}", json=payload, timeout=30)


@pytest.fixture
def served(storagegateway_server: str) -> Iterator[Dict[str, Any]]:
    client = server_client(storagegateway_server)
    gateway = tape_gateway(client)
    tape = new_tape(client, gateway, "SRVR0001")
    yield {"url": storagegateway_server, "client": client, "gateway": gateway, "tape": tape}


def test_server_write_tape(served: Dict[str, Any]) -> None:
    url, client, gateway, tape = served["url"], served["client"], served["gateway"], served["tape"]
    response = post(url, "write_tape", {"tape_arn": tape, "size_in_bytes": 12 * GIB})
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"TapeARN": tape, "TapeUsedInBytes": 12 * GIB}
    assert used(client, gateway, tape) == 12 * GIB


def test_server_write_tape_is_capped_at_the_tape_size(served: Dict[str, Any]) -> None:
    url, client, gateway, tape = served["url"], served["client"], served["gateway"], served["tape"]
    response = post(url, "write_tape", {"tape_arn": tape, "size_in_bytes": 10 * SIZE})
    assert response.status_code == 200, response.text
    assert response.json() == {"TapeARN": tape, "TapeUsedInBytes": SIZE}
    assert used(client, gateway, tape) == SIZE


def test_server_eject_tape(served: Dict[str, Any]) -> None:
    url, client, gateway, tape = served["url"], served["client"], served["gateway"], served["tape"]
    post(url, "write_tape", {"tape_arn": tape, "size_in_bytes": 2 * GIB})
    response = post(url, "eject_tape", {"tape_arn": tape})
    assert response.status_code == 200, response.text
    assert response.json() == {"TapeARN": tape, "TapeStatus": "ARCHIVED"}
    assert client.describe_tapes(GatewayARN=gateway)["Tapes"] == []
    archives: List[Dict[str, Any]] = client.describe_tape_archives()["TapeArchives"]
    assert [(a["TapeARN"], a["TapeStatus"], a["TapeUsedInBytes"]) for a in archives] == [
        (tape, "ARCHIVED", 2 * GIB)
    ]


def test_server_write_tape_to_an_unknown_tape_is_400(storagegateway_server: str) -> None:
    response = post(storagegateway_server, "write_tape", {"tape_arn": UNKNOWN_TAPE, "size_in_bytes": GIB})
    assert response.status_code == 400
    assert response.json() == {"message": f"no such tape: {UNKNOWN_TAPE}"}


def test_server_write_tape_with_a_negative_size_is_400(served: Dict[str, Any]) -> None:
    url, client, gateway, tape = served["url"], served["client"], served["gateway"], served["tape"]
    response = post(url, "write_tape", {"tape_arn": tape, "size_in_bytes": -1})
    assert response.status_code == 400
    assert set(response.json()) == {"message"}
    assert "size_in_bytes" in response.json()["message"]
    assert used(client, gateway, tape) == 0


def test_server_write_tape_without_a_size_is_400(served: Dict[str, Any]) -> None:
    response = post(served["url"], "write_tape", {"tape_arn": served["tape"]})
    assert response.status_code == 400
    assert set(response.json()) == {"message"}
    assert "size_in_bytes" in response.json()["message"]
    assert "Traceback" not in response.text


def test_server_eject_tape_of_an_archived_tape_is_400(served: Dict[str, Any]) -> None:
    url, client, tape = served["url"], served["client"], served["tape"]
    assert post(url, "eject_tape", {"tape_arn": tape}).status_code == 200
    response = post(url, "eject_tape", {"tape_arn": tape})
    assert response.status_code == 400
    assert set(response.json()) == {"message"}
    assert tape in response.json()["message"]
    assert [a["TapeStatus"] for a in client.describe_tape_archives()["TapeArchives"]] == ["ARCHIVED"]


def test_server_eject_tape_of_an_unknown_tape_is_400(storagegateway_server: str) -> None:
    response = post(storagegateway_server, "eject_tape", {"tape_arn": UNKNOWN_TAPE})
    assert response.status_code == 400
    assert response.json() == {"message": f"no such tape: {UNKNOWN_TAPE}"}


def test_server_eject_tape_with_an_unexpected_argument_is_400(served: Dict[str, Any]) -> None:
    url, client, gateway, tape = served["url"], served["client"], served["gateway"], served["tape"]
    response = post(url, "eject_tape", {"tape_arn": tape, "force": True})
    assert response.status_code == 400
    assert "unexpected keyword argument 'force'" in response.json()["message"]
    assert [t["TapeStatus"] for t in client.describe_tapes(GatewayARN=gateway)["Tapes"]] == ["AVAILABLE"]
