"""A suite against the standalone server, ready for pytest-xdist.

The plugin's ``storagegateway_server`` fixture starts one ``moto-sgw-server`` per test
session (so one per xdist worker) and resets it before each test: tests never see each
other's state. Run it in parallel: ``python -m pytest -n 4 examples/test_suite_on_server.py``.
"""
import boto3
import pytest
import requests

KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V"


@pytest.fixture
def sgw(storagegateway_server):
    return boto3.client(
        "storagegateway",
        region_name="us-east-1",
        endpoint_url=storagegateway_server,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.mark.parametrize("name", ["alpha", "beta", "gamma", "delta"])
def test_each_test_starts_from_an_empty_server(sgw, name):
    assert sgw.list_gateways()["Gateways"] == []
    sgw.activate_gateway(ActivationKey=KEY, GatewayName=name, GatewayTimezone="GMT", GatewayRegion="us-east-1")
    assert [g["GatewayName"] for g in sgw.list_gateways()["Gateways"]] == [name]


def test_faults_through_the_server(sgw, storagegateway_server):
    faults = f"{storagegateway_server}/moto-sgw/faults"
    created = requests.post(faults, json={"error": "ThrottlingException", "operation": "ListGateways", "count": 1})
    assert created.status_code == 201
    assert sgw.list_gateways()["Gateways"] == []  # botocore retried the throttled call
    assert requests.get(faults).json() == {"faults": []}


def test_the_appliance_through_the_server(sgw, storagegateway_server):
    arn = sgw.activate_gateway(ActivationKey=KEY, GatewayName="gw", GatewayTimezone="GMT", GatewayRegion="us-east-1")["GatewayARN"]
    disks = [d["DiskId"] for d in sgw.list_local_disks(GatewayARN=arn)["Disks"]]
    sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    ip = sgw.describe_gateway_information(GatewayARN=arn)["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    volume = sgw.create_cached_iscsi_volume(
        GatewayARN=arn, VolumeSizeInBytes=2**30, TargetName="v", NetworkInterfaceId=ip, ClientToken="v-token"
    )["VolumeARN"]
    written = requests.post(
        f"{storagegateway_server}/moto-sgw/appliance/write_volume", json={"volume_arn": volume, "size_in_bytes": 4096}
    )
    assert written.json() == {"VolumeARN": volume, "VolumeUsedInBytes": 4096}
    [described] = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume])["CachediSCSIVolumes"]
    assert described["VolumeUsedInBytes"] == 4096
