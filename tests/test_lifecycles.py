"""Lifecycles under moto's state manager: slowed resources, their states, and what they refuse.

moto's own progression: with ``{"progression": "manual", "times": N}`` the N-th call that
reports a resource after it entered a state reports the next state.
"""
from __future__ import annotations

import time
from typing import Any, Iterator, List

import pytest
import requests
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from .conftest import (
    ACTIVATION_KEY,
    activate,
    cached_gateway,
    cached_volume,
    server_client,
    sgw_error,
    stored_gateway,
    stored_volume,
)
from .expected import GATEWAY_NOT_CONNECTED, VOLUME_NOT_READY

MODELS = (
    "storagegateway::gateway",
    "storagegateway::volume",
    "storagegateway::volume-attachment",
    "storagegateway::availability-monitor-test",
)


@pytest.fixture(autouse=True)
def unset_transitions() -> Iterator[None]:
    yield
    for model in MODELS:
        state_manager.unset_transition(model)


def manual(model: str, times: int) -> None:
    state_manager.set_transition(model, {"progression": "manual", "times": times})


def cached_status(client: Any, arn: str) -> str:
    return client.describe_cached_iscsi_volumes(VolumeARNs=[arn])["CachediSCSIVolumes"][0]["VolumeStatus"]


def stored_status(client: Any, arn: str) -> str:
    return client.describe_stored_iscsi_volumes(VolumeARNs=[arn])["StorediSCSIVolumes"][0]["VolumeStatus"]


def test_models_are_registered_with_immediate_defaults() -> None:
    registered = state_manager.get_registered_models()
    for model in MODELS:
        assert model in registered
        assert state_manager.get_transition(model) == {"progression": "immediate"}


# --- volumes -----------------------------------------------------------------------


def test_default_volume_is_available_when_created(sgw: Any) -> None:
    volume = cached_volume(sgw, cached_gateway(sgw))
    assert cached_status(sgw, volume) == "AVAILABLE"


def test_volume_is_creating_for_three_polls_then_available(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    manual("storagegateway::volume", 4)
    volume = cached_volume(sgw, gateway)
    polls = [cached_status(sgw, volume) for _ in range(5)]
    assert polls == ["CREATING", "CREATING", "CREATING", "AVAILABLE", "AVAILABLE"]


def test_stored_volume_from_snapshot_restores(sgw: Any, ec2: Any) -> None:
    gateway = stored_gateway(sgw)
    ebs = ec2.create_volume(AvailabilityZone="us-east-1a", Size=10)["VolumeId"]
    snapshot = ec2.create_snapshot(VolumeId=ebs)["SnapshotId"]
    manual("storagegateway::volume", 2)
    volume = stored_volume(sgw, gateway, SnapshotId=snapshot)
    assert [stored_status(sgw, volume) for _ in range(2)] == ["RESTORING", "AVAILABLE"]


def test_stored_volume_preserving_data_bootstraps(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    manual("storagegateway::volume", 2)
    volume = sgw.create_stored_iscsi_volume(
        GatewayARN=gateway["arn"],
        DiskId=gateway["disks"][2],
        PreserveExistingData=True,
        TargetName="keep",
        NetworkInterfaceId=gateway["ip"],
    )["VolumeARN"]
    assert [stored_status(sgw, volume) for _ in range(2)] == ["BOOTSTRAPPING", "AVAILABLE"]


def test_list_volumes_does_not_advance_the_volume_status(sgw: Any) -> None:
    # ListVolumes reports the attachment, not the VolumeStatus.
    gateway = cached_gateway(sgw)
    manual("storagegateway::volume", 2)
    volume = cached_volume(sgw, gateway)
    for _ in range(3):
        sgw.list_volumes(GatewayARN=gateway["arn"])
    assert [cached_status(sgw, volume) for _ in range(2)] == ["CREATING", "AVAILABLE"]


def test_snapshot_of_a_creating_volume_is_not_ready(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    manual("storagegateway::volume", 2)
    volume = cached_volume(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="too early")
    assert sgw_error(exc) == VOLUME_NOT_READY
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot_from_volume_recovery_point(VolumeARN=volume, SnapshotDescription="too early")
    assert sgw_error(exc) == VOLUME_NOT_READY


def test_snapshot_of_a_bootstrapping_volume_is_not_ready(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    manual("storagegateway::volume", 2)
    volume = sgw.create_stored_iscsi_volume(
        GatewayARN=gateway["arn"],
        DiskId=gateway["disks"][2],
        PreserveExistingData=True,
        TargetName="keep",
        NetworkInterfaceId=gateway["ip"],
    )["VolumeARN"]
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="too early")
    assert sgw_error(exc) == VOLUME_NOT_READY


def test_a_restoring_volume_can_be_snapshotted(sgw: Any, ec2: Any) -> None:
    # AWS: a restoring volume is readable, writable and can be snapshotted.
    gateway = stored_gateway(sgw)
    snapshot = ec2.create_snapshot(VolumeId=ec2.create_volume(AvailabilityZone="us-east-1a", Size=10)["VolumeId"])
    manual("storagegateway::volume", 5)
    volume = stored_volume(sgw, gateway, SnapshotId=snapshot["SnapshotId"])
    assert stored_status(sgw, volume) == "RESTORING"
    taken = sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="while restoring")["SnapshotId"]
    assert ec2.describe_snapshots(SnapshotIds=[taken])["Snapshots"][0]["Description"] == "while restoring"


def test_a_creating_volume_cannot_be_detached(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    manual("storagegateway::volume", 3)
    volume = cached_volume(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=volume)
    assert sgw_error(exc) == VOLUME_NOT_READY


def test_volume_slowed_by_time_becomes_available_after_its_seconds(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    state_manager.set_transition("storagegateway::volume", {"progression": "time", "seconds": 1})
    volume = cached_volume(sgw, gateway)
    assert cached_status(sgw, volume) == "CREATING"
    time.sleep(1.2)
    assert cached_status(sgw, volume) == "AVAILABLE"


def test_terraform_stored_volume_waiter_rides_out_a_slowed_volume(sgw: Any) -> None:
    # terraform-provider-aws waits for a stored volume with Pending BOOTSTRAPPING, CREATING,
    # RESTORING and Target AVAILABLE, polling DescribeStorediSCSIVolumes.
    gateway = stored_gateway(sgw)
    manual("storagegateway::volume", 3)
    volume = stored_volume(sgw, gateway)
    seen: List[str] = []
    for _ in range(10):
        status = stored_status(sgw, volume)
        seen.append(status)
        if status == "AVAILABLE":
            break
        assert status in ("BOOTSTRAPPING", "CREATING", "RESTORING")
    assert seen == ["CREATING", "CREATING", "AVAILABLE"]


# --- attachment ----------------------------------------------------------------------------


def attachment(client: Any, arn: str) -> str:
    return client.describe_cached_iscsi_volumes(VolumeARNs=[arn])["CachediSCSIVolumes"][0]["VolumeAttachmentStatus"]


def test_detach_goes_through_detaching(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume = cached_volume(sgw, gateway)
    manual("storagegateway::volume-attachment", 2)
    sgw.detach_volume(VolumeARN=volume)
    assert [attachment(sgw, volume) for _ in range(3)] == ["DETACHING", "DETACHED", "DETACHED"]


def test_list_volumes_advances_the_attachment(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume = cached_volume(sgw, gateway)
    manual("storagegateway::volume-attachment", 2)
    sgw.detach_volume(VolumeARN=volume)
    states = [sgw.list_volumes(GatewayARN=gateway["arn"])["VolumeInfos"][0]["VolumeAttachmentStatus"] for _ in range(2)]
    assert states == ["DETACHING", "DETACHED"]


def test_attach_goes_through_attaching_and_refuses_a_snapshot_meanwhile(sgw: Any) -> None:
    gateway, other = cached_gateway(sgw), cached_gateway(sgw)
    volume = cached_volume(sgw, gateway)
    sgw.detach_volume(VolumeARN=volume)
    manual("storagegateway::volume-attachment", 2)
    moved = sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=volume, NetworkInterfaceId=other["ip"])["VolumeARN"]
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=moved, SnapshotDescription="too early")
    assert sgw_error(exc) == VOLUME_NOT_READY
    assert [attachment(sgw, moved) for _ in range(2)] == ["ATTACHING", "ATTACHED"]
    assert sgw.create_snapshot(VolumeARN=moved, SnapshotDescription="now")["SnapshotId"].startswith("snap-")


def test_a_detaching_volume_cannot_be_detached_again_or_attached(sgw: Any) -> None:
    gateway, other = cached_gateway(sgw), cached_gateway(sgw)
    volume = cached_volume(sgw, gateway)
    manual("storagegateway::volume-attachment", 3)
    sgw.detach_volume(VolumeARN=volume)
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=volume)
    assert sgw_error(exc) == VOLUME_NOT_READY
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=volume, NetworkInterfaceId=other["ip"])
    assert exc.value.response["error"]["errorCode"] == "VolumeInUse"


def test_an_attached_stored_volume_restores_onto_its_new_disk(sgw: Any) -> None:
    gateway, other = stored_gateway(sgw), stored_gateway(sgw)
    volume = stored_volume(sgw, gateway)
    sgw.detach_volume(VolumeARN=volume)
    manual("storagegateway::volume", 2)
    moved = sgw.attach_volume(
        GatewayARN=other["arn"], VolumeARN=volume, NetworkInterfaceId=other["ip"], DiskId=other["disks"][3]
    )["VolumeARN"]
    assert [stored_status(sgw, moved) for _ in range(2)] == ["RESTORING", "AVAILABLE"]


# --- gateways ----------------------------------------------------------------------------


def test_new_gateway_answers_not_connected_until_it_connects(sgw: Any) -> None:
    manual("storagegateway::gateway", 3)
    arn = activate(sgw)
    for _ in range(2):
        with pytest.raises(ClientError) as exc:
            sgw.describe_gateway_information(GatewayARN=arn)
        assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "RUNNING"


def test_list_gateways_lists_a_gateway_that_is_not_connected_and_advances_it(sgw: Any) -> None:
    manual("storagegateway::gateway", 2)
    arn = activate(sgw)
    assert [g["GatewayARN"] for g in sgw.list_gateways()["Gateways"]] == [arn]
    sgw.list_gateways()
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayARN"] == arn


def test_a_gateway_that_is_not_connected_refuses_other_calls_without_advancing(sgw: Any) -> None:
    manual("storagegateway::gateway", 2)
    arn = activate(sgw)
    for _ in range(3):
        with pytest.raises(ClientError) as exc:
            sgw.list_local_disks(GatewayARN=arn)
        assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    with pytest.raises(ClientError):
        sgw.describe_gateway_information(GatewayARN=arn)
    sgw.describe_gateway_information(GatewayARN=arn)
    assert len(sgw.list_local_disks(GatewayARN=arn)["Disks"]) == 4


def test_started_gateway_reconnects_through_the_lifecycle(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "SHUTDOWN"
    manual("storagegateway::gateway", 2)
    sgw.start_gateway(GatewayARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "RUNNING"


def test_software_update_restarts_the_gateway(sgw: Any) -> None:
    arn = activate(sgw)
    manual("storagegateway::gateway", 2)
    sgw.update_gateway_software_now(GatewayARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert info["GatewayState"] == "RUNNING" and "LastSoftwareUpdate" in info


def test_terraform_gateway_read_on_each_volume_and_tape_type(sgw: Any) -> None:
    # What aws_storagegateway_gateway reads after creating a gateway.
    for gateway_type in ("CACHED", "STORED", "VTL"):
        arn = activate(sgw, gateway_type)
        info = sgw.describe_gateway_information(GatewayARN=arn)
        assert info["GatewayType"] == gateway_type
        window = sgw.describe_maintenance_start_time(GatewayARN=arn)
        assert (window["HourOfDay"], window["MinuteOfHour"], window["DayOfWeek"]) == (0, 0, 0)
        limits = sgw.describe_bandwidth_rate_limit(GatewayARN=arn)
        assert set(limits) - {"ResponseMetadata"} == {"GatewayARN"}  # Terraform reads absent limits as 0


def test_terraform_gateway_read_on_a_file_gateway_meets_the_error_it_tolerates(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    assert sgw.describe_maintenance_start_time(GatewayARN=arn)["GatewayARN"] == arn
    with pytest.raises(ClientError) as exc:
        sgw.describe_bandwidth_rate_limit(GatewayARN=arn)
    # Terraform tolerates a message containing "not valid" here.
    assert "not valid" in exc.value.response["Error"]["Message"]


# --- through the server ---------------------------------------------------------------------


def test_server_set_transition_slows_a_volume(storagegateway_server: str) -> None:
    url = f"{storagegateway_server}/moto-api/state-manager/set-transition"
    body = {"model_name": "storagegateway::volume", "transition": {"progression": "manual", "times": 2}}
    assert requests.post(url, json=body, timeout=30).status_code == 201
    try:
        sgw = server_client(storagegateway_server)
        volume = cached_volume(sgw, cached_gateway(sgw))
        assert [cached_status(sgw, volume) for _ in range(2)] == ["CREATING", "AVAILABLE"]
    finally:
        requests.post(
            f"{storagegateway_server}/moto-api/state-manager/unset-transition",
            json={"model_name": "storagegateway::volume"},
            timeout=30,
        )


def test_server_gateway_waiter(storagegateway_server: str) -> None:
    base = f"{storagegateway_server}/moto-api/state-manager"
    body = {"model_name": "storagegateway::gateway", "transition": {"progression": "manual", "times": 2}}
    requests.post(f"{base}/set-transition", json=body, timeout=30)
    try:
        sgw = server_client(storagegateway_server)
        arn = sgw.activate_gateway(
            ActivationKey=ACTIVATION_KEY,
            GatewayName="server",
            GatewayTimezone="GMT",
            GatewayRegion="us-east-1",
            GatewayType="CACHED",
        )["GatewayARN"]
        with pytest.raises(ClientError) as exc:
            sgw.describe_gateway_information(GatewayARN=arn)
        assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
        assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayARN"] == arn
    finally:
        requests.post(f"{base}/unset-transition", json={"model_name": "storagegateway::gateway"}, timeout=30)
