"""botocore's Storage Gateway model: the single source of names, shapes and paging."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any, Callable, Dict, FrozenSet, TypeVar

from botocore.loaders import Loader
from botocore.model import OperationModel, ServiceModel, Shape

F = TypeVar("F")

SERVICE_NAME = "storagegateway"
API_VERSION = "2013-06-30"


@lru_cache(maxsize=None)
def _loader() -> Loader:
    return Loader()


@lru_cache(maxsize=None)
def raw_model() -> Dict[str, Any]:
    """``service-2.json`` as botocore ships it."""
    model: Dict[str, Any] = _loader().load_service_model(SERVICE_NAME, "service-2", API_VERSION)
    return model


@lru_cache(maxsize=None)
def service_model() -> ServiceModel:
    return ServiceModel(raw_model(), SERVICE_NAME)


def fingerprint(model: Dict[str, Any]) -> str:
    """A short digest of a model: files generated from it record it, to tell which model they fit."""
    canonical = json.dumps(model, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:16]


@lru_cache(maxsize=None)
def model_fingerprint() -> str:
    """The digest of the installed botocore's Storage Gateway model."""
    return fingerprint(raw_model())


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
def paginators() -> Dict[str, Dict[str, Any]]:
    """``paginators-1.json``, keyed by operation name."""
    config: Dict[str, Dict[str, Any]] = _loader().load_service_model(
        SERVICE_NAME, "paginators-1", API_VERSION
    )["pagination"]
    return config


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
