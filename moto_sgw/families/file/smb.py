"""A file gateway's SMB settings: the Active Directory domain, the guest password, the
security strategy, the visibility of shares and the local groups.

AWS: DescribeSMBSettings reports ``DETACHED`` for a gateway that never joined a domain,
``JOINING`` while JoinDomain runs and ``JOINED`` once it succeeded (through the lifecycle
model ``storagegateway::domain-join``), with ``DomainName`` only when joined. A new S3 File
Gateway has no guest password, hides its shares and enforces encryption
(``MandatoryEncryption``, the default "for gateways activated on June 20, 2019 and
later"). ``SMBGuestPasswordSet`` and ``FileSharesVisible`` are "Only supported for S3 File
Gateways", so an FSx File Gateway's answer leaves them out. The guest password is never
answered, nor kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional

from ... import lifecycle
from ...gateway_types import FILE_S3
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...protocol.registry import operation

if TYPE_CHECKING:
    from ..._generated.shapes import (
        DescribeSMBSettingsInput,
        DescribeSMBSettingsOutput,
        JoinDomainInput,
        JoinDomainOutput,
        SetSMBGuestPasswordInput,
        SetSMBGuestPasswordOutput,
        UpdateSMBFileShareVisibilityInput,
        UpdateSMBFileShareVisibilityOutput,
        UpdateSMBLocalGroupsInput,
        UpdateSMBLocalGroupsOutput,
        UpdateSMBSecurityStrategyInput,
        UpdateSMBSecurityStrategyOutput,
    )
    from ...protocol.context import RequestContext
    from ..gateways import Gateway

DETACHED, JOINING, JOINED = "DETACHED", "JOINING", "JOINED"
DEFAULT_STRATEGY = "MandatoryEncryption"
# "ClientSpecified: ... Supported only for S3 File Gateway."
S3_ONLY_STRATEGIES = frozenset({"ClientSpecified"})


@dataclass
class SmbSettings:
    domain: Optional[str] = None
    join: Optional[Lifecycle] = None  # None: never asked to join a domain
    guest_password_set: bool = False
    strategy: str = DEFAULT_STRATEGY
    shares_visible: bool = False
    gateway_admins: List[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return DETACHED if self.join is None else self.join.state

    @property
    def joined(self) -> bool:
        return self.status == JOINED


class SmbStore:
    """The SMB settings of the file gateways of one account and region, by gateway ARN."""

    def __init__(self) -> None:
        self._by_gateway: Dict[str, SmbSettings] = {}

    def of(self, gateway: "Gateway") -> SmbSettings:
        settings = self._by_gateway.get(gateway.arn)
        if settings is None:
            settings = self._by_gateway[gateway.arn] = SmbSettings()
        return settings

    def drop_gateway(self, gateway_arn: str) -> None:
        self._by_gateway.pop(gateway_arn, None)


@operation("DescribeSMBSettings")
def describe_smb_settings(ctx: "RequestContext", req: "DescribeSMBSettingsInput") -> "DescribeSMBSettingsOutput":
    gateway = ctx.gateway
    settings = ctx.backend.file.smb.of(gateway)
    if settings.join is not None:
        settings.join.advance()
    out: "DescribeSMBSettingsOutput" = {
        "GatewayARN": gateway.arn,
        "ActiveDirectoryStatus": settings.status,  # type: ignore[typeddict-item]
        "SMBSecurityStrategy": settings.strategy,  # type: ignore[typeddict-item]
        "SMBLocalGroups": {"GatewayAdmins": list(settings.gateway_admins)},
    }
    if settings.joined and settings.domain is not None:
        out["DomainName"] = settings.domain
    if gateway.gateway_type == FILE_S3:
        out["SMBGuestPasswordSet"] = settings.guest_password_set
        out["FileSharesVisible"] = settings.shares_visible
    return out


@operation("JoinDomain")
def join_domain(ctx: "RequestContext", req: "JoinDomainInput") -> "JoinDomainOutput":
    settings = ctx.backend.file.smb.of(ctx.gateway)
    if settings.status == JOINING:
        raise invalid("JoinDomainInProgress")
    # The credentials only serve the join; like AWS, nothing keeps or answers them.
    settings.domain = req["DomainName"]
    settings.join = Lifecycle(lifecycle.DOMAIN_JOIN, JOINING, JOINED)
    return {"GatewayARN": ctx.gateway.arn, "ActiveDirectoryStatus": settings.status}  # type: ignore[typeddict-item]


@operation("SetSMBGuestPassword")
def set_smb_guest_password(ctx: "RequestContext", req: "SetSMBGuestPasswordInput") -> "SetSMBGuestPasswordOutput":
    ctx.backend.file.smb.of(ctx.gateway).guest_password_set = True
    return {"GatewayARN": ctx.gateway.arn}


@operation("UpdateSMBSecurityStrategy")
def update_smb_security_strategy(
    ctx: "RequestContext", req: "UpdateSMBSecurityStrategyInput"
) -> "UpdateSMBSecurityStrategyOutput":
    strategy = req["SMBSecurityStrategy"]
    if strategy in S3_ONLY_STRATEGIES and ctx.gateway.gateway_type != FILE_S3:
        raise invalid("InvalidParameters")
    ctx.backend.file.smb.of(ctx.gateway).strategy = strategy
    return {"GatewayARN": ctx.gateway.arn}


@operation("UpdateSMBFileShareVisibility")
def update_smb_file_share_visibility(
    ctx: "RequestContext", req: "UpdateSMBFileShareVisibilityInput"
) -> "UpdateSMBFileShareVisibilityOutput":
    ctx.backend.file.smb.of(ctx.gateway).shares_visible = req["FileSharesVisible"]
    return {"GatewayARN": ctx.gateway.arn}


@operation("UpdateSMBLocalGroups")
def update_smb_local_groups(ctx: "RequestContext", req: "UpdateSMBLocalGroupsInput") -> "UpdateSMBLocalGroupsOutput":
    admins = req["SMBLocalGroups"].get("GatewayAdmins")
    if admins is not None:  # "GatewayAdmins" left out keeps the list
        ctx.backend.file.smb.of(ctx.gateway).gateway_admins = list(admins)
    return {"GatewayARN": ctx.gateway.arn}
