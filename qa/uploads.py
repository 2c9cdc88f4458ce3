"""Store an uploaded article file in the uploads folder: checked, safely named, never overwriting."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from qa.articles import SUFFIXES, Article, article_paths, load_article
from qa.errors import ArticleError

MAX_STEM_CHARS = 80  # long enough for a headline-like file name, short enough for any file system
MAX_RENAMES = 1000  # "name-2.txt" ... before giving up on a crowded folder


@dataclass(frozen=True)
class StoredArticle:
    path: Path  # where the file now lives in the uploads folder
    article: Article  # as loaded from there (title, date, text)
    asked_name: str  # the file name the person uploaded, as given

    @property
    def renamed(self) -> bool:
        """True when the stored name differs from the uploaded one (unsafe characters or a name taken)."""
        return self.path.name != self.asked_name


def safe_file_name(name: str) -> str:
    """A plain file name for the uploads folder: folders and unsafe characters dropped, suffix checked.

    Raises ArticleError, naming the rule and the name, for types the index cannot read.
    """
    base = PurePosixPath(str(name).replace("\\", "/")).name  # "../../etc/x.txt" -> "x.txt"
    stem, dot, suffix = base.rpartition(".")
    suffix = (dot + suffix).lower()
    if not dot or suffix not in SUFFIXES:
        allowed = ", ".join(SUFFIXES)
        raise ArticleError(f"only {allowed} files can be added (got {str(name)[:80]!r})")
    # Letters, digits, dot, dash and underscore only; no leading dot, so nothing becomes a hidden file.
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-_ ")[:MAX_STEM_CHARS] or "article"
    return stem + suffix


def store_upload(
    data: bytes,
    name: str,
    folder: Path,
    *,
    max_bytes: int,
    known: Mapping[str, str] | None = None,
    taken: Collection[str] = (),
) -> StoredArticle:
    """Check an uploaded file and store it in `folder` under a free name.

    Args:
        data: the file's bytes.
        name: the file name the person gave (untrusted: may hold folders or odd characters).
        folder: the uploads folder the index reads beside the corpus folder; made when missing.
        max_bytes: the size limit.
        known: content hash -> article id of the articles already indexed, to refuse duplicates.
        taken: names used by articles in other folders (a file name is an article's id).

    Returns:
        Where the file was stored and the article loaded from it.

    Raises:
        ArticleError: in words, when the file is refused (type, size, empty, binary, duplicate, ...).
    """
    file_name = safe_file_name(name)
    if len(data) > max_bytes:
        raise ArticleError(f"{file_name} is {len(data):,} bytes; the limit is {max_bytes:,} bytes")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Staged in a sub-folder the indexer never reads (it lists only files directly in the folder).
        staging = Path(tempfile.mkdtemp(prefix=".upload-", dir=folder))
    except OSError as error:
        raise ArticleError(f"could not store {file_name} in {folder}: {error.strerror or error}") from error
    try:
        staged = staging / file_name
        staged.write_bytes(data)
        article = load_article(staged, max_bytes=max_bytes)
        if known and article.content_hash in known:
            raise ArticleError(
                f"{file_name} has the same text as {known[article.content_hash]}, already in the library"
            )
        target = _link_to_free_name(staged, folder, set(taken))
    except OSError as error:
        raise ArticleError(f"could not store {file_name}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return StoredArticle(target, load_article(target, max_bytes=max_bytes), str(name))


def _link_to_free_name(staged: Path, folder: Path, taken: set[str]) -> Path:
    """Hard-link the staged file into the folder under its name, or name-2, name-3 ... if taken
    there or in `taken`.

    os.link fails when the target exists, so two uploads of the same name never overwrite each
    other, and the file appears whole (the indexer never sees half of it).
    """
    stem, suffix = staged.stem, staged.suffix
    for attempt in range(1, MAX_RENAMES + 1):
        target = folder / (staged.name if attempt == 1 else f"{stem}-{attempt}{suffix}")
        if target.name in taken:
            continue
        try:
            os.link(staged, target)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: exclusive create still never overwrites
            try:
                with open(target, "xb") as handle:
                    handle.write(staged.read_bytes())
            except FileExistsError:
                continue
        return target
    raise ArticleError(f"{staged.name} and {MAX_RENAMES - 1} numbered variants are taken; rename the file")


def uploaded_names(folder: Path | None) -> list[str]:
    """The article files in the uploads folder, by name; none when there is no such folder."""
    if folder is None or not folder.is_dir():
        return []
    return [path.name for path in article_paths(folder)]


def remove_upload(name: str, folder: Path) -> Path:
    """Delete an article someone added; ArticleError unless `name` is one of the folder's articles.

    Only a name the folder lists is accepted, so no path ("../seeds/x.txt") can reach another file.
    """
    if name not in uploaded_names(folder):
        raise ArticleError(f"{str(name)[:80]!r} is not an article added here")
    path = folder / name
    try:
        path.unlink()
    except OSError as error:
        raise ArticleError(f"could not remove {name}: {error.strerror or error}") from error
    return path
