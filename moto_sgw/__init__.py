"""moto-sgw: a stateful AWS Storage Gateway for moto 5.

``import moto_sgw`` registers the service with moto, so moto's own ``mock_aws``
serves it; :class:`mock_storagegateway` does the same with an ID format of choice.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar, overload

from moto.core.decorator import mock_aws  # where every moto 5 release defines it
from moto.core.models import MockAWS

from . import ids
from .faults import active_faults, clear_faults, inject_fault
from .protocol.errors import ConfigurationError
from .registration import register

__all__ = [
    "ConfigurationError",
    "MockStorageGateway",
    "active_faults",
    "clear_faults",
    "inject_fault",
    "mock_storagegateway",
    "register",
]
__version__ = "0.1.0"

register()


T = TypeVar("T", bound=Callable[..., Any])


class MockStorageGateway(MockAWS):
    """The mock that :func:`mock_storagegateway` returns (a moto ``MockAWS``)."""

    def __init__(self, id_format: Optional[str] = None, config: Optional[Any] = None) -> None:
        # Delegate to a real mock_aws: MockAWS counts nesting per class, so a bare
        # subclass would fight an enclosing mock_aws over the patching.
        self._inner = mock_aws(config=config)
        self._id_format = ids.validate_format(id_format) if id_format is not None else None

    def start(self, reset: bool = True) -> None:
        register()
        ids.push_format(self._id_format)
        try:
            self._inner.start(reset=reset)
        except BaseException:
            ids.pop_format()
            raise

    def stop(self, remove_data: bool = True) -> None:
        try:
            self._inner.stop(remove_data=remove_data)
        finally:
            ids.pop_format()
            clear_faults()  # faults end with the mock


@overload
def mock_storagegateway(func: T) -> T: ...


@overload
def mock_storagegateway(
    func: None = None, *, id_format: Optional[str] = None, config: Optional[Any] = None
) -> MockStorageGateway: ...


def mock_storagegateway(
    func: Optional[Callable[..., Any]] = None,
    *,
    id_format: Optional[str] = None,
    config: Optional[Any] = None,
) -> Any:
    """Mock Storage Gateway, and every other moto service, like moto's ``mock_aws``.

    A function or class decorator (``unittest.TestCase`` too), with or without
    arguments; a context manager; or ``start()``/``stop()``. ``id_format`` ("long" or
    "short") overrides ``MOTO_SGW_ID_FORMAT`` while the mock is active.
    """
    mock = MockStorageGateway(id_format=id_format, config=config)
    return mock(func) if func is not None else mock
