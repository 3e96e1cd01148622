"""Turn the `code` a Lambda function receives under mocks into zip bytes.

Under mocks the `pulumi.AssetArchive` / `pulumi.FileArchive` object itself arrives, not
the engine's serialised form, so the zip the real provider would upload is rebuilt here.
Entries get a fixed timestamp so the same sources always give the same CodeSha256.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pulumi

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


class UnsupportedArchiveError(TypeError):
    """The code is something the sandbox cannot package (remote, or not an archive)."""


def zip_bytes(code: object) -> bytes:
    """The deployment package for `code`, as AWS Lambda's ZipFile expects it."""
    if isinstance(code, pulumi.FileArchive) and _is_zip(Path(code.path)):
        return Path(code.path).read_bytes()  # already a package: upload it unchanged
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in sorted(_entries(code, prefix="")):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.external_attr = 0o644 << 16  # readable by the runtime's user
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)
    return buffer.getvalue()


def _entries(code: object, prefix: str) -> list[tuple[str, bytes]]:
    if isinstance(code, pulumi.AssetArchive):
        entries: list[tuple[str, bytes]] = []
        for name, member in code.assets.items():
            if isinstance(member, pulumi.Asset):
                entries.append((prefix + name, _asset_bytes(member)))
            else:  # a nested archive is unpacked under its name, as the engine does
                entries.extend(_entries(member, f"{prefix}{name}/"))
        return entries
    if isinstance(code, pulumi.FileArchive):
        return [(prefix + name, data) for name, data in _file_archive_entries(Path(code.path))]
    if isinstance(code, (pulumi.RemoteArchive, pulumi.RemoteAsset)):
        raise UnsupportedArchiveError(
            f"remote code ({code.uri}) cannot be fetched in the offline sandbox"
        )
    raise UnsupportedArchiveError(
        f"Lambda code must be a pulumi.AssetArchive or pulumi.FileArchive, got {type(code).__name__}"
    )


def _asset_bytes(asset: pulumi.Asset) -> bytes:
    if isinstance(asset, pulumi.StringAsset):
        return asset.text.encode()
    if isinstance(asset, pulumi.FileAsset):
        return Path(asset.path).read_bytes()
    raise UnsupportedArchiveError(
        f"remote asset ({getattr(asset, 'uri', asset)}) cannot be fetched offline"
    )


def _file_archive_entries(path: Path) -> list[tuple[str, bytes]]:
    if path.is_dir():
        return [
            (file.relative_to(path).as_posix(), file.read_bytes())
            for file in path.rglob("*")
            if file.is_file() and "__pycache__" not in file.parts
        ]
    if _is_zip(path):
        with zipfile.ZipFile(path) as package:
            return [(i.filename, package.read(i)) for i in package.infolist() if not i.is_dir()]
    if tarfile.is_tarfile(path):
        with tarfile.open(path) as tar:
            return [
                (m.name, tar.extractfile(m).read())  # type: ignore[union-attr]
                for m in tar.getmembers()
                if m.isfile()
            ]
    raise UnsupportedArchiveError(
        f"FileArchive {path} is neither a directory, a zip nor a tar file"
    )


def _is_zip(path: Path) -> bool:
    return path.is_file() and zipfile.is_zipfile(path)
