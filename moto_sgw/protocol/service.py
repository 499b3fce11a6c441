"""botocore's Storage Gateway model: the single source of names, shapes and paging."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Dict, FrozenSet, TypeVar

from botocore.loaders import Loader
from botocore.model import OperationModel, ServiceModel, Shape

F = TypeVar("F")

SERVICE_NAME = "storagegateway"
API_VERSION = "2013-06-30"


@lru_cache(maxsize=None)
def _loader() -> Loader:
    return Loader()


@lru_cache(maxsize=None)
def service_model() -> ServiceModel:
    loader = _loader()
    return ServiceModel(
        loader.load_service_model(SERVICE_NAME, "service-2", API_VERSION), SERVICE_NAME
    )


@lru_cache(maxsize=None)
def target_prefixes() -> FrozenSet[str]:
    """Prefixes accepted in ``X-Amz-Target``.

    The model's prefix, and the 2012 one that AWS's own user-guide samples still show
    and that the real service was seen to accept.
    """
    return frozenset({service_model().metadata["targetPrefix"], "StorageGateway_20120630"})


@lru_cache(maxsize=None)
def operation_names() -> FrozenSet[str]:
    return frozenset(service_model().operation_names)


@lru_cache(maxsize=None)
def operation_model(name: str) -> OperationModel:
    return service_model().operation_model(name)


@lru_cache(maxsize=None)
def paginators() -> Dict[str, dict]:
    """``paginators-1.json``, keyed by operation name."""
    return _loader().load_service_model(SERVICE_NAME, "paginators-1", API_VERSION)[
        "pagination"
    ]


def per_shape(build: Callable[[Shape], F]) -> Callable[[Shape], F]:
    """``build`` compiled once per shape name: decoders, checkers and encoders use it.

    ``build`` must not call the compiled function of another shape while building
    (only when run), so that recursive shapes compile.
    """
    cache: Dict[str, F] = {}

    def compiled(shape: Shape) -> F:
        found = cache.get(shape.name)
        if found is None:
            found = cache[shape.name] = build(shape)
        return found

    return compiled
