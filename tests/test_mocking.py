"""The forms of the mock, its ID format, moto's own mock_aws, reset, and the pytest plugin.

Decorated functions and classes are defined inside the tests, so that a broken
decorator fails its own test instead of the whole module's collection.
"""
from __future__ import annotations

import re
import sys
import unittest
from typing import Any, List

import boto3
import pytest
import requests
from moto import mock_aws

import moto_sgw
from moto_sgw import ConfigurationError, mock_storagegateway

from .conftest import activate, cached_gateway, cached_volume

REGION = "us-east-1"
SHORT_VOLUME_ID = re.compile(r"^vol-[0-9A-F]{8}$")
LONG_VOLUME_ID = re.compile(r"^vol-[0-9A-F]{17}$")


def client() -> Any:
    return boto3.client("storagegateway", region_name=REGION)


def gateway_arns() -> List[str]:
    return [g["GatewayARN"] for g in client().list_gateways()["Gateways"]]


def new_volume_id() -> str:
    sgw = client()
    volume_arn = cached_volume(sgw, cached_gateway(sgw))
    return volume_arn.rsplit("/", 1)[1]


# --- forms --------------------------------------------------------------------


def test_bare_function_decorator_mocks() -> None:
    @mock_storagegateway
    def work() -> List[str]:
        arn = activate(client())
        assert gateway_arns() == [arn]
        return gateway_arns()

    assert len(work()) == 1


def test_called_function_decorator_mocks() -> None:
    @mock_storagegateway()
    def work() -> List[str]:
        activate(client())
        return gateway_arns()

    assert len(work()) == 1


def test_function_decorator_discards_state_between_calls() -> None:
    @mock_storagegateway()
    def work() -> List[str]:
        activate(client())
        return gateway_arns()

    assert len(work()) == 1
    assert len(work()) == 1


def test_bare_class_decorator_mocks_plain_class() -> None:
    @mock_storagegateway
    class Plain:
        def test_activate(self) -> List[str]:
            activate(client())
            return gateway_arns()

    assert len(Plain().test_activate()) == 1


def test_class_decorator_mocks_each_test_method_of_plain_class() -> None:
    @mock_storagegateway()
    class Plain:
        def test_one(self) -> List[str]:
            activate(client())
            return gateway_arns()

        def test_two(self) -> List[str]:
            return gateway_arns()

    tests = Plain()
    assert len(tests.test_one()) == 1
    assert tests.test_two() == []


def test_class_decorator_on_testcase_keeps_setup_state_without_leaks() -> None:
    seen: List[List[str]] = []

    @mock_storagegateway()
    class Case(unittest.TestCase):
        def setUp(self) -> None:
            self.arn = activate(client(), name="from-setup")

        def test_a_sees_setup_gateway_then_adds_one(self) -> None:
            self.assertEqual(gateway_arns(), [self.arn])
            activate(client(), name="from-test-a")
            seen.append(gateway_arns())

        def test_b_sees_only_its_own_setup_gateway(self) -> None:
            self.assertEqual(gateway_arns(), [self.arn])
            seen.append(gateway_arns())

    result = unittest.TestResult()
    unittest.TestLoader().loadTestsFromTestCase(Case).run(result)
    assert result.errors == [] and result.failures == []
    assert result.testsRun == 2
    assert [len(arns) for arns in seen] == [2, 1]


def test_context_manager_mocks() -> None:
    with mock_storagegateway():
        arn = activate(client())
        assert gateway_arns() == [arn]


def test_start_and_stop_mock() -> None:
    mock = mock_storagegateway()
    mock.start()
    try:
        arn = activate(client())
        assert gateway_arns() == [arn]
    finally:
        mock.stop()


def test_leaving_the_mock_discards_state() -> None:
    with mock_storagegateway():
        activate(client())
    with mock_storagegateway():
        assert gateway_arns() == []


def test_ec2_is_mocked_in_the_same_world() -> None:
    with mock_storagegateway():
        sgw = client()
        snapshot_id = sgw.create_snapshot(
            VolumeARN=cached_volume(sgw, cached_gateway(sgw)), SnapshotDescription="same world"
        )["SnapshotId"]
        ec2 = boto3.client("ec2", region_name=REGION)
        assert [s["SnapshotId"] for s in ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]] == [
            snapshot_id
        ]


# --- ID format ----------------------------------------------------------------


def test_default_id_format_is_long(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOTO_SGW_ID_FORMAT", raising=False)
    with mock_storagegateway():
        assert LONG_VOLUME_ID.match(new_volume_id())


def test_short_id_format_gives_eight_hex_volume_ids() -> None:
    with mock_storagegateway(id_format="short"):
        assert SHORT_VOLUME_ID.match(new_volume_id())


def test_short_id_format_gives_eight_hex_snapshot_ids() -> None:
    with mock_storagegateway(id_format="short"):
        sgw = client()
        volume = cached_volume(sgw, cached_gateway(sgw))
        snapshot_id = sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="s")["SnapshotId"]
        assert re.match(r"^snap-[0-9a-f]{8}$", snapshot_id)


def test_unknown_id_format_is_refused() -> None:
    with pytest.raises(ConfigurationError) as exc:
        mock_storagegateway(id_format="medium")
    assert isinstance(exc.value, ValueError)
    assert "long" in str(exc.value)
    assert "short" in str(exc.value)


def test_id_format_env_var_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "short")
    with mock_storagegateway():
        assert SHORT_VOLUME_ID.match(new_volume_id())


def test_id_format_env_var_is_read_when_mock_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "long")
    mock = mock_storagegateway()
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "short")
    with mock:
        assert SHORT_VOLUME_ID.match(new_volume_id())


def test_invalid_id_format_env_var_fails_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "medium")
    mock = mock_storagegateway()
    with pytest.raises(ConfigurationError) as exc:
        mock.start()
    assert "MOTO_SGW_ID_FORMAT" in str(exc.value)
    assert "long" in str(exc.value) and "short" in str(exc.value)


def test_failed_start_leaves_no_half_started_mock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "medium")
    with pytest.raises(ConfigurationError):
        mock_storagegateway().start()
    monkeypatch.delenv("MOTO_SGW_ID_FORMAT")
    with mock_storagegateway():
        activate(client())
        assert len(gateway_arns()) == 1
    # Were the first mock still counted as started, leaving this one would keep its state.
    with mock_storagegateway():
        assert gateway_arns() == []


def test_id_format_argument_beats_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "short")
    with mock_storagegateway(id_format="long"):
        assert LONG_VOLUME_ID.match(new_volume_id())


def test_id_format_argument_ends_with_its_mock() -> None:
    with mock_storagegateway(id_format="short"):
        pass
    with mock_storagegateway(id_format="long"):
        assert LONG_VOLUME_ID.match(new_volume_id())


def test_id_format_of_a_mock_nested_in_mock_aws_applies_to_existing_backends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MOTO_SGW_ID_FORMAT", raising=False)
    with mock_aws():
        sgw = client()
        gateway = cached_gateway(sgw)  # the backend exists before the nested mock starts
        with mock_storagegateway(id_format="short"):
            inner = cached_volume(sgw, gateway, target="inner")
        outer = cached_volume(sgw, gateway, target="outer")
    assert SHORT_VOLUME_ID.match(inner.rsplit("/", 1)[1])
    assert LONG_VOLUME_ID.match(outer.rsplit("/", 1)[1])


def test_backend_made_inside_a_short_mock_issues_long_ids_after_it_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MOTO_SGW_ID_FORMAT", raising=False)
    with mock_aws():
        west = boto3.client("storagegateway", region_name="us-west-2")
        with mock_storagegateway(id_format="short"):
            gateway = cached_gateway(west)  # us-west-2's backend is made here
        volume = cached_volume(west, gateway)
    assert LONG_VOLUME_ID.match(volume.rsplit("/", 1)[1])


# --- moto's mock_aws ----------------------------------------------------------


def test_mock_aws_serves_storage_gateway() -> None:
    with mock_aws():
        arn = activate(client())
        assert gateway_arns() == [arn]


def test_storagegateway_mock_inside_mock_aws_keeps_state() -> None:
    with mock_aws():
        outer = activate(client(), name="outer")
        with mock_storagegateway():
            assert gateway_arns() == [outer]
            inner = activate(client(), name="inner")
        # Still mocked after the inner mock ends: a real call would not list these.
        assert sorted(gateway_arns()) == sorted([outer, inner])


def test_mock_aws_inside_storagegateway_mock_keeps_state() -> None:
    with mock_storagegateway():
        outer = activate(client(), name="outer")
        with mock_aws():
            assert gateway_arns() == [outer]
            inner = activate(client(), name="inner")
        assert sorted(gateway_arns()) == sorted([outer, inner])


def test_nested_mocks_discard_state_when_outermost_ends() -> None:
    with mock_aws():
        with mock_storagegateway():
            activate(client())
    with mock_storagegateway():
        assert gateway_arns() == []


# --- reset --------------------------------------------------------------------


def test_moto_api_reset_clears_storage_gateway_state() -> None:
    with mock_storagegateway():
        activate(client())
        response = requests.post("http://motoapi.amazonaws.com/moto-api/reset")
        assert response.status_code == 200
        assert gateway_arns() == []


def test_backend_dict_reset_clears_storage_gateway_state() -> None:
    with mock_storagegateway():
        activate(client())
        moto_sgw.models.storagegateway_backends.reset()
        assert gateway_arns() == []


def test_gateways_work_after_reset() -> None:
    with mock_storagegateway():
        activate(client())
        requests.post("http://motoapi.amazonaws.com/moto-api/reset")
        arn = activate(client())
        assert gateway_arns() == [arn]


# --- pytest plugin ------------------------------------------------------------


def test_pytest_plugin_fixture_gives_us_east_1_client(storagegateway: Any) -> None:
    assert storagegateway.meta.region_name == "us-east-1"
    assert storagegateway.meta.service_model.service_name == "storagegateway"
    assert storagegateway.list_gateways()["Gateways"] == []


def test_pytest_plugin_fixture_client_activates_gateway(storagegateway: Any) -> None:
    arn = activate(storagegateway)
    assert [g["GatewayARN"] for g in storagegateway.list_gateways()["Gateways"]] == [arn]


# --- registration -------------------------------------------------------------


def test_register_is_idempotent() -> None:
    from moto import backend_index

    moto_sgw.registration.register()
    moto_sgw.registration.register()
    names = [name for name, _ in backend_index.backend_url_patterns]
    assert names.count("storagegateway") == 1


def test_moto_storagegateway_module_is_models() -> None:
    moto_sgw.registration.register()
    assert sys.modules["moto.storagegateway"] is moto_sgw.models


def test_moto_get_backend_finds_storagegateway_backends() -> None:
    from moto.backends import get_backend

    assert get_backend("storagegateway") is moto_sgw.models.storagegateway_backends  # type: ignore[call-overload]
