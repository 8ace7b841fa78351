// Types the lecture page's scripts (relu_anim/lecture/static/*.js) share, for the type check
// (tsc, tsconfig.json): kept out of the package, which ships only what the page loads.

/** What presenter mode opens the explorer on (lecture/explore.py's STAGE_MOMENTS). */
interface Moment {
  focus?: string;
  dosage?: number;
}

/** A chapter of the whole lesson: its stage, its label, where it starts and ends in the lesson (s),
    and the files of its own video, which the lesson plays for it. */
interface Chapter {
  stage: string;
  label: string;
  start: number;
  end: number;
  video: string;
  poster: string;
  vtt: string;
}

/** The page's #lecture-data (lecture/page.py's page_data). */
interface LectureData {
  /** What the explorer opens on, by stage. */
  explore?: Record<string, Moment>;
  chapters: Chapter[];
  /** Each video's caption cues (by its data-media): [start, end, text]. */
  cues: Record<string, [number, number, string][]>;
  narrated: boolean;
}

/** The <relu-explorer> element, as lecture.js sees it. */
interface ExplorerElement extends HTMLElement {
  show?(moment: Moment): void;  // not until the element is defined (relu-explorer.js)
}

interface Window {
  /** lecture.js's presenter mode, for the tests and the console. */
  lecture: {
    show(i: number): void;
    enter(): void;
    leave(): void;
    setCaptions(on: boolean): void;
    setExploring(on: boolean): void;
    moments: Record<string, Moment>;
    goToChapter(name: string): void;
  };
  /** scorm.js's record of the learner, when the page runs inside a learning platform. */
  lectureScorm: {
    watched(): string[];
    finish(): void;
    timespan(ms: number): string;
  };
}
