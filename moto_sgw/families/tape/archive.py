"""The archive (VTS): archived tapes, their retrieval to a gateway, cancelling an archival
or a retrieval, deleting an archived tape.

AWS: "You can cancel archival only when the tape's status is IN TRANSIT TO VTS"; a retrieval
needs an ``ARCHIVED`` tape and a tape gateway, and a tape retrieved to one gateway "cannot
be retrieved again to another gateway"; CancelRetrieval returns the tape to the VTS while it
is being retrieved. Refusals without a documented code answer ``InvalidParameters``; a tape
that is not where the request says answers ``TapeCartridgeNotFound``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict

from ...messages import invalid
from ...protocol.registry import operation
from .tapes import ARCHIVED, FROM_VTS, IN_TRANSIT, IN_VTS, RETRIEVING, Tape, filtered

if TYPE_CHECKING:
    from ..._generated.shapes import (
        CancelArchivalInput,
        CancelArchivalOutput,
        CancelRetrievalInput,
        CancelRetrievalOutput,
        DeleteTapeArchiveInput,
        DeleteTapeArchiveOutput,
        DescribeTapeArchivesInput,
        DescribeTapeArchivesOutput,
        RetrieveTapeArchiveInput,
        RetrieveTapeArchiveOutput,
    )
    from ...protocol.context import RequestContext


def _archived(tape: Tape) -> Dict[str, Any]:
    tape.report()
    return tape.as_archive()


@operation("DescribeTapeArchives")
def describe_tape_archives(
    ctx: "RequestContext", req: "DescribeTapeArchivesInput"
) -> "DescribeTapeArchivesOutput":
    tapes = ctx.backend.tape.tapes
    tapes.settle()  # a tape still on its way is not in the archive, nor reported by it
    return filtered("DescribeTapeArchives", req, tapes.archive, _archived, "")  # type: ignore[return-value]


@operation("RetrieveTapeArchive")
def retrieve_tape_archive(ctx: "RequestContext", req: "RetrieveTapeArchiveInput") -> "RetrieveTapeArchiveOutput":
    tapes = ctx.backend.tape.tapes
    tape = tapes.lookup(req["TapeARN"])
    if tape.place != IN_VTS:
        # Not archived, or retrieved already ("cannot be retrieved again to another gateway").
        raise invalid("InvalidParameters")
    tapes.retrieve(tape, ctx.gateway)
    return {"TapeARN": tape.arn}


@operation("CancelArchival")
def cancel_archival(ctx: "RequestContext", req: "CancelArchivalInput") -> "CancelArchivalOutput":
    tapes = ctx.backend.tape.tapes
    tape = tapes.on(ctx.gateway, req["TapeARN"])
    if tape.status != IN_TRANSIT:
        raise invalid("InvalidParameters")  # "only when the tape's status is IN TRANSIT TO VTS"
    tapes.cancel_archival(tape)
    return {"TapeARN": tape.arn}


@operation("CancelRetrieval")
def cancel_retrieval(ctx: "RequestContext", req: "CancelRetrievalInput") -> "CancelRetrievalOutput":
    tapes = ctx.backend.tape.tapes
    tape = tapes.on(ctx.gateway, req["TapeARN"])
    if tape.place != FROM_VTS or tape.status != RETRIEVING:
        raise invalid("InvalidParameters")  # only a retrieval in progress
    tapes.cancel_retrieval(tape)  # "The virtual tape is returned to the VTS."
    return {"TapeARN": tape.arn}


@operation("DeleteTapeArchive")
def delete_tape_archive(ctx: "RequestContext", req: "DeleteTapeArchiveInput") -> "DeleteTapeArchiveOutput":
    tape: Tape = ctx.resource
    if tape.status != ARCHIVED:
        raise invalid("InvalidParameters")  # on a gateway, archiving, or retrieved
    ctx.backend.tape.pools.check_removal(tape, bool(req.get("BypassGovernanceRetention")))
    ctx.backend.tape.tapes.remove(tape)
    return {"TapeARN": tape.arn}

