"""Gateway types, and the sets of them that operations accept."""
from __future__ import annotations

CACHED, STORED = "CACHED", "STORED"
VTL, VTL_SNOW = "VTL", "VTL_SNOW"
FILE_S3, FILE_FSX_SMB = "FILE_S3", "FILE_FSX_SMB"
GATEWAY_TYPES = frozenset({CACHED, STORED, VTL, VTL_SNOW, FILE_S3, FILE_FSX_SMB})
VOLUME_TYPES = frozenset({CACHED, STORED})
TAPE_TYPES = frozenset({VTL, VTL_SNOW})
FILE_TYPES = frozenset({FILE_S3, FILE_FSX_SMB})
DEFAULT_GATEWAY_TYPE = CACHED
