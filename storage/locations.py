"""Where the shared outputs live: a local folder, or an object store by URI (``s3://bucket/prefix``).

Workers on many machines share no disk, so the LanceDB index and the Parquet outputs can live on an
S3-compatible store (``WITHSENSE_INDEX_URI``, ``WITHSENSE_OUTPUT_URI``); the endpoint and credentials come
from the usual AWS variables (``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
``AWS_REGION``), read once into the settings. A ``Location`` carries what LanceDB (``storage_options``) and
pyarrow (a ``FileSystem``) need to reach it; nothing else in the job builds an S3 client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

OBJECT_STORE_SCHEMES = ("s3",)


@dataclass(frozen=True)
class ObjectStoreAccess:
    """How to reach an S3-compatible store (None fields: the client's own defaults)."""
    endpoint_url: str | None = None
    region: str | None = None
    access_key_id: str | None = None
    secret_access_key: str | None = field(default=None, repr=False)
    session_token: str | None = field(default=None, repr=False)

    def lance_options(self) -> dict[str, str]:
        """LanceDB's ``storage_options`` (the object_store crate's keys)."""
        options = {"aws_endpoint": self.endpoint_url, "aws_region": self.region,
                   "aws_access_key_id": self.access_key_id, "aws_secret_access_key": self.secret_access_key,
                   "aws_session_token": self.session_token}
        if self.endpoint_url and self.endpoint_url.startswith("http://"):
            options["allow_http"] = "true"  # a loopback or in-cluster endpoint without TLS
        return {key: value for key, value in options.items() if value}

    def pyarrow_filesystem(self):
        from pyarrow import fs

        kwargs = {"region": self.region, "access_key": self.access_key_id, "secret_key": self.secret_access_key,
                  "session_token": self.session_token}
        if self.endpoint_url:
            endpoint = urlparse(self.endpoint_url)
            kwargs["endpoint_override"] = endpoint.netloc or endpoint.path
            kwargs["scheme"] = endpoint.scheme or "https"
        return fs.S3FileSystem(**{key: value for key, value in kwargs.items() if value})


@dataclass(frozen=True)
class Location:
    """A folder or file the job writes: ``uri`` is a local path or ``s3://bucket/key``."""
    uri: str
    access: ObjectStoreAccess | None = None

    @classmethod
    def of(cls, place: str | Path, access: ObjectStoreAccess | None = None) -> Location:
        text = str(place)
        if urlparse(text).scheme in OBJECT_STORE_SCHEMES:
            return cls(text.rstrip("/"), access or ObjectStoreAccess())
        if "://" in text:
            raise ValueError(f"{text!r}: only local paths and s3:// URIs are supported")
        return cls(str(Path(text)))

    @property
    def is_local(self) -> bool:
        return self.access is None

    @property
    def path(self) -> Path:
        if not self.is_local:
            raise ValueError(f"{self.uri} is on an object store, not a local path")
        return Path(self.uri)

    def join(self, *parts: str) -> Location:
        if self.is_local:
            return Location(str(Path(self.uri, *parts)))
        return Location("/".join([self.uri, *parts]), self.access)

    def exists(self) -> bool:
        """Local: the path exists. An object store has no folders: a prefix "exists" once reachable, and
        the tables or files under it say whether anything was written."""
        return self.path.exists() if self.is_local else True

    def lance_options(self) -> dict[str, str]:
        return {} if self.is_local else self.access.lance_options()

    def filesystem(self):
        """(pyarrow FileSystem, path within it)."""
        if self.is_local:
            from pyarrow import fs

            return fs.LocalFileSystem(), str(Path(self.uri).resolve())
        parsed = urlparse(self.uri)
        return self.access.pyarrow_filesystem(), f"{parsed.netloc}{parsed.path}"

    def as_link(self) -> str:
        """What a person opens: a file:// URI for a local file, the object's URI otherwise."""
        return Path(self.uri).resolve().as_uri() if self.is_local else self.uri

    def __str__(self) -> str:
        return self.uri


# What an object store's refusals look like inside LanceDB's and pyarrow's long error texts.
_STORE_PROBLEMS = ("Connection refused", "NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch",
                   "AccessDenied", "dns error", "timed out")


class ObjectStoreError(RuntimeError):
    """The object store holding an output cannot be used (unreachable, no bucket, refused credentials)."""


def unreachable(location: Location, error: BaseException) -> ObjectStoreError:
    """A short message naming the URI, the endpoint and the store's own words, the full error as cause."""
    text = str(error)
    problem = next((p for p in _STORE_PROBLEMS if p.lower() in text.lower()), text[:200])
    endpoint = location.access.endpoint_url if location.access else None
    return ObjectStoreError(f"cannot use {location.uri} (endpoint {endpoint or 'AWS default'}): {problem}")
