"""Resource families: records, stores and the operation handlers of each.

Shared by every gateway kind: gateways, disks, tags, CHAP credentials, bandwidth limits,
maintenance windows, the availability test. Each kind's own resources have a package:
``volume/``, ``file/`` and ``tape/``. Importing this package registers every handler.
"""
from . import availability, bandwidth, chap, disks, file, gateways, maintenance, tags, tape, volume  # noqa: F401
