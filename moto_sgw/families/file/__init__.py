"""The file gateways' own resources: NFS and SMB file shares on S3 (with their cache, cache
reports and SMB settings) and FSx file system associations."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import associations, cache, reports, shares, smb  # noqa: F401  (registers the handlers)

if TYPE_CHECKING:
    from ...models import StorageGatewayBackend


class FileState:
    """Everything of the file gateways in one account and region."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self.shares = shares.FileShares(backend)
        self.smb = smb.SmbStore()
        self.reports = reports.CacheReports(backend)
        self.associations = associations.Associations(backend)
        # A share's cache reports go with it (AWS does not say; see README).
        self.shares.on_gone.append(self.reports.drop_share)

    def drop_gateway(self, gateway_arn: str) -> None:
        """A gateway was deleted: its shares, reports, associations and settings go with it."""
        self.shares.drop_gateway(gateway_arn)
        self.associations.drop_gateway(gateway_arn)
        self.smb.drop_gateway(gateway_arn)
