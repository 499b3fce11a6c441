"""A waiter test with a lifecycle: does my polling loop wait for the volume, and stop?

moto's state manager slows the volume down: ``CREATING`` for three polls, then
``AVAILABLE``. Run it: ``python -m pytest examples/test_waiter_with_lifecycle.py``.
"""
import boto3
import pytest
from moto.moto_api import state_manager

from moto_sgw import mock_storagegateway

KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V"


def wait_until_available(sgw, volume_arn, attempts=10):
    """The code under test: poll until the volume is AVAILABLE; the statuses it saw."""
    seen = []
    for _ in range(attempts):
        [volume] = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume_arn])["CachediSCSIVolumes"]
        seen.append(volume["VolumeStatus"])
        if volume["VolumeStatus"] == "AVAILABLE":
            return seen
    raise TimeoutError(f"volume still {seen[-1]} after {attempts} polls")


@pytest.fixture
def slow_volumes():
    state_manager.set_transition("storagegateway::volume", {"progression": "manual", "times": 4})
    yield
    state_manager.unset_transition("storagegateway::volume")


@pytest.fixture
def gateway():
    with mock_storagegateway():
        sgw = boto3.client("storagegateway", region_name="us-east-1")
        arn = sgw.activate_gateway(
            ActivationKey=KEY, GatewayName="gw", GatewayTimezone="GMT", GatewayRegion="us-east-1"
        )["GatewayARN"]
        disks = [d["DiskId"] for d in sgw.list_local_disks(GatewayARN=arn)["Disks"]]
        sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
        sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
        ip = sgw.describe_gateway_information(GatewayARN=arn)["GatewayNetworkInterfaces"][0]["Ipv4Address"]
        yield sgw, arn, ip


def create_volume(sgw, arn, ip, name):
    return sgw.create_cached_iscsi_volume(
        GatewayARN=arn, VolumeSizeInBytes=2**30, TargetName=name, NetworkInterfaceId=ip, ClientToken=name + "-token"
    )["VolumeARN"]


def test_waiter_waits_through_creating(gateway, slow_volumes):
    sgw, arn, ip = gateway
    volume = create_volume(sgw, arn, ip, "slow")
    assert wait_until_available(sgw, volume) == ["CREATING", "CREATING", "CREATING", "AVAILABLE"]


def test_waiter_gives_up_in_time(gateway, slow_volumes):
    sgw, arn, ip = gateway
    volume = create_volume(sgw, arn, ip, "slower")
    with pytest.raises(TimeoutError, match="still CREATING after 2 polls"):
        wait_until_available(sgw, volume, attempts=2)


def test_waiter_returns_at_once_by_default(gateway):
    sgw, arn, ip = gateway
    volume = create_volume(sgw, arn, ip, "fast")
    assert wait_until_available(sgw, volume) == ["AVAILABLE"]
