"""The exception tree every service function raises, written once.

    CivicdeskError                  code, message, optional field; never carries secrets
    ├── NotFound                    404: also what another organisation's objects look like
    ├── PermissionDenied            403: the actor may see the object but not do this
    ├── InvalidInput                400: bad values from a user, a file or the API
    └── Conflict                    409: the object is not in a state that allows this

Views, the API and commands turn these into a status code, an error body or a `FILE:LINE: message`
line; they never show a traceback.
"""


class CivicdeskError(Exception):
    status = 400
    code = "error"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict:
        error = {"code": self.code, "message": self.message}
        if self.field:
            error["field"] = self.field
        return {"error": error}


class NotFound(CivicdeskError):
    status = 404
    code = "not_found"


class PermissionDenied(CivicdeskError):
    status = 403
    code = "permission_denied"


class InvalidInput(CivicdeskError):
    status = 400
    code = "invalid"


class Conflict(CivicdeskError):
    status = 409
    code = "conflict"
