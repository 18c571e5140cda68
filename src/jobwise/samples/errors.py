"""What can go wrong with an upload; every message says what to do next."""

from __future__ import annotations

from jobwise.errors import InvalidInput, NotFound, PayloadTooLarge, UnsupportedMediaType


class SampleNotFound(NotFound):
    code = "sample_not_found"


class FileTooLarge(PayloadTooLarge):
    code = "file_too_large"


class UnsupportedFileType(UnsupportedMediaType):
    code = "unsupported_file_type"


class MultipartRequired(UnsupportedMediaType):
    code = "multipart_required"


class FileTypeMismatch(UnsupportedMediaType):
    code = "file_type_mismatch"


class InvalidMultipart(InvalidInput):
    code = "invalid_multipart"


class EncryptedFile(InvalidInput):
    code = "encrypted_file"


class CorruptFile(InvalidInput):
    code = "corrupt_file"


class UnsafeFile(InvalidInput):
    """A zip bomb, an XML entity declaration: refused before any parser sees it."""

    code = "unsafe_file"


class FileTooComplex(InvalidInput):
    """The PDF reader ran out of its CPU, memory or time budget."""

    code = "file_too_complex"


class NoTextFound(InvalidInput):
    code = "no_text_found"


class TooMuchText(InvalidInput):
    code = "too_much_text"
