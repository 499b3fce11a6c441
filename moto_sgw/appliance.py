"""The appliance side: what a gateway's own clients do, which no AWS API does.

An iSCSI initiator writes to a volume, a backup application fills or ejects a tape, an
NFS or SMB client writes a file. A test plays that side with these functions, so that
the API's consequences can be tested end to end. They change records through the
families' own methods, under the backend's lock, in the account and region the
resource's ARN names. An unknown resource or a bad argument raises
:class:`~moto_sgw.ConfigurationError` naming the problem.

In the server: ``POST /moto-sgw/appliance/<name>`` with the same arguments as a JSON
object (see :mod:`moto_sgw.control`).

- :func:`write_volume` -- what an initiator wrote to a volume shows as its
  ``VolumeUsedInBytes`` (and its recovery point's ``VolumeUsageInBytes``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Tuple

from . import arns
from .protocol.errors import ConfigurationError, SgwError

if TYPE_CHECKING:
    from .families.volume.volumes import Volume
    from .models import StorageGatewayBackend

# Name -> function: what the server's /moto-sgw/appliance/<name> endpoints call.
FUNCTIONS: Dict[str, Callable[..., Dict[str, Any]]] = {}

# The volume states in which an initiator can write (AWS: a restoring volume is readable
# and writable; a creating one is not yet usable, nor one without an upload buffer).
WRITABLE = frozenset({"AVAILABLE", "RESTORING", "BOOTSTRAPPING"})


def appliance(func: Callable[..., Dict[str, Any]]) -> Callable[..., Dict[str, Any]]:
    FUNCTIONS[func.__name__] = func
    return func


def _backend_of(arn: Any) -> "Tuple[StorageGatewayBackend, arns.ParsedArn]":
    from .models import storagegateway_backends

    parsed = arns.parse(arn) if isinstance(arn, str) else None
    if parsed is None:
        raise ConfigurationError(f"not a Storage Gateway ARN: {arn!r}")
    try:
        return storagegateway_backends[parsed.account][parsed.region], parsed
    except KeyError:
        raise ConfigurationError(f"no such region: {parsed.region}") from None


def _size(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{name} must be a whole number of bytes, 0 or more, not {value!r}")
    return int(value)


@appliance
def write_volume(volume_arn: str, size_in_bytes: int) -> Dict[str, Any]:
    """An iSCSI initiator has written ``size_in_bytes`` to the volume (set, not added).

    The volume's ``VolumeUsedInBytes`` becomes that much, capped at its size. The volume
    must be attached to a running gateway and writable (``AVAILABLE``, ``RESTORING`` or
    ``BOOTSTRAPPING``). Answers the volume's ARN and its used bytes.
    """
    size = _size(size_in_bytes, "size_in_bytes")
    backend, parsed = _backend_of(volume_arn)
    if parsed.kind != "volume":
        raise ConfigurationError(f"not a volume ARN: {volume_arn!r}")
    with backend.lock:
        volume: Volume
        try:
            volume = backend.volumes.lookup(volume_arn)
        except SgwError:
            raise ConfigurationError(f"no such volume: {volume_arn}") from None
        if not volume.attached:
            raise ConfigurationError(f"volume {volume_arn} is {volume.attachment.state}, not ATTACHED")
        if not volume.gateway.running:
            raise ConfigurationError(f"the gateway of volume {volume_arn} is not running")
        if volume.status not in WRITABLE:
            raise ConfigurationError(f"volume {volume_arn} is {volume.status}: nothing can write to it")
        return {"VolumeARN": volume.arn, "VolumeUsedInBytes": volume.write(size)}
