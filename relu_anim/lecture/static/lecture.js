/* relu-anim lecture page: captions, chapters and presenter mode. No libraries, nothing
   fetched: what the page needs besides its <video> and <track> files is embedded in
   #lecture-data, so the page works opened from disk as well as from a web server. */
(function () {
  "use strict";

  // The elements index.html always has are cast to their types (no check: the template's promise).
  /** @type {LectureData} */
  var data = JSON.parse(/** @type {HTMLElement} */ (document.getElementById("lecture-data")).textContent || "");
  var videos = Array.from(document.querySelectorAll("video"));
  var lessonVideo = /** @type {HTMLVideoElement | null} */ (document.getElementById("lesson-video"));
  var captionsOn = true;

  // -- captions: on by default; C or the buttons toggle them ---------------------------

  // Browsers may refuse <track> files from disk (Chromium does, for file:// pages);
  // the video then gets the same cues from the embedded data.
  /** @param {HTMLVideoElement} video @param {HTMLTrackElement} element its captions' <track> */
  function useEmbeddedCaptions(video, element) {
    if (video.dataset.captions === "embedded") { return; }
    video.dataset.captions = "embedded";
    var track = video.addTextTrack("captions", "English", "en");
    (data.cues[video.dataset.media || ""] || []).forEach(function (cue) {
      track.addCue(new VTTCue(cue[0], cue[1], cue[2]));
    });
    element.track.mode = "disabled";
    applyCaptions(video);
  }

  /** @param {HTMLVideoElement} video @returns {TextTrack[]} its captions: the <track>'s, or the embedded ones */
  function captionTracks(video) {
    var embedded = video.dataset.captions === "embedded";
    return Array.prototype.filter.call(video.textTracks, function (track) {
      if (track.kind !== "captions") { return false; }
      var fromElement = Array.prototype.some.call(video.querySelectorAll("track"), function (el) { return el.track === track; });
      return embedded ? !fromElement : fromElement;
    });
  }

  /** @param {HTMLVideoElement} video */
  function applyCaptions(video) {
    captionTracks(video).forEach(function (track) { track.mode = captionsOn ? "showing" : "hidden"; });
  }

  /** @param {boolean} on */
  function setCaptions(on) {
    captionsOn = on;
    videos.forEach(applyCaptions);
    document.querySelectorAll(".captions-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Captions: on" : "Captions: off";
    });
  }

  /** @param {HTMLVideoElement} video @param {HTMLTrackElement} element its captions' <track> */
  function embedIfRefused(video, element) {
    element.addEventListener("error", function () { useEmbeddedCaptions(video, element); });
    if (element.readyState === 3) { useEmbeddedCaptions(video, element); }  // 3: ERROR
  }

  videos.forEach(function (video) {
    var element = /** @type {HTMLTrackElement | null} */ (video.querySelector('track[kind="captions"]'));
    if (element) { embedIfRefused(video, element); }
  });
  document.querySelectorAll(".captions-toggle").forEach(function (button) {
    button.addEventListener("click", function () { setCaptions(!captionsOn); });
  });
  setCaptions(true);

  // -- narration: on by default; N or the buttons mute and unmute every video. The
  // choice holds while the page is open (and over a reload, in sessionStorage).

  var narrationOn = true;
  try { narrationOn = sessionStorage.getItem("relu-anim-narration") !== "off"; } catch { /* storage refused */ }

  /** @param {boolean} on */
  function setNarration(on) {
    narrationOn = on;
    videos.forEach(function (video) { video.muted = !on; });
    document.querySelectorAll(".narration-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Narration: on" : "Narration: off";
    });
    try { sessionStorage.setItem("relu-anim-narration", on ? "on" : "off"); } catch { /* storage refused */ }
  }

  document.querySelectorAll(".narration-toggle").forEach(function (button) {
    button.addEventListener("click", function () { setNarration(!narrationOn); });
  });
  setNarration(narrationOn);

  // -- chapters: the menu comes from the chapters track's cues (TextTrack API) ---------
  // Browsers show no chapter menu of their own. Until (or unless) the track loads, the
  // list holds the same chapters from the manifest, written into the page.

  var chapterList = /** @type {HTMLOListElement} */ (document.getElementById("chapter-list"));
  var chapterElement = lessonVideo && /** @type {HTMLTrackElement | null} */ (lessonVideo.querySelector('track[kind="chapters"]'));

  /** A chapter's <li>: a button that goes to `start` (s). @param {number} start @param {string} text @param {string} stage */
  function chapterButton(start, text, stage) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.dataset.start = start.toFixed(3);
    if (stage) { button.dataset.stage = stage; }
    var time = document.createElement("span");
    time.className = "time";
    time.textContent = clock(start);
    var label = document.createElement("span");
    label.className = "label";
    label.textContent = text;
    button.appendChild(time);
    button.appendChild(document.createTextNode(" "));
    button.appendChild(label);
    item.appendChild(button);
    return item;
  }

  // chaptersFromTrack and markChapter run only with the chapters' <track> (and so the lesson's video)
  function chaptersFromTrack() {
    var cues = /** @type {HTMLTrackElement} */ (chapterElement).track.cues;
    if (!cues || !cues.length) { return; }
    var items = [];
    for (var i = 0; i < cues.length; i++) {
      // the cue says the chapter's title; the page's data numbers the stages (cards have no number)
      var chapter = data.chapters[i];
      var text = chapter && chapter.label ? chapter.label : (i + 1) + ". " + /** @type {VTTCue} */ (cues[i]).text;
      items.push(chapterButton(cues[i].startTime, text, chapter ? chapter.stage : ""));
    }
    chapterList.replaceChildren.apply(chapterList, items);
    chapterList.dataset.source = "track";
    markChapter();
  }

  /** "m:ss" or "h:mm:ss". @param {number} seconds */
  function clock(seconds) {
    var whole = Math.floor(seconds + 1e-6);
    var s = whole % 60, m = Math.floor(whole / 60) % 60, h = Math.floor(whole / 3600);
    var ss = (s < 10 ? "0" : "") + s;
    return h ? h + ":" + (m < 10 ? "0" : "") + m + ":" + ss : m + ":" + ss;
  }

  function markChapter() {
    var now = /** @type {HTMLVideoElement} */ (lessonVideo).currentTime;
    var buttons = chapterList.querySelectorAll("button");
    var current = -1;
    buttons.forEach(function (button, i) { if (parseFloat(button.dataset.start || "") <= now + 1e-3) { current = i; } });
    buttons.forEach(function (button, i) {
      if (i === current) { button.setAttribute("aria-current", "true"); } else { button.removeAttribute("aria-current"); }
    });
  }

  if (lessonVideo && chapterElement) {
    chapterElement.addEventListener("load", chaptersFromTrack);
    chapterElement.track.mode = "hidden";  // loads its cues without showing them
    if (chapterElement.readyState === 2) { chaptersFromTrack(); }  // 2: LOADED
    chapterList.addEventListener("click", function (event) {
      var button = /** @type {Element} */ (event.target).closest("button");
      if (!button) { return; }
      /** @type {HTMLVideoElement} */ (lessonVideo).currentTime = parseFloat(button.dataset.start || "");
      markChapter();
    });
    lessonVideo.addEventListener("timeupdate", markChapter);
    lessonVideo.addEventListener("seeked", markChapter);
    markChapter();
  }

  // -- presenter mode: one stage at a time, full screen --------------------------------

  var stages = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll(".stage")));
  var bar = /** @type {HTMLElement} */ (document.getElementById("presenter-bar"));
  var status = /** @type {HTMLElement} */ (document.getElementById("presenter-status"));
  var playButton = /** @type {HTMLButtonElement} */ (document.getElementById("presenter-play"));
  var presentButton = /** @type {HTMLButtonElement} */ (document.getElementById("present"));
  var current = 0;
  var presenting = false;

  /** @param {number} i @returns {HTMLVideoElement} stage i's video (stage.html gives each stage one) */
  function stageVideo(i) { return /** @type {HTMLVideoElement} */ (stages[i].querySelector("video")); }

  // Before Play a stage shows its poster, in the page and in presenter mode alike: its
  // opening picture (the end of its first sentence: its first beat complete, the result not
  // given away; made with the video, relu_anim/render.py), there before the video has
  // loaded anything. Nothing seeks: Play plays the stage from its start, its first
  // sentence said. Presenter mode hides the native controls (they cover the bottom of the
  // picture: the presenter bar plays, pauses and moves on).

  /** @param {HTMLVideoElement} video @param {boolean} on */
  function setPresenting(video, on) {
    video.controls = !on;
  }

  /** Stage i (clamped to the stages there are). @param {number} i */
  function show(i) {
    i = Math.max(0, Math.min(stages.length - 1, i));
    if (i !== current) { stageVideo(current).pause(); }
    current = i;
    stages.forEach(function (stage, k) { stage.classList.toggle("current", k === i); });
    // the stage's heading is on screen above the video: the bar says where we are only
    status.textContent = "Stage " + (i + 1) + " of " + stages.length;
    document.body.dataset.stage = stages[i].dataset.stage;
    updatePlayButton();
    if (exploring) { openExplorer(); }
  }

  function updatePlayButton() {
    var video = stageVideo(current);
    playButton.textContent = video.paused ? "Play" : "Pause";
  }

  function playPause() {
    var video = stageVideo(current);
    if (video.ended && current < stages.length - 1) {
      show(current + 1);
      stageVideo(current).play();
    } else if (video.paused) {
      video.play();
    } else {
      video.pause();
    }
  }

  function enter() {
    if (presenting) { return; }
    presenting = true;
    document.body.classList.add("presenting");
    stages.forEach(function (stage, k) { setPresenting(stageVideo(k), true); });
    bar.hidden = false;
    show(current);
    playButton.focus();
    var root = document.documentElement;
    if (root.requestFullscreen) { root.requestFullscreen().catch(function () { /* full window is fine */ }); }
  }

  function leave() {
    if (!presenting) { return; }
    presenting = false;
    setExploring(false);
    stageVideo(current).pause();
    stages.forEach(function (stage, k) { setPresenting(stageVideo(k), false); });
    document.body.classList.remove("presenting");
    delete document.body.dataset.stage;
    bar.hidden = true;
    if (document.fullscreenElement && document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
    stages[current].scrollIntoView({ block: "start" });
    presentButton.focus();
  }

  videos.forEach(function (video) {
    video.addEventListener("play", updatePlayButton);
    video.addEventListener("pause", updatePlayButton);
  });
  presentButton.addEventListener("click", enter);
  /** @type {HTMLElement} */ (document.getElementById("presenter-prev")).addEventListener("click", function () { show(current - 1); });
  /** @type {HTMLElement} */ (document.getElementById("presenter-next")).addEventListener("click", function () { show(current + 1); });
  /** @type {HTMLElement} */ (document.getElementById("presenter-leave")).addEventListener("click", leave);
  playButton.addEventListener("click", playPause);
  document.addEventListener("fullscreenchange", function () {
    if (!document.fullscreenElement) { leave(); }  // Esc in full screen ends it first
  });

  // -- the explorer beside the stage (E), opened on the stage's moment -----------------

  var explorer = /** @type {ExplorerElement | null} */ (document.getElementById("explorer"));
  var exploreButton = document.getElementById("presenter-explore");
  var moments = data.explore || {};
  var exploring = false;

  function openExplorer() {
    if (explorer && explorer.show) { explorer.show(moments[stages[current].dataset.stage || ""] || {}); }
  }

  /** @param {boolean} on */
  function setExploring(on) {
    exploring = !!(on && explorer);
    document.body.classList.toggle("exploring", exploring);
    if (explorer) { explorer.toggleAttribute("compact", exploring); }  // one screen beside the stage
    if (exploreButton) {
      exploreButton.setAttribute("aria-pressed", exploring ? "true" : "false");
      exploreButton.textContent = exploring ? "Explore (E): on" : "Explore (E): off";
    }
    if (exploring) { openExplorer(); }
  }

  if (exploreButton) {
    exploreButton.hidden = !explorer;
    exploreButton.addEventListener("click", function () { setExploring(!exploring); });
  }

  var NEXT = ["ArrowRight", "ArrowDown", "PageDown"];
  var PREVIOUS = ["ArrowLeft", "ArrowUp", "PageUp"];

  // Capture phase: in presenter mode these keys are ours, even on a focused video.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = /** @type {Element} */ (event.composedPath()[0]).tagName;  // inside the explorer's shadow DOM too
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var key = event.key;
    var handled = true;
    if ((key === "n" || key === "N") && data.narrated) {
      setNarration(!narrationOn);
    } else if (key === "c" || key === "C") {
      setCaptions(!captionsOn);
    } else if (!presenting) {
      handled = false;
    } else if (key === "Escape") {
      leave();
    } else if (key === "e" || key === "E") {
      setExploring(!exploring);
    } else if (key === " " || key === "Spacebar" || key === "k") {
      if (tag === "BUTTON" || tag === "A" || tag === "SUMMARY") { return; }  // Space presses a focused button
      playPause();
    } else if (NEXT.indexOf(key) >= 0) {
      show(current + 1);
    } else if (PREVIOUS.indexOf(key) >= 0) {
      show(current - 1);
    } else if (key === "Home") {
      show(0);
    } else if (key === "End") {
      show(stages.length - 1);
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  window.lecture = { show: show, enter: enter, leave: leave, setCaptions: setCaptions, setExploring: setExploring,
                     moments: moments };
}());
