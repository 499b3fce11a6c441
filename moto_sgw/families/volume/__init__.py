"""The volume gateway's own resources: cached and stored volumes, snapshots, schedules."""
from . import schedules, snapshots, volumes  # noqa: F401
