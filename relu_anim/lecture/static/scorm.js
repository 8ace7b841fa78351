/* relu-anim lecture page: its side of a learning platform (SCORM 1.2).

   When the page runs inside a platform that offers the SCORM 1.2 API (the object "API"
   on a parent window or the opener's), it tells the platform how far the learner got:
     cmi.core.lesson_status    "incomplete" from the first launch, "completed" once every
                               stage has been watched to its end
     cmi.suspend_data          the stages watched, as JSON: {"watched":["recap","swap"]}
     cmi.core.lesson_location  the stage the learner is at (its name: "wedge"); on a
                               relaunch the page goes back there
     cmi.core.score.raw        the share of the stages watched, 0 to 100 (min 0, max 100):
                               a gradebook that shows scores shows 50 after half the lesson
     cmi.core.session_time     the time spent on the page, on leaving
   and commits after each change, and finishes on pagehide.

   A stage counts as watched once its last second has played (not skipped over): in its
   own video, or as its chapter of the whole lesson (which plays the same video).
   Without an API (opened from disk, or from a plain web server) this script does nothing at all. */
(function () {
  "use strict";

  // -- finding the API: the discovery walk of the SCORM 1.2 run-time environment ------
  // Up the chain of parent windows (at most 7 levels, as ADL's own wrapper does), then
  // the same from the window that opened this one. A parent from another site cannot
  // be read: that is "no API there", not an error.

  var MAX_LEVELS = 7;

  /** The SCORM 1.2 API: what this script calls of it (each returns "true"/"false" or a value,
      as a string or anything that reads as one). Platforms add more; these are the calls made.
      @typedef {Record<"LMSInitialize" | "LMSFinish" | "LMSGetValue" | "LMSSetValue" | "LMSCommit",
                       (a: string, b?: string) => unknown>} ScormAPI */

  /** A window, which may offer the API (as window.API). @typedef {Window & {API?: ScormAPI}} Win */

  /** @param {Win} win @returns {ScormAPI | null} */
  function apiOf(win) {
    try { return win.API || null; } catch { return null; }
  }

  /** @param {Win} win @returns {Win | null} */
  function parentOf(win) {
    try { return win.parent && win.parent !== win ? win.parent : null; } catch { return null; }
  }

  /** @param {Win | null} win @returns {ScormAPI | null} */
  function findAPI(win) {
    for (var level = 0; win && level <= MAX_LEVELS; level++) {
      var api = apiOf(win);
      if (api) { return api; }
      win = parentOf(win);
    }
    return null;
  }

  function discover() {
    var api = findAPI(window);
    if (!api) {
      try { if (window.opener) { api = findAPI(window.opener); } } catch { api = null; }
    }
    return api && typeof api.LMSInitialize === "function" ? api : null;
  }

  var found = discover();
  var initialised = false;
  try { initialised = !!found && String(found.LMSInitialize("")) === "true"; } catch { initialised = false; }
  if (!found || !initialised) { return; }
  var api = found;  // from here on: the platform's API, initialised

  // -- the learner's record --------------------------------------------------------------

  // The elements index.html always has are cast to their types (no check: the template's promise).
  /** @type {string[]} the stages' names, in order */
  var stages = Array.from(document.querySelectorAll(".stage"), function (el) { return /** @type {HTMLElement} */ (el).dataset.stage || ""; });
  var lessonVideo = /** @type {HTMLVideoElement | null} */ (document.getElementById("lesson-video"));
  var started = Date.now();
  var finished = false;
  var TAIL = 1.0;     // seconds: a stage is watched once this much of its end has played
  var SLACK = 0.05;   // seconds: how close "up to its end" has to be

  // A platform's API that throws must not stop the page: a failed call is a lost report.
  /** @param {keyof ScormAPI} method @param {string} a @param {string} [b] */
  function call(method, a, b) {
    try { return String(api[method](a, b)); } catch { return ""; }
  }
  /** @param {string} name */
  function get(name) {
    var value = call("LMSGetValue", name);
    return value === "undefined" || value === "null" ? "" : value;
  }
  /** @param {string} name @param {string} value */
  function set(name, value) { return call("LMSSetValue", name, value) === "true"; }

  var watched = readWatched(get("cmi.suspend_data"));
  var status = get("cmi.core.lesson_status");
  var place = get("cmi.core.lesson_location");  // the stage the learner is at

  /** The stages watched, from cmi.suspend_data. @param {string} text @returns {string[]} */
  function readWatched(text) {
    try {
      var saved = JSON.parse(text).watched;
      return Array.isArray(saved) ? saved.filter(function (name) { return stages.indexOf(name) >= 0; }) : [];
    } catch {
      return [];  // empty (a first launch) or not ours
    }
  }

  function allWatched() {
    return stages.every(function (name) { return watched.indexOf(name) >= 0; });
  }

  function commit() { call("LMSCommit", ""); }

  // First launch: "not attempted" (or nothing yet) becomes "incomplete". A record that
  // is already completed (or passed, failed) is never taken back.
  if (status === "" || status === "not attempted" || status === "browsed") {
    status = allWatched() ? "completed" : "incomplete";
    set("cmi.core.lesson_status", status);
    setScore();
    commit();
  }

  function setScore() {
    set("cmi.core.score.min", "0");
    set("cmi.core.score.max", "100");
    set("cmi.core.score.raw", String(Math.round(100 * watched.length / stages.length)));
  }

  /** @param {string} name */
  function markWatched(name) {
    if (watched.indexOf(name) >= 0 || stages.indexOf(name) < 0) { return; }
    watched.push(name);
    watched.sort(function (a, b) { return stages.indexOf(a) - stages.indexOf(b); });
    set("cmi.suspend_data", JSON.stringify({ watched: watched }));
    setScore();
    if (allWatched() && status === "incomplete") {
      status = "completed";
      set("cmi.core.lesson_status", status);
    }
    showProgress();
    commit();
  }

  /** @param {string} name */
  function moveTo(name) {
    if (!name || name === place || stages.indexOf(name) < 0) { return; }
    place = name;
    set("cmi.core.lesson_location", name);
    commit();
  }

  // -- what the learner watches ----------------------------------------------------------

  // True when the video has played [from, to] in one stretch (its TimeRanges of played media).
  /** @param {HTMLVideoElement} video @param {number} from @param {number} to */
  function played(video, from, to) {
    var ranges = video.played;
    for (var i = 0; i < ranges.length; i++) {
      if (ranges.start(i) <= from + SLACK && ranges.end(i) >= to - SLACK) { return true; }
    }
    return false;
  }

  /** @param {HTMLVideoElement} video */
  function checkStageVideo(video) {
    var end = video.duration;
    if (!isFinite(end) || end <= 0) { return; }
    if (played(video, Math.max(0, end - TAIL), end)) { markWatched(video.dataset.media || ""); }
  }

  document.querySelectorAll(".stage video").forEach(function (element) {
    var video = /** @type {HTMLVideoElement} */ (element);
    ["timeupdate", "pause", "ended"].forEach(function (type) {
      video.addEventListener(type, function () { checkStageVideo(video); });
    });
    video.addEventListener("play", function () { moveTo(video.dataset.media || ""); });
  });

  // The whole lesson plays its chapters' own videos in turn (lecture.js): the one it plays
  // now is its data-media, recorded as a stage's own video is.
  if (lessonVideo) {
    var lesson = lessonVideo;
    ["timeupdate", "pause", "ended"].forEach(function (type) { lesson.addEventListener(type, function () { checkStageVideo(lesson); }); });
    lesson.addEventListener("play", function () { moveTo(lesson.dataset.media || ""); });
  }

  // -- what the learner sees: progress, and going back on a relaunch -----------------------

  var progress = document.createElement("p");
  progress.id = "scorm-progress";
  progress.className = "progress";
  progress.setAttribute("role", "status");
  var summary = document.querySelector(".top .summary");
  if (summary) { summary.after(progress); }

  function showProgress() {
    var text = "Your progress is saved: " + watched.length + " of " + stages.length + " stages watched";
    text += allWatched() ? ", the lesson is complete." : ".";
    if (resumed) { text += " You were last at stage " + (stages.indexOf(resumed) + 1) + "."; }
    progress.textContent = text;
    watched.forEach(function (name) {
      var heading = document.getElementById("stage-" + name + "-title");
      if (!heading || heading.querySelector(".watched")) { return; }
      var mark = document.createElement("span");
      mark.className = "watched";
      mark.textContent = " \u2713 watched";
      heading.appendChild(mark);
    });
  }

  var resumed = stages.indexOf(place) >= 0 ? place : "";
  if (resumed) {
    var article = document.getElementById("stage-" + resumed);
    if (article) { article.scrollIntoView({ block: "start" }); }
    if (window.lecture) { window.lecture.goToChapter(resumed); }  // the whole lesson, at that stage's chapter
  }
  showProgress();

  // -- leaving: the session's time, then finish ---------------------------------------------

  // CMITimespan: HHHH:MM:SS.SS
  /** @param {number} ms */
  function timespan(ms) {
    var centis = Math.round(ms / 10);
    var hours = Math.floor(centis / 360000), minutes = Math.floor(centis / 6000) % 60, seconds = (centis % 6000) / 100;
    /** @param {number} n */
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return (hours < 10 ? "000" : hours < 100 ? "00" : hours < 1000 ? "0" : "") + Math.min(hours, 9999) + ":" +
      two(minutes) + ":" + (seconds < 10 ? "0" : "") + seconds.toFixed(2);
  }

  function finish() {
    if (finished) { return; }
    finished = true;
    set("cmi.core.session_time", timespan(Date.now() - started));
    set("cmi.core.exit", status === "completed" ? "" : "suspend");  // "suspend": come back here next time
    commit();
    call("LMSFinish", "");
  }

  window.addEventListener("pagehide", finish);

  window.lectureScorm = { watched: function () { return watched.slice(); }, finish: finish, timespan: timespan };
}());
