"""FSx File Gateway associations: FSx for Windows File Server file systems attached to a
gateway.

AWS: the file system must exist in the gateway's account and Region (``FileSystemNotFound``
otherwise, looked up in moto's FSx); a gateway takes up to five; once a gateway has an
association, every further one needs its own endpoint IP address
(``FileSystemAssociationEndpointIpAddressMissing``), unused by the others
(``...IpAddressAlreadyInUse``). The ARN is regional:
``...:fs-association/fsa-0DA347732FDB40125``. A new association is ``CREATING``, an updated
one ``UPDATING``, then ``AVAILABLE``; DisassociateFileSystem makes it ``DELETING``
(``FORCE_DELETING`` with ForceDelete), then it is gone (lifecycle
``storagegateway::file-system-association``). The user name and password are never
answered. CacheAttributes are answered once given, AuditDestinationARN while set (``""``
turns audit logs off).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ... import arns, ids, lifecycle, rules
from ...bridges import fsx
from ...gateway_types import FILE_FSX_SMB
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...pagination import paginate
from ...protocol.registry import operation
from . import records
from .records import RegionalStore

if TYPE_CHECKING:
    from ..._generated.shapes import (
        AssociateFileSystemInput,
        AssociateFileSystemOutput,
        CacheAttributes,
        DescribeFileSystemAssociationsInput,
        DescribeFileSystemAssociationsOutput,
        DisassociateFileSystemInput,
        DisassociateFileSystemOutput,
        FileSystemAssociationInfo,
        FileSystemAssociationSummary,
        ListFileSystemAssociationsInput,
        ListFileSystemAssociationsOutput,
        UpdateFileSystemAssociationInput,
        UpdateFileSystemAssociationOutput,
    )
    from ..._generated.shapes import Tag
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext
    from ..gateways import Gateway

CREATING, UPDATING, AVAILABLE = "CREATING", "UPDATING", "AVAILABLE"
MAX_ASSOCIATIONS_PER_GATEWAY = 5


@dataclass(eq=False)
class Association:
    arn: str
    association_id: str
    gateway: "Gateway"
    location_arn: str
    ip_addresses: List[str]
    audit_destination_arn: Optional[str] = None
    cache_attributes: "Optional[CacheAttributes]" = None
    progress: Lifecycle = field(
        default_factory=lambda: Lifecycle(lifecycle.FILE_SYSTEM_ASSOCIATION, CREATING, AVAILABLE)
    )

    @property
    def status(self) -> str:
        return self.progress.state

    @property
    def deleting(self) -> bool:
        return records.deleting(self)

    def as_summary(self) -> "FileSystemAssociationSummary":
        return {
            "FileSystemAssociationId": self.association_id,
            "FileSystemAssociationARN": self.arn,
            "FileSystemAssociationStatus": self.status,
            "GatewayARN": self.gateway.arn,
        }

    def as_shape(self, tags: "List[Tag]") -> "FileSystemAssociationInfo":
        shape: Dict[str, Any] = {
            "FileSystemAssociationARN": self.arn,
            "LocationARN": self.location_arn,
            "FileSystemAssociationStatus": self.status,
            "AuditDestinationARN": self.audit_destination_arn,
            "GatewayARN": self.gateway.arn,
            "Tags": tags,
            "CacheAttributes": self.cache_attributes,
            "EndpointNetworkConfiguration": {"IpAddresses": list(self.ip_addresses)} if self.ip_addresses else None,
        }
        return {key: value for key, value in shape.items() if value is not None}  # type: ignore[return-value]


class Associations(RegionalStore[Association]):
    """The file system associations of one account and region, by ARN and by gateway."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        super().__init__(backend, lifecycle.FILE_SYSTEM_ASSOCIATION, "FileSystemAssociationNotFound")

    def create(self, gateway: "Gateway", location_arn: str, ip_addresses: List[str]) -> Association:
        backend = self._backend
        while True:
            association_id = ids.upper_hex("fsa-", 17)
            arn = arns.association(backend.region_name, backend.account_id, association_id)
            if arn not in self:
                break
        found = Association(arn, association_id, gateway, location_arn, ip_addresses)
        self.add(found)
        return found


def _associations_of(backend: "StorageGatewayBackend") -> Associations:
    return backend.file.associations


records.resolvers(
    rules.ASSOCIATION, rules.ASSOCIATIONS, arns.ASSOCIATION, _associations_of, frozenset({FILE_FSX_SMB})
)


@operation("AssociateFileSystem")
def associate_file_system(ctx: "RequestContext", req: "AssociateFileSystemInput") -> "AssociateFileSystemOutput":
    sgw, gateway = ctx.backend, ctx.gateway

    def associate() -> "AssociateFileSystemOutput":
        location_arn = req["LocationARN"]
        file_system_type = fsx.file_system_type(ctx.account_id, ctx.region, location_arn)
        if file_system_type is None:
            raise invalid("FileSystemNotFound")
        if file_system_type != fsx.WINDOWS:
            raise invalid("InvalidParameters")  # an FSx File Gateway serves Windows file systems
        records.check_cache_attributes(req.get("CacheAttributes"))
        sgw.file.associations.reap()
        held = list(sgw.file.associations.of_gateway(gateway.arn).values())
        if any(other.location_arn == location_arn for other in held):
            raise invalid("InvalidParameters")  # that file system is attached already
        if len(held) >= MAX_ASSOCIATIONS_PER_GATEWAY:
            raise invalid("InvalidParameters")
        addresses = list((req.get("EndpointNetworkConfiguration") or {}).get("IpAddresses") or [])
        if held:
            if not addresses:
                raise invalid("FileSystemAssociationEndpointIpAddressMissing")
            if any(not other.ip_addresses for other in held):
                raise invalid("FileSystemAssociationEndpointConfigurationConflict")
            in_use = {address for other in held for address in other.ip_addresses}
            if in_use & set(addresses):
                raise invalid("FileSystemAssociationEndpointIpAddressAlreadyInUse")
        tags = req.get("Tags") or []
        sgw.tags.check(None, tags)
        found = sgw.file.associations.create(gateway, location_arn, addresses)
        found.audit_destination_arn = req.get("AuditDestinationARN") or None
        found.cache_attributes = req.get("CacheAttributes")
        sgw.tags.add(found.arn, tags)
        return {"FileSystemAssociationARN": found.arn}

    return sgw.idempotency.run("AssociateFileSystem", gateway.arn, req, associate)


@operation("UpdateFileSystemAssociation")
def update_file_system_association(
    ctx: "RequestContext", req: "UpdateFileSystemAssociationInput"
) -> "UpdateFileSystemAssociationOutput":
    found: Association = ctx.resource
    if found.deleting:
        raise invalid("InvalidParameters")
    records.check_cache_attributes(req.get("CacheAttributes"))
    if "AuditDestinationARN" in req:
        found.audit_destination_arn = req["AuditDestinationARN"] or None
    if "CacheAttributes" in req:
        found.cache_attributes = req["CacheAttributes"]
    found.progress = Lifecycle(lifecycle.FILE_SYSTEM_ASSOCIATION, UPDATING, AVAILABLE)
    return {"FileSystemAssociationARN": found.arn}


@operation("DisassociateFileSystem")
def disassociate_file_system(
    ctx: "RequestContext", req: "DisassociateFileSystemInput"
) -> "DisassociateFileSystemOutput":
    found: Association = ctx.resource
    if not found.deleting or req.get("ForceDelete"):
        ctx.backend.file.associations.delete(found, bool(req.get("ForceDelete")))
    return {"FileSystemAssociationARN": found.arn}


@operation("DescribeFileSystemAssociations")
def describe_file_system_associations(
    ctx: "RequestContext", req: "DescribeFileSystemAssociationsInput"
) -> "DescribeFileSystemAssociationsOutput":
    named = ctx.backend.file.associations.reported(ctx.resource)
    return {"FileSystemAssociationInfoList": [found.as_shape(ctx.backend.tags.sorted(found.arn)) for found in named]}


def _listed(found: Association) -> "FileSystemAssociationSummary":
    if not found.deleting:  # advanced (or forgotten) before the page was cut
        found.progress.advance()
    return found.as_summary()


@operation("ListFileSystemAssociations")
def list_file_system_associations(
    ctx: "RequestContext", req: "ListFileSystemAssociationsInput"
) -> "ListFileSystemAssociationsOutput":
    held = ctx.backend.file.associations
    held.advance_deleting()
    if ctx.has_gateway:
        source, scope = held.of_gateway(ctx.gateway.arn), ctx.gateway.arn
    else:
        source, scope = held.store, ""
    page = paginate("ListFileSystemAssociations", req, source, _listed, scope=scope)
    return {"Marker": req.get("Marker"), **page}  # type: ignore[typeddict-item]
