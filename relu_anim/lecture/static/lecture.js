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
  var presenting = false, current = 0;  // presenter mode (below): on, and the stage shown

  // -- captions: on by default; C or the buttons toggle them ---------------------------

  // Browsers may refuse <track> files from disk (Chromium does, for file:// pages);
  // the video then gets the same cues from the embedded data.
  /** @type {Map<HTMLVideoElement, TextTrack>} each video's track of embedded cues, once made */
  var embedded = new Map();

  /** Its cues: the embedded ones of the video playing now (the whole lesson plays several in turn).
      @param {HTMLVideoElement} video @param {HTMLTrackElement} element its captions' <track> */
  function useEmbeddedCaptions(video, element) {
    video.dataset.captions = "embedded";
    var track = embedded.get(video) || video.addTextTrack("captions", "English", "en");
    embedded.set(video, track);
    element.track.mode = "disabled";
    applyCaptions(video);  // showing or hidden: its cues can be read and replaced
    Array.from(track.cues || []).forEach(function (cue) { track.removeCue(cue); });
    (data.cues[video.dataset.media || ""] || []).forEach(function (cue) {
      track.addCue(new VTTCue(cue[0], cue[1], cue[2]));
    });
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

  /** Its captions drawn by the browser over the picture, or not. In presenter mode a stage's
      are "hidden" (read, not drawn) and shown in a line under the picture instead: drawn over
      it they covered the axes' labels (seen at 1280x720 and 1920x1080).
      @param {HTMLVideoElement} video */
  function applyCaptions(video) {
    var over = captionsOn && !(presenting && video !== lessonVideo);
    captionTracks(video).forEach(function (track) { track.mode = over ? "showing" : "hidden"; });
    showCaptionLine();
  }

  // -- presenter mode's caption line: the current stage's cues, under its picture ----------

  var captionLine = document.createElement("p");
  captionLine.className = "presenter-caption";
  captionLine.hidden = true;

  function showCaptionLine() {
    var video = presenting ? stageVideo(current) : null;
    captionLine.hidden = !video || !captionsOn;
    if (!video) { return; }
    if (video.nextElementSibling !== captionLine) { video.after(captionLine); }
    captionLine.textContent = captionTracks(video).map(function (track) {
      return Array.from(track.activeCues || []).map(function (cue) {
        return /** @type {VTTCue} */ (cue).getCueAsHTML().textContent;  // the cue's text, its markup read
      }).join("\n");
    }).join("\n");
  }

  /** @param {TextTrack} track */
  function followCues(track) { track.addEventListener("cuechange", showCaptionLine); }

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
    Array.from(video.textTracks).forEach(followCues);
    video.textTracks.addEventListener("addtrack", function (event) { if (event.track) { followCues(event.track); } });
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

  // -- the whole lesson: its chapters' own videos in turn, in the one <video> ----------
  // The package holds each picture once: no joined copy of the stages. The lesson's
  // <video> plays the first chapter's video (a card's or a stage's), then the next...;
  // the chapter list (written into the page from the manifest) goes to a chapter's video.

  var chapterList = /** @type {HTMLOListElement} */ (document.getElementById("chapter-list"));
  var chapterIndex = 0;

  /** Chapter i's video in the lesson's <video>, at `at` s; playing if `play` (default: as it was).
      @param {number} i @param {number} [at] @param {boolean} [play] */
  function playChapter(i, at, play) {
    var video = /** @type {HTMLVideoElement} */ (lessonVideo), chapter = data.chapters[i];
    if (!chapter) { return; }
    var playing = play === undefined ? !video.paused : play;
    chapterIndex = i;
    if (video.dataset.media !== chapter.stage) {
      video.dataset.media = chapter.stage;
      video.poster = chapter.poster;
      /** @type {HTMLSourceElement} */ (video.querySelector("source")).src = chapter.video;
      var old = /** @type {HTMLTrackElement} */ (video.querySelector('track[kind="captions"]'));
      var element = /** @type {HTMLTrackElement} */ (old.cloneNode(false));
      element.src = chapter.vtt;
      old.replaceWith(element);
      video.load();
      embedIfRefused(video, element);
      if (video.dataset.captions === "embedded") { useEmbeddedCaptions(video, element); } else { applyCaptions(video); }
    }
    var go = function () {
      video.currentTime = at || 0;
      if (playing) { video.play().catch(function () { /* the browser's autoplay policy: the learner presses Play */ }); }
    };
    if (video.readyState >= 1) { go(); } else { video.addEventListener("loadedmetadata", go, { once: true }); }
    markChapter();
  }

  /** Go to the chapter of the stage (or card) `name`, paused. @param {string} name */
  function goToChapter(name) {
    var i = data.chapters.findIndex(function (chapter) { return chapter.stage === name; });
    if (i >= 0) { playChapter(i, 0, false); }
  }

  function markChapter() {
    chapterList.querySelectorAll("button").forEach(function (button, i) {
      if (i === chapterIndex) { button.setAttribute("aria-current", "true"); } else { button.removeAttribute("aria-current"); }
    });
  }

  if (lessonVideo) {
    var lesson = lessonVideo;
    chapterList.addEventListener("click", function (event) {
      var button = /** @type {Element} */ (event.target).closest("button");
      if (!button) { return; }
      playChapter(Array.prototype.indexOf.call(chapterList.querySelectorAll("button"), button), 0);
    });
    // At a chapter's end the next one plays; after every "ended" listener (scorm.js's record of
    // this one), and not if the learner went elsewhere meanwhile.
    lesson.addEventListener("ended", function () {
      var ended = chapterIndex;
      setTimeout(function () { if (lesson.ended && chapterIndex === ended) { playChapter(ended + 1, 0, true); } }, 0);
    });
    markChapter();
  }

  // -- presenter mode: one stage at a time, full screen --------------------------------

  var stages = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll(".stage")));
  var bar = /** @type {HTMLElement} */ (document.getElementById("presenter-bar"));
  var status = /** @type {HTMLElement} */ (document.getElementById("presenter-status"));
  var playButton = /** @type {HTMLButtonElement} */ (document.getElementById("presenter-play"));
  var presentButton = /** @type {HTMLButtonElement} */ (document.getElementById("present"));

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
    showCaptionLine();
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
    videos.forEach(applyCaptions);
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
    videos.forEach(applyCaptions);
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
                     moments: moments, goToChapter: goToChapter };
}());
