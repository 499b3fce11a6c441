"""The pytest plugin (entry point group ``pytest11``): registration and fixtures."""
from __future__ import annotations

import os
from typing import Any, Iterator

import pytest

from .registration import register


def pytest_configure(config: Any) -> None:
    register()


@pytest.fixture
def storagegateway() -> Iterator[Any]:
    """A boto3 Storage Gateway client inside a fresh ``mock_storagegateway``.

    Its region is ``AWS_DEFAULT_REGION`` or ``us-east-1``. EC2 and every other moto
    service are mocked in the same world, so ``boto3.client("ec2")`` sees its snapshots.
    """
    import boto3

    from . import mock_storagegateway

    with mock_storagegateway():
        region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
        yield boto3.client("storagegateway", region_name=region)
