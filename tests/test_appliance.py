"""The appliance side: what a gateway's iSCSI clients write shows in the API."""
from __future__ import annotations

from typing import Any, Iterator

import pytest
import requests
from moto.moto_api import state_manager

from moto_sgw import ConfigurationError, appliance, mock_storagegateway

from .conftest import GIB, cached_gateway, cached_volume, server_client, stored_gateway, stored_volume


def used(client: Any, arn: str) -> int:
    return client.describe_cached_iscsi_volumes(VolumeARNs=[arn])["CachediSCSIVolumes"][0]["VolumeUsedInBytes"]


@pytest.fixture
def mocked() -> Iterator[None]:
    with mock_storagegateway():
        yield


@pytest.fixture
def volume(sgw: Any) -> str:
    return cached_volume(sgw, cached_gateway(sgw), size=5 * GIB)


def test_a_new_volume_has_nothing_written(sgw: Any, volume: str) -> None:
    assert used(sgw, volume) == 0


def test_write_volume_shows_as_used_bytes(sgw: Any, volume: str) -> None:
    assert appliance.write_volume(volume, 3 * GIB) == {"VolumeARN": volume, "VolumeUsedInBytes": 3 * GIB}
    assert used(sgw, volume) == 3 * GIB


def test_write_volume_sets_rather_than_adds(sgw: Any, volume: str) -> None:
    appliance.write_volume(volume, 3 * GIB)
    appliance.write_volume(volume, GIB)
    assert used(sgw, volume) == GIB


def test_write_volume_is_capped_at_the_volume_size(sgw: Any, volume: str) -> None:
    assert appliance.write_volume(volume, 50 * GIB)["VolumeUsedInBytes"] == 5 * GIB
    assert used(sgw, volume) == 5 * GIB


def test_write_volume_shows_in_the_recovery_point(sgw: Any, volume: str) -> None:
    appliance.write_volume(volume, 2 * GIB)
    gateway_arn = volume.split("/volume/")[0]
    [point] = sgw.list_volume_recovery_points(GatewayARN=gateway_arn)["VolumeRecoveryPointInfos"]
    assert point["VolumeUsageInBytes"] == 2 * GIB


def test_write_to_a_stored_volume(sgw: Any) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    appliance.write_volume(arn, 7 * GIB)
    [described] = sgw.describe_stored_iscsi_volumes(VolumeARNs=[arn])["StorediSCSIVolumes"]
    assert described["VolumeUsedInBytes"] == 7 * GIB


def test_written_bytes_travel_with_a_moved_volume(sgw: Any, volume: str) -> None:
    appliance.write_volume(volume, GIB)
    other = cached_gateway(sgw)
    sgw.detach_volume(VolumeARN=volume)
    moved = sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=volume, NetworkInterfaceId=other["ip"])["VolumeARN"]
    assert used(sgw, moved) == GIB


@pytest.mark.parametrize(
    "arn, size, message",
    [
        ("not-an-arn", GIB, "not a Storage Gateway ARN: 'not-an-arn'"),
        ("arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678", GIB, "not a volume ARN"),
        (
            "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678/volume/vol-1122AABB",
            GIB,
            "no such volume: arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678/volume/vol-1122AABB",
        ),
    ],
)
def test_write_volume_refuses_what_is_not_a_volume(mocked: None, arn: str, size: int, message: str) -> None:
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_volume(arn, size)
    assert message in str(exc.value)


@pytest.mark.parametrize("size", [-1, 1.5, "10", True, None])
def test_write_volume_refuses_a_size_that_is_not_bytes(sgw: Any, volume: str, size: Any) -> None:
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_volume(volume, size)
    assert "size_in_bytes must be a whole number of bytes, 0 or more" in str(exc.value)
    assert used(sgw, volume) == 0


def test_write_volume_refuses_a_detached_volume(sgw: Any, volume: str) -> None:
    sgw.detach_volume(VolumeARN=volume)
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_volume(volume, GIB)
    assert "is DETACHED, not ATTACHED" in str(exc.value)


def test_write_volume_refuses_a_shut_down_gateway(sgw: Any, volume: str) -> None:
    sgw.shutdown_gateway(GatewayARN=volume.split("/volume/")[0])
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_volume(volume, GIB)
    assert "is not running" in str(exc.value)


@pytest.fixture
def slowed_volumes() -> Iterator[None]:
    state_manager.set_transition("storagegateway::volume", {"progression": "manual", "times": 2})
    yield
    state_manager.unset_transition("storagegateway::volume")


def test_write_volume_refuses_a_creating_volume(sgw: Any, slowed_volumes: None) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_volume(arn, GIB)
    assert "is CREATING: nothing can write to it" in str(exc.value)


def test_appliance_functions_are_listed_for_the_server() -> None:
    assert appliance.FUNCTIONS["write_volume"] is appliance.write_volume


# --- through the server ----------------------------------------------------------------


def post(url: str, name: str, body: Any) -> requests.Response:
    return requests.post(f"{url}/moto-sgw/appliance/{name}", json=body, timeout=30)


def test_server_write_volume(storagegateway_server: str) -> None:
    sgw = server_client(storagegateway_server)
    arn = cached_volume(sgw, cached_gateway(sgw))
    response = post(storagegateway_server, "write_volume", {"volume_arn": arn, "size_in_bytes": GIB})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"VolumeARN": arn, "VolumeUsedInBytes": GIB}
    assert used(sgw, arn) == GIB


def test_server_write_volume_to_an_unknown_volume_is_400(storagegateway_server: str) -> None:
    arn = "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678/volume/vol-1122AABB"
    response = post(storagegateway_server, "write_volume", {"volume_arn": arn, "size_in_bytes": 1})
    assert response.status_code == 400
    assert response.json() == {"message": f"no such volume: {arn}"}


@pytest.mark.parametrize(
    "body, message",
    [
        ({"volume_arn": "x"}, "write_volume: write_volume() missing 1 required positional argument: 'size_in_bytes'"),
        ({"volume_arn": "x", "size_in_bytes": 1, "colour": "red"}, "unexpected keyword argument 'colour'"),
        ([1, 2], "the body is not a JSON object"),
    ],
)
def test_server_appliance_bad_arguments_are_400(storagegateway_server: str, body: Any, message: str) -> None:
    response = post(storagegateway_server, "write_volume", body)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert "Traceback" not in response.text


def test_server_appliance_body_that_is_not_json_is_400(storagegateway_server: str) -> None:
    response = requests.post(
        f"{storagegateway_server}/moto-sgw/appliance/write_volume", data=b"{nope", timeout=30
    )
    assert response.status_code == 400
    assert response.json() == {"message": "the body is not a JSON object"}


def test_server_unknown_appliance_function_is_404(storagegateway_server: str) -> None:
    response = post(storagegateway_server, "melt_volume", {})
    assert response.status_code == 404
    assert "no appliance function 'melt_volume'" in response.json()["message"]
    assert "write_volume" in response.json()["message"]


def test_server_appliance_wants_post(storagegateway_server: str) -> None:
    response = requests.get(f"{storagegateway_server}/moto-sgw/appliance/write_volume", timeout=30)
    assert response.status_code == 405
    assert response.json() == {"message": "/moto-sgw/appliance/write_volume takes POST"}


def test_server_unknown_moto_sgw_endpoint_is_404(storagegateway_server: str) -> None:
    response = requests.get(f"{storagegateway_server}/moto-sgw/nothing-here", timeout=30)
    assert response.status_code == 404
    assert response.json() == {"message": "no such endpoint: /moto-sgw/nothing-here"}
