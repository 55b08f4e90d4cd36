"""Pagefind's filter files in one order, so that the same site gives the same search bundle, byte for byte.

Pagefind writes each filter's values, and the list of filters in its
metadata, in the order of a hash map seeded at random: the same pages give
other bytes, and other file names (they are content hashes), on every build.
Here the values and filters are sorted by name, the files are named anew
after their sorted content, and the references to them (the metadata file,
pagefind-entry.json) are rewritten to match. The files are small gzipped
CBOR documents ("pagefind_dcd" and one value); the few CBOR types they use
are read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import struct
from collections.abc import Collection
from pathlib import Path
from typing import Any

from bottleneck_briefs.site.old_site import old_files

MAGIC = b"pagefind_dcd"
FILTER_HASH_LENGTH = 7  # hex digits after "nl_" in a filter file's name
META_HASH_LENGTH = 10


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def _length(self, info: int) -> int:
        if info < 24:
            return info
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(self.data[self.at : self.at + size], "big")
        self.at += size
        return value

    def read(self) -> Any:  # what JSON holds: dicts, lists, texts, numbers, true/false/null
        initial = self.data[self.at]
        self.at += 1
        major, info = initial >> 5, initial & 31
        if major == 7:
            if info in (20, 21, 22):
                return {20: False, 21: True, 22: None}[info]
            if info == 27:
                value = struct.unpack(">d", self.data[self.at : self.at + 8])[0]
                self.at += 8
                return value
            raise ValueError(f"unexpected CBOR simple value {info}")
        length = self._length(info)
        if major == 0:
            return length
        if major == 1:
            return -1 - length
        if major in (2, 3):
            raw = self.data[self.at : self.at + length]
            self.at += length
            return raw if major == 2 else raw.decode("utf-8")
        if major == 4:
            return self._items(length)
        if major == 5:
            return {self.read(): self.read() for _ in range(length)}
        raise ValueError(f"unexpected CBOR major type {major}")

    def _items(self, length: int) -> list[Any]:
        """A list's items; an integer below 65536 read here: a filter's page numbers are thousands."""
        data, items, end = self.data, [], len(self.data)
        for _ in range(length):
            at = self.at
            initial = data[at] if at < end else None
            if initial is not None and initial < 24:
                items.append(initial)
                self.at = at + 1
            elif initial == 24 and at + 1 < end:
                items.append(data[at + 1])
                self.at = at + 2
            elif initial == 25 and at + 2 < end:
                items.append(data[at + 1] << 8 | data[at + 2])
                self.at = at + 3
            else:
                items.append(self.read())
        return items


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _write(value: object) -> bytes:
    out = bytearray()
    _put(value, out)
    return bytes(out)


def _put(value: object, out: bytearray) -> None:
    """Append `value` to `out`: one buffer for the whole document, not a bytes object per value joined upwards."""
    if type(value) is int and 0 <= value < 24:
        out.append(value)  # a page number, mostly: a byte of its own
    elif isinstance(value, list):
        out += _head(4, len(value))
        for item in value:
            if type(item) is int and 0 <= item < 65536:  # a page number, mostly: written here
                out += bytes((item,) if item < 24 else (24, item) if item < 256 else (25, item >> 8, item & 255))
            else:
                _put(item, out)
    elif isinstance(value, dict):
        out += _head(5, len(value))
        for key, item in value.items():
            _put(key, out)
            _put(item, out)
    else:
        out += _scalar(value)


def _scalar(value: object) -> bytes:
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else (0xF5 if value else 0xF4)])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    raise TypeError(f"cannot write {type(value).__name__} as CBOR")


def decode(file: bytes) -> Any:  # what JSON holds
    data = gzip.decompress(file)
    if not data.startswith(MAGIC):
        raise ValueError("not a Pagefind data file")
    return _Reader(data[len(MAGIC) :]).read()


def encode(value: object) -> bytes:
    return _file(_write(value))


def _file(raw: bytes) -> bytes:
    return gzip.compress(MAGIC + raw, compresslevel=9, mtime=0)


def _named(prefix: str, value: object, length: int) -> tuple[str, bytes]:
    """The name of the file holding `value` (after its content) and the file's bytes: the value written once."""
    raw = _write(value)
    return f"{prefix}_{hashlib.sha256(raw).hexdigest()[:length]}", _file(raw)


def read_bundle(folder: Path, name: str, skip: Collection[str]) -> dict[str, bytes]:
    """The plain files below `folder` (Pagefind's output) by their path in the site, under `name`, save those whose
    file name is in `skip`. A file per page: found by one walk, with plain strings; a symbolic link is not
    followed."""
    files = {}
    for relative in sorted(old_files(folder).sizes):
        if relative.rpartition("/")[2] not in skip:
            handle = os.open(f"{folder}/{relative}", os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            with open(handle, "rb", buffering=0) as file:
                files[f"{name}/{relative}"] = file.readall()
    return files


def canonical_bundle(files: dict[str, bytes], folder: str) -> dict[str, bytes]:
    """The bundle (path -> bytes, under `folder`) with its filters sorted and renamed after their content."""
    entry_path = f"{folder}/pagefind-entry.json"
    entry = json.loads(files[entry_path])
    result = {
        path: data
        for path, data in files.items()
        if not path.endswith((".pf_filter", ".pf_meta")) and path != entry_path
    }
    languages = {}
    for language, details in sorted(entry["languages"].items()):
        meta = decode(files[f"{folder}/pagefind.{details['hash']}.pf_meta"])
        filters = meta[3]  # [name, file hash] per filter
        renamed = []
        for name, old in sorted(filters):
            content = decode(files[f"{folder}/filter/{old}.pf_filter"])
            content[1] = sorted(content[1])  # [value, page numbers] per value
            new, filter_file = _named(old.split("_")[0], content, FILTER_HASH_LENGTH)
            result[f"{folder}/filter/{new}.pf_filter"] = filter_file
            renamed.append([name, new])
        meta[3] = renamed
        meta_name, meta_file = _named(details["hash"].split("_")[0], meta, META_HASH_LENGTH)
        result[f"{folder}/pagefind.{meta_name}.pf_meta"] = meta_file
        languages[language] = {**details, "hash": meta_name}
    entry["languages"] = languages
    result[entry_path] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return dict(sorted(result.items()))
