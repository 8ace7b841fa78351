"""A SCORM 1.2 package of a lecture package: one zip a learning platform takes, which
then reports to its gradebook whether each learner watched the lesson.

The zip holds the lecture package's folder as it is (the page, its assets, the videos;
the deck only when asked, see :func:`write_scorm`) with, at its root, ``imsmanifest.xml`` and the four SCORM 1.2 schema files
(``scorm12/``, package data; their origin and licence in ``scorm12/README.md``). The
manifest (ADL SCORM 1.2: IMS Content Packaging 1.1.2 with ADL's extensions) has one
organization with one item, launching one SCO resource (``adlcp:scormtype="sco"``) whose
start page is ``index.html`` and which lists every file of the lecture package. The page's
side of the platform's API is ``static/scorm.js``.

The zip is deterministic: entries in a fixed order (the manifest, the schema files, then
the package's files by path) with fixed timestamps and permissions, so the same package
gives the same bytes. It is written beside its destination and renamed into place.

Reads the package folder (its ``lecture.json``) and nothing of the engine; imports no Manim.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from importlib.resources import files
from pathlib import Path
from xml.etree import ElementTree as ET

from ..destination import DestinationError, check_file, umask
from ..escape import xml_text
from ..media.zips import add
from ..render import DEFAULT_NETWORK
from . import MARK, LectureError, LectureUsageError

__all__ = ["MANIFEST", "SCHEMA_FILES", "ScormUsageError", "check_zip_destination", "manifest_xml", "write_scorm"]

MANIFEST = "imsmanifest.xml"
SCHEMA_FILES = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")
START_PAGE = "index.html"

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


class ScormUsageError(LectureUsageError):
    """A bad ``--scorm FILE``: exit status 2."""


def check_zip_destination(path: Path | str) -> Path:
    """Refuse, before anything is rendered, a destination that cannot take the zip: a
    name without ``.zip``, a folder, a file that is not a SCORM zip of ours (never
    replaced), or a place :func:`relu_anim.destination.check_file` refuses (a folder that
    cannot be written to, a full disk, a name too long)."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        raise ScormUsageError(f"--scorm {path}: the file name must end in .zip")
    try:
        check_file(path, "the zip")  # its folder takes data (a full disk too), its name fits
    except DestinationError as error:
        raise ScormUsageError(f"--scorm {path}: {error}") from None
    if path.is_dir():
        raise ScormUsageError(f"--scorm {path} is a folder; give the zip file's name")
    if path.exists() and not _ours(path):
        what = "a zip that relu-anim did not write" if zipfile.is_zipfile(path) else "not a zip file"
        raise ScormUsageError(f"--scorm {path} exists and is {what}; not replaced (choose another name)")
    return path


def _ours(path: Path) -> bool:
    """A zip holding a SCORM manifest and a lecture package's mark: one we wrote."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    return {MANIFEST, MARK} <= names


def package_files(folder: Path) -> list[str]:
    """Every file of the lecture package, as relative POSIX paths, sorted."""
    names = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    return sorted(names)


def identifier(*parts: str) -> str:
    """An XML ID (the manifest's identifier) from words: letters, digits, ``-`` ``_`` ``.``."""
    text = re.sub(r"[^A-Za-z0-9_.-]+", "-", "-".join(parts)).strip("-")
    return text if re.match(r"[A-Za-z_]", text) else f"_{text}"


def manifest_xml(title: str, ident: str, names: list[str]) -> bytes:
    """``imsmanifest.xml``: one organization, one item, one SCO resource listing ``names``.
    ElementTree escapes markup in text and attributes (``]]>`` is written ``]]&gt;``);
    :func:`relu_anim.escape.xml_text` drops what XML cannot hold."""
    title = xml_text(title)
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)

    def element(parent, tag, text=None, namespace=IMSCP, **attributes):
        node = ET.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
        node.text = text
        return node

    root = ET.Element(
        f"{{{IMSCP}}}manifest", {"identifier": ident, "version": "1.0", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION}
    )
    metadata = element(root, "metadata")
    element(metadata, "schema", "ADL SCORM")
    element(metadata, "schemaversion", "1.2")
    organizations = element(root, "organizations", default="lesson")
    organization = element(organizations, "organization", identifier="lesson")
    element(organization, "title", title)
    item = element(organization, "item", identifier="lesson-item", identifierref="lesson-sco", isvisible="true")
    element(item, "title", title)
    resources = element(root, "resources")
    resource = element(
        resources,
        "resource",
        identifier="lesson-sco",
        type="webcontent",
        href=START_PAGE,
        **{f"{{{ADLCP}}}scormtype": "sco"},
    )
    for name in names:
        element(resource, "file", href=name)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


#: The package's deck: in the zip only with ``deck=True`` (``--scorm-deck``).
DECK = "lesson.pptx"


def write_scorm(package: Path | str, out: Path | str, deck: bool = False) -> Path:
    """Zip the lecture package folder ``package`` as a SCORM 1.2 package at ``out``.

    Without ``deck`` (the default) the zip leaves out ``lesson.pptx`` and the page's link to
    it: the deck embeds every stage's video again (as large as the videos themselves), for
    the teacher who presents, who has it in the folder; the learners on the platform watch
    the page. With it the zip is about twice the size (over many platforms' upload limit
    at 1080p)."""
    package, out = Path(package), check_zip_destination(out)
    if out.resolve().is_relative_to(package.resolve()):
        raise ScormUsageError(f"--scorm {out} is inside the package folder {package}; put the zip beside it")
    try:
        mark = json.loads((package / MARK).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LectureError(f"{package} is not a lecture package: {getattr(error, 'strerror', None) or error}") from None
    network = mark.get("network", DEFAULT_NETWORK)
    title = mark["title"] if network == DEFAULT_NETWORK else f"{mark['title']}, with the {network} network"
    names = [name for name in package_files(package) if deck or name != DECK]
    if START_PAGE not in names:
        raise LectureError(f"{package} has no {START_PAGE}")
    page = (package / START_PAGE).read_bytes()
    if not deck:
        from .page import DECK_LINK

        page = page.replace(DECK_LINK.encode(), b"")
    manifest = manifest_xml(title, identifier("relu-anim", network, mark["quality"], mark["theme"]), names)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    except OSError as error:
        raise ScormUsageError(f"--scorm {out}: cannot write to {out.parent}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:
            add(archive, MANIFEST, data=manifest)
            schemas = files(__package__).joinpath("scorm12")
            for name in SCHEMA_FILES:
                add(archive, name, data=schemas.joinpath(name).read_bytes())
            for name in names:
                if name == START_PAGE:
                    add(archive, name, data=page)
                else:
                    add(archive, name, source=package / name)
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, out)
    except OSError as error:
        raise LectureError(f"cannot write {out}: {error.strerror or error}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
