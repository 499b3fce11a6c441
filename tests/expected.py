"""The errors AWS documents for Storage Gateway, as the tests expect them.

This is the test suite's own statement of AWS's error codes and messages: it is
deliberately not imported from ``moto_sgw``, so the tests check the plugin against it.
"""
from __future__ import annotations

from typing import Dict, Tuple

INVALID_GATEWAY_REQUEST = "InvalidGatewayRequestException"

# error.errorCode -> Message of an InvalidGatewayRequestException.
MESSAGES: Dict[str, str] = {
    "ActivationKeyInvalid": "The specified activation key is invalid.",
    "DiskAlreadyAllocated": "The specified disk is already allocated.",
    "DiskDoesNotExist": "The specified disk does not exist.",
    "DiskSizeLessThanVolumeSize": "The specified disk size is less than the volume size.",
    # The file gateway guides' table (codes outside the model's enum).
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
    # Not in AWS's table; worded as its neighbours are (the project's choice, see README).
    "InvalidSchedule": "The specified schedule is invalid.",
    # In the model's enum, not in AWS's table; the project's wording (see README).
    "JoinDomainInProgress": "The specified gateway is already joining a domain.",
    # In the model's enum, not in AWS's table; the project's wording (see README).
    "MaximumTapeCartridgeCountExceeded": "The maximum tape cartridge count was exceeded.",
    "MaximumVolumeCountExceeded": "The maximum volume count was exceeded.",
    "RegionInvalid": "The specified region is invalid.",
    "SnapshotIdInvalid": "The specified snapshot is invalid.",
    # The enum's only tape code; no message is documented (the project's wording, see README).
    "TapeCartridgeNotFound": "The specified tape was not found.",
    "TargetAlreadyExists": "The specified target already exists.",
    "TargetNotFound": "The specified target was not found.",
    "UnsupportedOperationForGatewayType": "This operation is not valid for the specified gateway.",
    "VolumeInUse": "The specified volume is already in use.",
    "VolumeNotFound": "The specified volume was not found.",
    "VolumeNotReady": "The specified volume is not ready.",
}


def sgw_fault(code: str) -> Tuple[str, str, str]:
    """(Code, Message, error.errorCode) of the InvalidGatewayRequestException ``code``, as ``sgw_error`` gives it."""
    return (INVALID_GATEWAY_REQUEST, MESSAGES[code], code)


ACTIVATION_KEY_INVALID = sgw_fault("ActivationKeyInvalid")
DISK_ALREADY_ALLOCATED = sgw_fault("DiskAlreadyAllocated")
DISK_DOES_NOT_EXIST = sgw_fault("DiskDoesNotExist")
DISK_TOO_SMALL = sgw_fault("DiskSizeLessThanVolumeSize")
FILE_SHARE_NOT_FOUND = sgw_fault("FileShareNotFound")
ASSOCIATION_NOT_FOUND = sgw_fault("FileSystemAssociationNotFound")
FILE_SYSTEM_NOT_FOUND = sgw_fault("FileSystemNotFound")
ENDPOINT_IP_MISSING = sgw_fault("FileSystemAssociationEndpointIpAddressMissing")
ENDPOINT_IP_IN_USE = sgw_fault("FileSystemAssociationEndpointIpAddressAlreadyInUse")
ENDPOINT_CONFLICT = sgw_fault("FileSystemAssociationEndpointConfigurationConflict")
JOIN_DOMAIN_IN_PROGRESS = sgw_fault("JoinDomainInProgress")
GATEWAY_NOT_CONNECTED = sgw_fault("GatewayNotConnected")
GATEWAY_NOT_FOUND = sgw_fault("GatewayNotFound")
INITIATOR_NOT_FOUND = sgw_fault("InitiatorNotFound")
INVALID_SCHEDULE = sgw_fault("InvalidSchedule")
INVALID_PARAMETERS = sgw_fault("InvalidParameters")
MAX_VOLUMES = sgw_fault("MaximumVolumeCountExceeded")
MAX_TAPES = sgw_fault("MaximumTapeCartridgeCountExceeded")
TAPE_NOT_FOUND = sgw_fault("TapeCartridgeNotFound")
# "The specified pool was not found" (what Terraform matches), with InvalidParameters.
POOL_NOT_FOUND = (INVALID_GATEWAY_REQUEST, "The specified pool was not found.", "InvalidParameters")
REGION_INVALID = sgw_fault("RegionInvalid")
SNAPSHOT_INVALID = sgw_fault("SnapshotIdInvalid")
TARGET_ALREADY_EXISTS = sgw_fault("TargetAlreadyExists")
TARGET_NOT_FOUND = sgw_fault("TargetNotFound")
UNSUPPORTED_FOR_TYPE = sgw_fault("UnsupportedOperationForGatewayType")
VOLUME_IN_USE = sgw_fault("VolumeInUse")
VOLUME_NOT_FOUND = sgw_fault("VolumeNotFound")
VOLUME_NOT_READY = sgw_fault("VolumeNotReady")

# Well-formed ARNs of gateways never activated (default account and region). The two
# ids are kept as the tests had them, so that no test's input changes.
UNKNOWN_GATEWAY = "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-00000000"
MISSING_GATEWAY = "arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-12345678"
# Well-formed ARNs of file resources never made (default account and region).
UNKNOWN_SHARE = "arn:aws:storagegateway:us-east-1:123456789012:share/share-00000000"
UNKNOWN_ASSOCIATION = "arn:aws:storagegateway:us-east-1:123456789012:fs-association/fsa-00000000000000000"
UNKNOWN_CACHE_REPORT = UNKNOWN_SHARE + "/cache-report/report-00000000"
# ... and of tape resources.
UNKNOWN_TAPE = "arn:aws:storagegateway:us-east-1:123456789012:tape/NOTAPE00"
UNKNOWN_POOL = "arn:aws:storagegateway:us-east-1:123456789012:tapepool/pool-00000000"
