"""The errors a request can end in. :mod:`moto_sgw.protocol.encode` turns them into HTTP."""
from __future__ import annotations

from typing import Dict, Optional


class SgwError(Exception):
    """An error answered to the caller; ``type_name`` is the wire ``__type``."""

    type_name = "SgwError"
    status = 400

    def __init__(self, message: Optional[str] = None) -> None:
        super().__init__(message or self.type_name)
        self.message = message

    def body(self) -> Dict[str, object]:
        body: Dict[str, object] = {"__type": self.type_name}
        if self.message is not None:
            body["message"] = self.message
        return body


class _ModeledError(SgwError):
    """Storage Gateway's modeled errors: ``message`` plus ``error: {errorCode, errorDetails}``."""

    def __init__(
        self,
        error_code: str,
        message: str,
        error_details: Optional[Dict[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.error_details = error_details

    def body(self) -> Dict[str, object]:
        error: Dict[str, object] = {"errorCode": self.error_code}
        if self.error_details:
            error["errorDetails"] = dict(self.error_details)
        # Key order as in a captured real response: __type, error, message.
        return {"__type": self.type_name, "error": error, "message": self.message}


class InvalidGatewayRequest(_ModeledError):
    """``InvalidGatewayRequestException``: the caller asked for something invalid."""

    type_name = "InvalidGatewayRequestException"


class InternalServerError(_ModeledError):
    """``InternalServerError``: a fault of the service (here: of the mock itself).

    The user guide's table gives HTTP 500 for it; the API reference pages print 400
    because the model sets no status. We follow the user guide.
    """

    type_name = "InternalServerError"
    status = 500


class ServiceUnavailableError(_ModeledError):
    """``ServiceUnavailableError`` (HTTP 503): the service is briefly unable to answer."""

    type_name = "ServiceUnavailableError"
    status = 503


class ThrottlingException(SgwError):
    """``ThrottlingException`` (HTTP 400, "Rate exceeded"): too many requests; clients retry it."""

    type_name = "ThrottlingException"


class ValidationException(SgwError):
    type_name = "ValidationException"


class SerializationException(SgwError):
    type_name = "SerializationException"


class UnknownOperationException(SgwError):
    type_name = "UnknownOperationException"


class NotImplementedOperation(SgwError):
    """An operation of the model that moto-sgw does not serve: a gap of the mock, not AWS's answer.

    HTTP 501 with a JSON body naming the operation, so that no client takes it for one of
    AWS's modeled errors (botocore reports ``Error.Code`` ``NotImplementedError``).
    """

    type_name = "NotImplementedError"
    status = 501

    def __init__(self, operation: str) -> None:
        super().__init__(f"moto-sgw does not implement the Storage Gateway operation {operation} yet.")
        self.operation = operation

    def body(self) -> Dict[str, object]:
        body = super().body()
        body["operation"] = self.operation
        return body


class ResultError(Exception):
    """A handler returned something its operation's output shape does not allow: a bug of the mock.

    Never answered as such: the pipeline logs it and answers ``InternalServerError``.
    """

    def __init__(self, problem: str, path: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = path

    def under(self, step: str) -> "ResultError":
        """The same problem, one step further from the top of the result."""
        return ResultError(self.problem, f"{step}.{self.path}" if self.path else step)

    def __str__(self) -> str:
        return f"{self.path or '<result>'}: {self.problem}"


class ConfigurationError(ValueError):
    """A setting of moto-sgw itself is wrong (for example ``MOTO_SGW_ID_FORMAT``).

    Not an AWS error: it is raised to the Python caller and never answered on the wire.
    """
