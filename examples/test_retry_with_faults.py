"""A retry test with injected faults: does my code survive a throttled, flaky AWS?

Run it: ``python -m pytest examples/test_retry_with_faults.py``.
"""
import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_sgw import active_faults, inject_fault, mock_storagegateway

KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V"


def take_nightly_snapshot(sgw, volume_arn):
    """The code under test: one snapshot of a volume, relying on botocore's retries."""
    return sgw.create_snapshot(VolumeARN=volume_arn, SnapshotDescription="nightly")["SnapshotId"]


def a_cached_volume(sgw):
    gateway = sgw.activate_gateway(
        ActivationKey=KEY, GatewayName="gw", GatewayTimezone="GMT", GatewayRegion="us-east-1"
    )["GatewayARN"]
    disks = [d["DiskId"] for d in sgw.list_local_disks(GatewayARN=gateway)["Disks"]]
    sgw.add_cache(GatewayARN=gateway, DiskIds=[disks[0]])
    sgw.add_upload_buffer(GatewayARN=gateway, DiskIds=[disks[1]])
    ip = sgw.describe_gateway_information(GatewayARN=gateway)["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    return sgw.create_cached_iscsi_volume(
        GatewayARN=gateway, VolumeSizeInBytes=2**30, TargetName="data", NetworkInterfaceId=ip, ClientToken="data-1"
    )["VolumeARN"]


@mock_storagegateway
def test_nightly_snapshot_rides_out_two_throttles():
    sgw = boto3.client("storagegateway", region_name="us-east-1")  # botocore's default retries
    volume = a_cached_volume(sgw)

    inject_fault("ThrottlingException", operation="CreateSnapshot", count=2)
    snapshot_id = take_nightly_snapshot(sgw, volume)

    # Exactly one EBS snapshot came of the three attempts: the two failed ones changed nothing.
    ec2 = boto3.client("ec2", region_name="us-east-1")
    volume_id = volume.rsplit("/", 1)[1].lower()
    snapshots = ec2.describe_snapshots(Filters=[{"Name": "volume-id", "Values": [volume_id]}])["Snapshots"]
    assert [s["SnapshotId"] for s in snapshots] == [snapshot_id]
    assert active_faults() == []  # the fault is used up


@mock_storagegateway
def test_nightly_snapshot_gives_up_when_aws_stays_unavailable():
    sgw = boto3.client(
        "storagegateway", region_name="us-east-1", config=Config(retries={"total_max_attempts": 3})
    )
    volume = a_cached_volume(sgw)

    inject_fault("ServiceUnavailableError", operation="CreateSnapshot", count=5)
    with pytest.raises(ClientError) as error:
        take_nightly_snapshot(sgw, volume)

    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    assert active_faults()[0]["remaining"] == 2  # three attempts, three failures


@mock_storagegateway
def test_one_flaky_gateway_among_healthy_ones():
    sgw = boto3.client("storagegateway", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))
    flaky = sgw.activate_gateway(ActivationKey=KEY, GatewayName="flaky", GatewayTimezone="GMT", GatewayRegion="us-east-1")
    steady = sgw.activate_gateway(ActivationKey=KEY, GatewayName="steady", GatewayTimezone="GMT", GatewayRegion="us-east-1")

    # A gateway that drops off the network now and then, reproducibly (seeded).
    inject_fault("GatewayNotConnected", gateway_arn=flaky["GatewayARN"], rate=0.5, seed=42)
    outcomes = []
    for _ in range(10):
        try:
            sgw.describe_gateway_information(GatewayARN=flaky["GatewayARN"])
            outcomes.append("ok")
        except ClientError as error:
            outcomes.append(error.response["error"]["errorCode"])
        sgw.describe_gateway_information(GatewayARN=steady["GatewayARN"])  # never fails

    assert set(outcomes) == {"ok", "GatewayNotConnected"}
