"""Where private files (resumes, cheatsheet PDFs) live: local disk by default, an S3-compatible
bucket when `STORAGE_BUCKET` is set (several web and worker machines then share the files).

Both storages write all or nothing: a full disk or a failed upload leaves no partial file, and
`storage_save` turns the failure into one exception, `StorageWriteFailed`, whose message a
candidate can read. Neither storage has a public URL: files reach their owner only through the
authenticated views in `core/http.py`.
"""

import contextlib
import errno
import logging
import os
import secrets

from django.core.files import locks
from django.core.files.move import file_move_safe
from django.core.files.storage import FileSystemStorage

logger = logging.getLogger("core.storage")

FULL_MESSAGE = ("Saylo could not store your file because the server is out of space. Nothing was saved — "
                "try again later, or paste your resume text instead.")
FAILED_MESSAGE = ("Saylo could not store your file just now. Nothing was saved — try again in a moment, "
                  "or paste your resume text instead.")


class StorageWriteFailed(Exception):
    """A file could not be stored; nothing of it was kept. `message` is for the candidate."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PrivateFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that writes into a hidden temporary file beside the target and links it
    into place only when every byte is on disk, so a full disk or a crash mid-write never leaves a
    truncated file under a real name (Django's own `_save` writes in place and keeps what it wrote)."""

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        if self.directory_permissions_mode is not None:
            os.chmod(directory, self.directory_permissions_mode)
        temp_path = os.path.join(directory, f".partial-{secrets.token_hex(8)}")
        try:
            if hasattr(content, "temporary_file_path"):
                file_move_safe(content.temporary_file_path(), temp_path)
            else:
                fd = os.open(temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                with os.fdopen(fd, "wb") as handle:
                    locks.lock(handle, locks.LOCK_EX)
                    for chunk in content.chunks():
                        handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                    handle.flush()
                    os.fsync(handle.fileno())
            while True:
                try:
                    os.link(temp_path, full_path)  # fails if the name exists: never overwrite
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_path)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")


try:  # django-storages is installed with requirements.txt; this keeps local-only installs working
    from storages.backends.s3 import S3Storage
except ImportError:  # pragma: no cover
    S3Storage = None

if S3Storage is not None:
    class PrivateS3Storage(S3Storage):
        """An S3-compatible bucket for private files: objects are private, never overwritten,
        and `url()` is refused so no code path can hand out a direct link by mistake."""

        default_acl = "private"
        querystring_auth = True
        file_overwrite = False

        def url(self, name, parameters=None, expire=None, http_method=None):
            raise NotImplementedError("Private files have no URL; stream them through core.http.")


def is_s3(storage) -> bool:
    return S3Storage is not None and isinstance(storage, S3Storage)


def storage_save(field_file, name: str, content, *, save: bool = False) -> None:
    """`field_file.save(name, content)` that raises StorageWriteFailed when the disk is full, the
    bucket refuses the object or the storage cannot be reached. Nothing is kept then: both storages
    write all or nothing, and the field keeps the name it had (an older file stays intact)."""
    try:
        field_file.save(name, content, save=save)
    except OSError as exc:
        logger.exception("storing %s failed", name)
        raise StorageWriteFailed(FULL_MESSAGE if exc.errno in {errno.ENOSPC, errno.EDQUOT} else FAILED_MESSAGE) from exc
    except Exception as exc:
        if not _is_storage_error(exc):
            raise
        logger.exception("storing %s failed", name)
        raise StorageWriteFailed(FAILED_MESSAGE) from exc


def _is_storage_error(exc: Exception) -> bool:
    try:
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, (BotoCoreError, ClientError, Boto3Error))
