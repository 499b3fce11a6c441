"""The tape gateway end to end, as a user's test would drive it.

Two stories, each told twice: in-process (fixture ``sgw``, ``moto_sgw.appliance`` and moto's
state manager) and through a ``moto-sgw-server`` (fixture ``storagegateway_server``, the
appliance through ``/moto-sgw/appliance/...`` and the state manager through
``/moto-api/state-manager/...``).

- Backup: CreateTapePool, CreateTapes in the pool, the backup application fills a tape
  and ejects it, DescribeTapeArchives shows it ARCHIVED in its pool, RetrieveTapeArchive to
  a second gateway (RETRIEVED there, DescribeTapes), and with the retrieval slowed a second
  archived tape's retrieval is cancelled while RETRIEVING (CancelRetrieval).
- Disaster recovery: DisableGateway on a failed gateway, DescribeTapeRecoveryPoints,
  RetrieveTapeRecoveryPoint of each tape onto a new gateway (RECOVERED), DeleteGateway of
  the old gateway; the tapes stay on the new one (DescribeTapes, ListTapes, tags).
"""
from __future__ import annotations

from typing import Any, Callable, Dict

import requests
from moto.moto_api import state_manager

from moto_sgw import appliance

from .conftest import GIB, activate, disk_ids, server_client

SIZE = 100 * GIB
RETRIEVAL = "storagegateway::tape-retrieval"


class Appliance:
    """The backup application's side, and the state manager, as one story uses them."""

    def __init__(
        self,
        write_tape: Callable[[str, int], Dict[str, Any]],
        eject_tape: Callable[[str], Dict[str, Any]],
        set_transition: Callable[[str, Dict[str, Any]], None],
        unset_transition: Callable[[str], None],
    ) -> None:
        self.write_tape = write_tape
        self.eject_tape = eject_tape
        self.set_transition = set_transition
        self.unset_transition = unset_transition


def in_process() -> Appliance:
    return Appliance(
        appliance.write_tape, appliance.eject_tape, state_manager.set_transition, state_manager.unset_transition
    )


def through_server(url: str) -> Appliance:
    def call(name: str, payload: Dict[str, Any]) -> Dict[str, Any]:
        response = requests.post(f"{url}/moto-sgw/appliance/{name}", json=payload, timeout=30)
        assert response.status_code == 200, response.text
        answer: Dict[str, Any] = response.json()
        return answer

    def set_transition(model: str, transition: Dict[str, Any]) -> None:
        response = requests.post(
            f"{url}/moto-api/state-manager/set-transition",
            json={"model_name": model, "transition": transition},
            timeout=30,
        )
        assert response.status_code == 201, response.text

    def unset_transition(model: str) -> None:
        response = requests.post(
            f"{url}/moto-api/state-manager/unset-transition", json={"model_name": model}, timeout=30
        )
        assert response.status_code == 201, response.text

    return Appliance(
        lambda arn, size: call("write_tape", {"tape_arn": arn, "size_in_bytes": size}),
        lambda arn: call("eject_tape", {"tape_arn": arn}),
        set_transition,
        unset_transition,
    )


def tape_gateway(client: Any, name: str) -> str:
    arn = activate(client, "VTL", name=name)
    disks = disk_ids(client, arn)
    client.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    client.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    return arn


def backup_story(sgw: Any, app: Appliance) -> None:
    office = tape_gateway(sgw, "office-vtl")
    vault = tape_gateway(sgw, "vault-vtl")

    # A custom pool, and tapes in it.
    pool_arn = sgw.create_tape_pool(PoolName="weekly-backups", StorageClass="GLACIER")["PoolARN"]
    pool_id = pool_arn.rsplit("/", 1)[1]
    [pool] = sgw.list_tape_pools()["PoolInfos"]
    assert (pool["PoolARN"], pool["PoolName"], pool["StorageClass"]) == (pool_arn, "weekly-backups", "GLACIER")
    made = sgw.create_tapes(
        GatewayARN=office, TapeSizeInBytes=SIZE, ClientToken="weekly-1", NumTapesToCreate=3,
        TapeBarcodePrefix="WEEK", PoolId=pool_id,
    )["TapeARNs"]
    assert len(made) == 3
    tapes = sgw.describe_tapes(GatewayARN=office)["Tapes"]
    assert sorted(tape["TapeARN"] for tape in tapes) == sorted(made)
    assert {(tape["TapeStatus"], tape["PoolId"]) for tape in tapes} == {("AVAILABLE", pool_id)}
    first, second, spare = made

    # The backup application fills a tape and ejects it: it is archived in its pool.
    assert app.write_tape(first, 60 * GIB) == {"TapeARN": first, "TapeUsedInBytes": 60 * GIB}
    assert app.eject_tape(first) == {"TapeARN": first, "TapeStatus": "ARCHIVED"}
    on_office = sorted(tape["TapeARN"] for tape in sgw.describe_tapes(GatewayARN=office)["Tapes"])
    assert on_office == sorted([second, spare])
    [archive] = sgw.describe_tape_archives()["TapeArchives"]
    assert (archive["TapeARN"], archive["TapeStatus"], archive["PoolId"], archive["TapeUsedInBytes"]) == (
        first, "ARCHIVED", pool_id, 60 * GIB
    )
    assert "RetrievedTo" not in archive

    # Retrieved to the vault's gateway: RETRIEVED there, still listed in the archive.
    assert sgw.retrieve_tape_archive(TapeARN=first, GatewayARN=vault)["TapeARN"] == first
    [retrieved] = sgw.describe_tapes(GatewayARN=vault)["Tapes"]
    assert (retrieved["TapeARN"], retrieved["TapeStatus"], retrieved["TapeUsedInBytes"]) == (
        first, "RETRIEVED", 60 * GIB
    )
    [archive] = sgw.describe_tape_archives(TapeARNs=[first])["TapeArchives"]
    assert (archive["TapeStatus"], archive["RetrievedTo"]) == ("RETRIEVED", vault)

    # A second tape archived; its retrieval, slowed, is cancelled while RETRIEVING.
    app.write_tape(second, 20 * GIB)
    app.eject_tape(second)
    app.set_transition(RETRIEVAL, {"progression": "manual", "times": 50})
    try:
        sgw.retrieve_tape_archive(TapeARN=second, GatewayARN=vault)
        statuses = {tape["TapeARN"]: tape["TapeStatus"] for tape in sgw.describe_tapes(GatewayARN=vault)["Tapes"]}
        assert statuses == {first: "RETRIEVED", second: "RETRIEVING"}
        assert sgw.cancel_retrieval(GatewayARN=vault, TapeARN=second)["TapeARN"] == second
    finally:
        app.unset_transition(RETRIEVAL)
    assert [tape["TapeARN"] for tape in sgw.describe_tapes(GatewayARN=vault)["Tapes"]] == [first]
    [archive] = sgw.describe_tape_archives(TapeARNs=[second])["TapeArchives"]
    assert (archive["TapeStatus"], archive["PoolId"]) == ("ARCHIVED", pool_id)
    assert "RetrievedTo" not in archive
    listed = {info["TapeARN"]: (info["TapeStatus"], info.get("GatewayARN")) for info in sgw.list_tapes()["TapeInfos"]}
    assert listed == {first: ("RETRIEVED", vault), second: ("ARCHIVED", None), spare: ("AVAILABLE", office)}


def disaster_recovery_story(sgw: Any, app: Appliance) -> None:
    failed = tape_gateway(sgw, "failed-vtl")
    made = sgw.create_tapes(
        GatewayARN=failed, TapeSizeInBytes=SIZE, ClientToken="disaster-1", NumTapesToCreate=2, TapeBarcodePrefix="DR",
        Tags=[{"Key": "backup-set", "Value": "nightly"}],
    )["TapeARNs"]
    app.write_tape(made[0], 40 * GIB)

    # The failed gateway is disabled: its tapes' recovery points appear.
    assert sgw.disable_gateway(GatewayARN=failed)["GatewayARN"] == failed
    [info] = sgw.list_gateways()["Gateways"]
    assert (info["GatewayARN"], info["GatewayOperationalState"]) == (failed, "DISABLED")
    points = sgw.describe_tape_recovery_points(GatewayARN=failed)["TapeRecoveryPointInfos"]
    assert sorted((point["TapeARN"], point["TapeSizeInBytes"], point["TapeStatus"]) for point in points) == sorted(
        (arn, SIZE, "AVAILABLE") for arn in made
    )

    # Each tape recovered onto a new gateway.
    replacement = tape_gateway(sgw, "replacement-vtl")
    for point in points:
        assert sgw.retrieve_tape_recovery_point(TapeARN=point["TapeARN"], GatewayARN=replacement)["TapeARN"] == (
            point["TapeARN"]
        )
    assert sgw.describe_tape_recovery_points(GatewayARN=failed)["TapeRecoveryPointInfos"] == []
    recovered = {tape["TapeARN"]: tape for tape in sgw.describe_tapes(GatewayARN=replacement)["Tapes"]}
    assert sorted(recovered) == sorted(made)
    assert {tape["TapeStatus"] for tape in recovered.values()} == {"RECOVERED"}
    assert recovered[made[0]]["TapeUsedInBytes"] == 40 * GIB

    # The failed gateway is deleted; the tapes stay on the new one.
    sgw.delete_gateway(GatewayARN=failed)
    assert [info["GatewayARN"] for info in sgw.list_gateways()["Gateways"]] == [replacement]
    after = sgw.describe_tapes(GatewayARN=replacement)["Tapes"]
    assert sorted((tape["TapeARN"], tape["TapeStatus"]) for tape in after) == sorted(
        (arn, "RECOVERED") for arn in made
    )
    listed = {info["TapeARN"]: (info["TapeStatus"], info["GatewayARN"]) for info in sgw.list_tapes()["TapeInfos"]}
    assert listed == {arn: ("RECOVERED", replacement) for arn in made}
    for arn in made:
        assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "backup-set", "Value": "nightly"}]


def test_the_backup_story_in_process(sgw: Any) -> None:
    backup_story(sgw, in_process())


def test_the_backup_story_through_the_server(storagegateway_server: str) -> None:
    backup_story(server_client(storagegateway_server), through_server(storagegateway_server))


def test_the_disaster_recovery_story_in_process(sgw: Any) -> None:
    disaster_recovery_story(sgw, in_process())


def test_the_disaster_recovery_story_through_the_server(storagegateway_server: str) -> None:
    disaster_recovery_story(server_client(storagegateway_server), through_server(storagegateway_server))
