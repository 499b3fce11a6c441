"""Concurrency: many threads against one in-process backend, and against one server.

Each request runs its handler under the backend's lock; these tests check what a
user sees when threads race: no call fails, no resource is lost or doubled, IDs are
unique, tags are what was written, and ``Marker`` paging returns each resource once
even while other threads create and delete.

Every thread is a daemon and every result is waited for with a timeout, so a
deadlock fails the test instead of hanging the run.
"""
from __future__ import annotations

import threading
import traceback
from concurrent.futures import Future, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, TypeVar

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_sgw import mock_storagegateway

from .conftest import ACTIVATION_KEY, GIB, REGION, cached_gateway

T = TypeVar("T")

THREADS = 8
GATEWAYS = 4
VOLUMES_PER_THREAD = 6  # 48 volumes over 4 gateways: 12 each, far below the quota of 32
GATEWAYS_PER_THREAD = 4
TIMEOUT = 120.0  # seconds: a deadlock fails here instead of hanging
MAX_PAGES = 500  # bounds every paging loop
SNAPSHOT_BATCH = 25
ACCOUNT = "123456789012"

# One attempt per call: a retried request could hide (or double) a failure.
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"}, max_pool_connections=THREADS * 2)


# Running threads


def run_threads(tasks: Sequence[Callable[[threading.Barrier], T]]) -> List[T]:
    """Run each task in a thread of its own, all released together by one barrier.

    Fails with every thread's exception (and traceback) if any raised, and if any is
    still running after ``TIMEOUT`` seconds. Threads are daemons, so a deadlocked one
    cannot keep the interpreter alive.
    """
    barrier = threading.Barrier(len(tasks), timeout=TIMEOUT)
    futures: List["Future[T]"] = [Future() for _ in tasks]

    def run(task: Callable[[threading.Barrier], T], future: "Future[T]") -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(task(barrier))
        except BaseException as exc:  # noqa: BLE001 (reported by the main thread)
            future.set_exception(exc)

    threads = [
        threading.Thread(target=run, args=(task, future), name=f"worker-{n}", daemon=True)
        for n, (task, future) in enumerate(zip(tasks, futures))
    ]
    for thread in threads:
        thread.start()
    _, not_done = wait(futures, timeout=TIMEOUT)
    if not_done:
        barrier.abort()
        pytest.fail(f"{len(not_done)} of {len(tasks)} threads still running after {TIMEOUT}s (deadlock?)")
    failures = []
    for n, future in enumerate(futures):
        exc = future.exception(timeout=0)
        if exc is not None:
            failures.append(
                f"thread {n}: " + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            )
    assert not failures, "\n".join(failures)
    return [future.result(timeout=0) for future in futures]


# Paging


def page_through(call: Callable[..., Dict[str, Any]], result_key: str, limit: int, **kwargs: Any) -> List[Dict[str, Any]]:
    """Every item of a ``Marker``/``Limit`` listing, page by page (bounded)."""
    found: List[Dict[str, Any]] = []
    request: Dict[str, Any] = {"Limit": limit, **kwargs}
    for _ in range(MAX_PAGES):
        page = call(**request)
        assert len(page[result_key]) <= limit, page
        found.extend(page[result_key])
        marker = page.get("Marker")
        if not marker:
            return found
        request["Marker"] = marker
    raise AssertionError(f"paging did not end within {MAX_PAGES} pages")


def volume_arns(client: Any, limit: int, gateway_arn: Optional[str] = None) -> List[str]:
    kwargs = {"GatewayARN": gateway_arn} if gateway_arn is not None else {}
    return [v["VolumeARN"] for v in page_through(client.list_volumes, "VolumeInfos", limit, **kwargs)]


def assert_once(arns: List[str], what: str) -> None:
    doubled = sorted({arn for arn in arns if arns.count(arn) > 1})
    assert not doubled, f"{what} returned these more than once: {doubled}"


# The volume workload


@dataclass
class VolumeRecord:
    arn: str
    volume_id: str
    gateway_arn: str
    size: int
    snapshots: Dict[str, str] = field(default_factory=dict)  # snapshot ID -> description
    tags: Dict[str, str] = field(default_factory=dict)
    deleted: bool = False


def volume_worker(
    index: int, client: Any, gateways: List[Dict[str, Any]]
) -> Callable[[threading.Barrier], List[VolumeRecord]]:
    """Create, retry, snapshot, tag, list and delete volumes; check what one thread can."""

    def work(barrier: threading.Barrier) -> List[VolumeRecord]:
        records: List[VolumeRecord] = []
        barrier.wait()
        for seq in range(VOLUMES_PER_THREAD):
            gateway = gateways[(index + seq) % len(gateways)]
            target = f"w{index}-v{seq}"
            request = dict(
                GatewayARN=gateway["arn"],
                VolumeSizeInBytes=(1 + seq % 3) * GIB,
                TargetName=target,
                NetworkInterfaceId=gateway["ip"],
                ClientToken=f"token-{index}-{seq}",
                Tags=[{"Key": "creator", "Value": f"worker-{index}"}],
            )
            arn = client.create_cached_iscsi_volume(**request)["VolumeARN"]
            # A retry with the same ClientToken answers the same volume and creates none.
            assert client.create_cached_iscsi_volume(**request)["VolumeARN"] == arn
            record = VolumeRecord(
                arn=arn,
                volume_id=arn.rsplit("/", 1)[1],
                gateway_arn=gateway["arn"],
                size=request["VolumeSizeInBytes"],
                tags={"creator": f"worker-{index}"},
            )
            records.append(record)

            description = f"snapshot {index}-{seq}"
            snapshot = client.create_snapshot(VolumeARN=arn, SnapshotDescription=description)
            assert snapshot["VolumeARN"] == arn
            record.snapshots[snapshot["SnapshotId"]] = description
            if seq % 2 == 0:
                description = f"recovery point {index}-{seq}"
                snapshot = client.create_snapshot_from_volume_recovery_point(
                    VolumeARN=arn, SnapshotDescription=description
                )
                record.snapshots[snapshot["SnapshotId"]] = description

            added = {"worker": str(index), "seq": str(seq)}
            client.add_tags_to_resource(
                ResourceARN=arn, Tags=[{"Key": k, "Value": v} for k, v in added.items()]
            )
            record.tags.update(added)
            listed = page_through(client.list_tags_for_resource, "Tags", 2, ResourceARN=arn)
            assert {t["Key"]: t["Value"] for t in listed} == record.tags
            assert len(listed) == len(record.tags)

            # Page through this gateway's volumes while the other threads write.
            mine = {r.arn for r in records if r.gateway_arn == gateway["arn"] and not r.deleted}
            gone = {r.arn for r in records if r.deleted}
            seen = volume_arns(client, 2, gateway["arn"])
            assert_once(seen, f"ListVolumes of {gateway['arn']}")
            assert mine <= set(seen), f"own volumes missing from the listing: {mine - set(seen)}"
            assert not gone & set(seen), f"deleted volumes listed: {gone & set(seen)}"
            assert all(a.startswith(gateway["arn"] + "/volume/") for a in seen)

            if seq % 3 == 2:
                assert client.delete_volume(VolumeARN=arn)["VolumeARN"] == arn
                record.deleted = True

        # And once through every gateway's volumes at once.
        seen = volume_arns(client, 3)
        assert_once(seen, "ListVolumes")
        live = {r.arn for r in records if not r.deleted}
        assert live <= set(seen), f"own volumes missing from the listing: {live - set(seen)}"
        assert not {r.arn for r in records if r.deleted} & set(seen)
        return records

    return work


def run_volume_workload(setup: Any, ec2: Any, clients: List[Any]) -> None:
    """The shared scenario: ``clients`` (one a thread, made beforehand) against one backend."""
    gateways = [cached_gateway(setup) for _ in range(GATEWAYS)]
    per_thread = run_threads([volume_worker(n, c, gateways) for n, c in enumerate(clients)])
    records = [record for records in per_thread for record in records]
    assert len(records) == THREADS * VOLUMES_PER_THREAD

    # Unique IDs: no two volumes (deleted ones included) and no two snapshots share one.
    volume_ids = [r.volume_id for r in records]
    assert len(set(volume_ids)) == len(volume_ids), "a VolumeId was issued twice"
    assert len({r.arn for r in records}) == len(records)
    snapshot_ids = [s for r in records for s in r.snapshots]
    assert len(set(snapshot_ids)) == len(snapshot_ids), "a SnapshotId was issued twice"
    assert len(snapshot_ids) == THREADS * (VOLUMES_PER_THREAD + (VOLUMES_PER_THREAD + 1) // 2)

    # The final state is exactly what was created minus what was deleted.
    live = {r.arn: r for r in records if not r.deleted}
    deleted = {r.arn for r in records if r.deleted}
    assert len(deleted) == THREADS * (VOLUMES_PER_THREAD // 3)
    everything = volume_arns(setup, 3)
    assert_once(everything, "ListVolumes")
    assert set(everything) == set(live)
    assert everything == sorted(everything), "ListVolumes is not ordered by ARN"
    per_gateway: List[str] = []
    for gateway in gateways:
        listed = volume_arns(setup, 3, gateway["arn"])
        assert_once(listed, f"ListVolumes of {gateway['arn']}")
        assert set(listed) == {a for a, r in live.items() if r.gateway_arn == gateway["arn"]}
        per_gateway.extend(listed)
    assert sorted(per_gateway) == sorted(live)

    # Each gateway's target count (its volume quota) agrees with its volumes.
    for gateway in gateways:
        info = page_through(setup.list_volumes, "VolumeInfos", 100, GatewayARN=gateway["arn"])
        described = setup.describe_cached_iscsi_volumes(
            VolumeARNs=[v["VolumeARN"] for v in info]
        )["CachediSCSIVolumes"] if info else []
        assert len(described) == len(info)
        for volume in described:
            record = live[volume["VolumeARN"]]
            assert volume["VolumeId"] == record.volume_id
            assert volume["VolumeSizeInBytes"] == record.size

    # Tags are exactly what was written, and went with the deleted volumes.
    for arn, record in live.items():
        listed = page_through(setup.list_tags_for_resource, "Tags", 3, ResourceARN=arn)
        assert {t["Key"]: t["Value"] for t in listed} == record.tags
        assert [t["Key"] for t in listed] == sorted(record.tags)
    for arn in deleted:
        with pytest.raises(ClientError) as exc_info:
            setup.list_tags_for_resource(ResourceARN=arn)
        assert exc_info.value.response.get("error", {}).get("errorCode") == "VolumeNotFound"

    # Every snapshot is an EBS snapshot in EC2 (deleting a volume keeps its snapshots).
    expected = {s: (r, d) for r in records for s, d in r.snapshots.items()}
    found: Dict[str, Dict[str, Any]] = {}
    for start in range(0, len(snapshot_ids), SNAPSHOT_BATCH):
        batch = snapshot_ids[start : start + SNAPSHOT_BATCH]
        for snapshot in ec2.describe_snapshots(SnapshotIds=batch)["Snapshots"]:
            assert snapshot["SnapshotId"] not in found
            found[snapshot["SnapshotId"]] = snapshot
    assert set(found) == set(expected)
    for snapshot_id, snapshot in found.items():
        record, description = expected[snapshot_id]
        assert snapshot["VolumeId"] == record.volume_id.lower()
        assert snapshot["VolumeSize"] == record.size // GIB
        assert snapshot["Description"] == description
        assert snapshot["OwnerId"] == ACCOUNT


# The same ClientToken from many threads, and activation from many threads


def same_token_workload(setup: Any, clients: List[Any]) -> None:
    gateway = cached_gateway(setup)
    request = dict(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=2 * GIB,
        TargetName="shared",
        NetworkInterfaceId=gateway["ip"],
        ClientToken="one-token-for-all",
    )

    def task(client: Any) -> Callable[[threading.Barrier], List[str]]:
        def work(barrier: threading.Barrier) -> List[str]:
            barrier.wait()
            return [client.create_cached_iscsi_volume(**request)["VolumeARN"] for _ in range(3)]

        return work

    answers = {arn for arns in run_threads([task(c) for c in clients]) for arn in arns}
    assert len(answers) == 1, f"one ClientToken made several volumes: {sorted(answers)}"
    assert volume_arns(setup, 2) == sorted(answers)
    assert volume_arns(setup, 2, gateway["arn"]) == sorted(answers)


def activation_workload(clients: List[Any], lister: Any) -> None:
    def task(index: int, client: Any) -> Callable[[threading.Barrier], List[str]]:
        def work(barrier: threading.Barrier) -> List[str]:
            barrier.wait()
            mine: List[str] = []
            for n in range(GATEWAYS_PER_THREAD):
                mine.append(
                    client.activate_gateway(
                        ActivationKey=ACTIVATION_KEY,
                        GatewayName=f"gw-{index}-{n}",
                        GatewayTimezone="GMT",
                        GatewayRegion=REGION,
                        GatewayType="CACHED",
                    )["GatewayARN"]
                )
                listed = [g["GatewayARN"] for g in page_through(client.list_gateways, "Gateways", 2)]
                assert_once(listed, "ListGateways")
                assert set(mine) <= set(listed), f"own gateways missing: {set(mine) - set(listed)}"
            return mine

        return work

    arns = [arn for mine in run_threads([task(n, c) for n, c in enumerate(clients)]) for arn in mine]
    assert len(arns) == THREADS * GATEWAYS_PER_THREAD
    assert len(set(arns)) == len(arns), "a GatewayARN was issued twice"
    gateways = page_through(lister.list_gateways, "Gateways", 2)
    listed = [g["GatewayARN"] for g in gateways]
    assert_once(listed, "ListGateways")
    assert set(listed) == set(arns)
    assert len({g["GatewayId"] for g in gateways}) == len(gateways)
    names = {g["GatewayARN"]: g["GatewayName"] for g in gateways}
    assert sorted(names.values()) == sorted(
        f"gw-{i}-{n}" for i in range(THREADS) for n in range(GATEWAYS_PER_THREAD)
    )


# In process: one backend, many threads


def in_process_clients(service: str = "storagegateway", count: int = THREADS) -> List[Any]:
    # boto3's default session is not thread-safe: one session a client, made here,
    # in the main thread, before any worker starts.
    return [
        boto3.session.Session().client(service, region_name=REGION, config=NO_RETRIES)
        for _ in range(count)
    ]


def test_in_process_volume_workload() -> None:
    with mock_storagegateway():
        setup = boto3.client("storagegateway", region_name=REGION, config=NO_RETRIES)
        ec2 = boto3.client("ec2", region_name=REGION)
        run_volume_workload(setup, ec2, in_process_clients())


def test_in_process_same_client_token_creates_one_volume() -> None:
    with mock_storagegateway():
        setup = boto3.client("storagegateway", region_name=REGION)
        same_token_workload(setup, in_process_clients(count=THREADS * 2))


def test_in_process_concurrent_activation() -> None:
    with mock_storagegateway():
        # No call before the threads: the backend itself is created by the race.
        clients = in_process_clients()
        activation_workload(clients, boto3.client("storagegateway", region_name=REGION))


# One server, many threads


def server_client(url: str, service: str = "storagegateway") -> Any:
    return boto3.session.Session().client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=NO_RETRIES,
    )


def test_server_volume_workload(storagegateway_server: str) -> None:
    url = storagegateway_server
    clients = [server_client(url) for _ in range(THREADS)]
    run_volume_workload(server_client(url), server_client(url, "ec2"), clients)


def test_server_same_client_token_creates_one_volume(storagegateway_server: str) -> None:
    url = storagegateway_server
    same_token_workload(server_client(url), [server_client(url) for _ in range(THREADS)])


def test_server_concurrent_activation(storagegateway_server: str) -> None:
    url = storagegateway_server
    activation_workload([server_client(url) for _ in range(THREADS)], server_client(url))
