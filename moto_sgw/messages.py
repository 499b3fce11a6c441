"""The catalogue of Storage Gateway's error codes and the messages AWS documents for them.

Handlers raise ``invalid("GatewayNotFound")``; the wording lives here only. Codes
and messages are those of the user guide's "Operation Error Codes" table, plus
``UnsupportedOperationForGatewayType`` with the text seen on the wire, plus the file
gateway guides' codes that the model's enum lacks (``FileShareNotFound``,
``FileSystemAssociationNotFound``, ``FileSystemNotFound`` and the endpoint codes of
AssociateFileSystem).
"""
from __future__ import annotations

from typing import Optional

from .protocol.errors import InvalidGatewayRequest

MESSAGES = {
    "ActivationKeyExpired": "The specified activation key has expired.",
    "ActivationKeyInvalid": "The specified activation key is invalid.",
    "ActivationKeyNotFound": "The specified activation key was not found.",
    "DiskAlreadyAllocated": "The specified disk is already allocated.",
    "DiskDoesNotExist": "The specified disk does not exist.",
    "DiskSizeGreaterThanVolumeMaxSize": "The specified disk size is greater than the maximum volume size.",
    "DiskSizeLessThanVolumeSize": "The specified disk size is less than the volume size.",
    "DiskSizeNotGigAligned": "The specified disk size is not gigabyte-aligned.",
    # The S3 and FSx File Gateway guides' error table (outside the model's enum).
    "FileShareNotFound": "The specified file share was not found.",
    "FileSystemAssociationEndpointConfigurationConflict": (
        "Existing File System Association endpoint configuration conflicts with specified configuration."
    ),
    "FileSystemAssociationEndpointIpAddressAlreadyInUse": "The specified endpoint IP address is already in use.",
    "FileSystemAssociationEndpointIpAddressMissing": "File System Association Endpoint IP address is missing.",
    "FileSystemAssociationNotFound": "The specified file system association was not found.",
    "FileSystemNotFound": "The specified file system was not found.",
    "GatewayNotConnected": "The specified gateway is not connected.",
    "GatewayNotFound": "The specified gateway was not found.",
    "InitiatorNotFound": "The specified initiator was not found.",
    "InvalidParameters": "The specified request contains invalid parameters.",
    # Not in the user guide's table (which predates schedules); worded as its neighbours are.
    "InvalidSchedule": "The specified schedule is invalid.",
    # In the enum, not in the table: a second JoinDomain while the first still runs.
    "JoinDomainInProgress": "The specified gateway is already joining a domain.",
    # In the enum, not in the table; worded as MaximumVolumeCountExceeded is.
    "MaximumTapeCartridgeCountExceeded": "The maximum tape cartridge count was exceeded.",
    "MaximumVolumeCountExceeded": "The maximum volume count was exceeded.",
    "NotSupported": "The specified operation is not supported.",
    "RegionInvalid": "The specified region is invalid.",
    "SnapshotIdInvalid": "The specified snapshot is invalid.",
    # The enum's only tape code; no message is documented.
    "TapeCartridgeNotFound": "The specified tape was not found.",
    "TargetAlreadyExists": "The specified target already exists.",
    "TargetNotFound": "The specified target was not found.",
    "UnsupportedOperationForGatewayType": "This operation is not valid for the specified gateway.",
    "VolumeInUse": "The specified volume is already in use.",
    "VolumeNotFound": "The specified volume was not found.",
    "VolumeNotReady": "The specified volume is not ready.",
}


def invalid(code: str, message: Optional[str] = None) -> InvalidGatewayRequest:
    """An ``InvalidGatewayRequestException`` with ``code`` and its documented message."""
    return InvalidGatewayRequest(code, message or MESSAGES[code])
