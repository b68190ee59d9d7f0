// A live countdown to the start (or end) of the window. The server already wrote the text;
// this keeps it current. The timer is aria-live="off" so screen readers are not flooded.
const article = document.querySelector("[data-window-start]");
const target = document.querySelector("[data-countdown]");
const phase = document.querySelector("[data-phase]")?.dataset.phase;
// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const ngettext = globalThis.ngettext ?? ((one, other, count) => (count === 1 ? one : other));
const interpolate = globalThis.interpolate
  ?? ((text, values) => text.replace(/%\(([^)]+)\)s/g, (match, key) => String(values[key])));

// The page's language for numbers ("en" as the site writes English: en-GB).
const LANGUAGE = document.documentElement.lang || "en";
const LOCALE = LANGUAGE === "en" ? "en-GB" : LANGUAGE;

function pad(number) {
  return String(number).padStart(2, "0");
}

function describe(milliseconds) {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  if (days === 0) return clock;
  // Translators: the countdown to a wave: "2 days, 04:12:09".
  return interpolate(ngettext("%(days)s day, %(clock)s", "%(days)s days, %(clock)s", days), {
    days: days.toLocaleString(LOCALE),
    clock,
  }, true);
}

if (article && target && (phase === "upcoming" || phase === "live")) {
  const until = Date.parse(phase === "upcoming" ? article.dataset.windowStart : article.dataset.windowEnd);
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const tick = () => {
    const left = until - Date.now();
    if (left <= 0) {
      clearInterval(timer);
      // The phase changed (it started, or it ended): let the server draw the new state.
      location.reload();
      return;
    }
    target.textContent = describe(left);
  };
  // With reduced motion the numbers change once a minute instead of every second.
  const timer = setInterval(tick, reduced ? 60000 : 1000);
  tick();
}
