"""Resource families: records, stores and the operation handlers of each.

Importing this package registers every handler with the protocol layer.
"""
from . import disks, gateways, snapshots, tags, volumes  # noqa: F401
