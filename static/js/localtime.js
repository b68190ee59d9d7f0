// Times in the visitor's own zone on the first response, without a reload.
//
// Public pages are cached and shared: the server draws every time in UTC, or in the zone a
// shared link names (?tz=), and never from a cookie. This script rewrites them at once in
// the zone the visitor chose before (the `tz` cookie the zone picker sets) or else the
// browser's own, with the Intl API, and remembers that zone for next time. It then tells
// the rest of the page (a "wavesite:zone" event on the document), so the where-to-look
// block can follow. Without JavaScript the page stays as drawn: UTC, a ?tz= link, the picker.
//
// What it rewrites:
//   [data-window][data-start][data-end]  a window: "Friday 19 July 2013, 23:27–23:42 CEST, UTC+02:00"
//   time[data-local="datetime"]           one instant: "19 July 2013, 23:27"
//   [data-zone-name]                      the zone's name
//   [data-zone-shift]                     "the day after / before the date in UTC", or nothing
//   [data-utc-only] / [data-not-utc]      shown only when the zone is UTC / is not
//   the world page's table                the row of the zone is marked "current-zone"

import { canonical } from "./zonealiases.js";

const COOKIE = "tz";
const ZONE_NAME = /^[A-Za-z0-9_+\-\/]{1,64}$/;

function readCookie() {
  const entry = document.cookie.split("; ").find((item) => item.startsWith(`${COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(COOKIE.length + 1)) : null;
}

function remember(zone) {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax${secure}`;
}

function usable(zone) {
  if (!zone || !ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function browserZone() {
  try {
    return canonical(Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return null;
  }
}

const LANGUAGE = document.documentElement.lang || "en";
// English as the site writes it ("Friday 19 July 2013", "23:27"); the other languages as
// their readers do (the server's events.zones.localformat: CLDR's full date, short time).
const ENGLISH = LANGUAGE === "en" || LANGUAGE.startsWith("en-");

// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const gettext = globalThis.gettext ?? ((text) => text);
const pgettext = globalThis.pgettext ?? ((context, text) => text);
const interpolate = globalThis.interpolate
  ?? ((text, values) => text.replace(/%\(([^)]+)\)s/g, (match, key) => String(values[key])));

function formatted(date, zone, options) {
  return new Intl.DateTimeFormat(LANGUAGE, { timeZone: zone, ...options }).format(date);
}

function parts(date, zone, options) {
  const out = {};
  for (const part of new Intl.DateTimeFormat(LANGUAGE, { timeZone: zone, ...options })
    .formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

function dateText(date, zone) {
  if (!ENGLISH) return formatted(date, zone, { dateStyle: "full" });
  const p = parts(date, zone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

function timeText(date, zone) {
  const withSeconds = date.getUTCSeconds() !== 0;
  if (!ENGLISH) return formatted(date, zone, { timeStyle: withSeconds ? "medium" : "short" });
  const p = parts(date, zone, {
    hour: "2-digit",
    minute: "2-digit",
    ...(withSeconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  });
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

// A date and a clock time as one phrase, joined as the page's language joins them (the
// server's events.zones.localformat.date_and_time, with the same message).
function dateAndTime(day, time) {
  // Translators: a date, then a clock time on it ("Friday 19 July 2013, 21:27"); join them
  // as your language does (Japanese and Chinese: a space; Arabic: "،").
  return interpolate(pgettext("a date, then a clock time", "%(date)s, %(time)s"), { date: day, time }, true);
}

function offsetLabel(date, zone) {
  // "GMT+05:45" → "UTC+05:45"; "GMT" (no offset) → "UTC+00:00", as the server writes it in
  // every language. (Read in English: Arabic's own would be "غرينتش+05:45".)
  const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(date)
    .find((part) => part.type === "timeZoneName")?.value || "GMT";
  return name === "GMT" ? "UTC+00:00" : name.replace("GMT", "UTC");
}

// English locales whose CLDR data names zones by the letters people there use: US "PDT",
// British "BST"/"CEST", Indian "IST", Australian "AEST"… The first that has a name wins.
// (The server takes names from the tz database itself, which has none for Chatham, say,
// where CLDR's en-NZ says "CHAST": such locales are left out, so both agree where it
// matters; where CLDR has no name, only the offset is given, as the server does.)
const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU", "en-CA"];

function abbreviation(date, zone) {
  // Only a real abbreviation ("CEST", "PDT"); a number or UTC itself says nothing more.
  for (const locale of ABBREVIATION_LOCALES) {
    let name = "";
    try {
      name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
        .formatToParts(date)
        .find((part) => part.type === "timeZoneName")?.value ?? "";
    } catch {
      return "";
    }
    // "GMT" is London's (and Reykjavik's) winter name, but UTC's own is no abbreviation.
    if (/^[A-Z]{2,5}$/.test(name) && name !== "UTC" && !(name === "GMT" && zone === "UTC")) {
      return name;
    }
  }
  return "";
}

function dayKey(date, zone) {
  const p = parts(date, zone, { year: "numeric", month: "2-digit", day: "2-digit" });
  return `${p.year}-${p.month}-${p.day}`;
}

function windowNodes(start, end, zone) {
  // <time>start</time>–<time>end</time> and the zone's abbreviation and offset, as the
  // server's includes/window_text.html draws it.
  const crosses = dayKey(start, zone) !== dayKey(end, zone);
  const startOffset = offsetLabel(start, zone);
  const endOffset = offsetLabel(end, zone);
  const time = (date, text) => {
    const element = document.createElement("time");
    element.dateTime = date.toISOString();
    element.textContent = text;
    return element;
  };
  let suffix;
  if (startOffset !== endOffset) {
    const startName = abbreviation(start, zone) || startOffset;
    const endName = abbreviation(end, zone) || endOffset;
    // Translators: after a window whose zone changes its clocks during it, e.g. "(CET
    // UTC+01:00 at the start, CEST UTC+02:00 at the end: the clocks change during the window)".
    const change = interpolate(
      gettext("(%(start_name)s %(start_offset)s at the start, %(end_name)s %(end_offset)s at the end: the clocks change during the window)"),
      { start_name: startName, start_offset: startOffset, end_name: endName, end_offset: endOffset },
      true,
    );
    suffix = " " + change;
  } else {
    const abbr = abbreviation(start, zone);
    // Translators: a time zone's abbreviation, then its offset from UTC ("IST, UTC+05:30");
    // join them as your language does (Arabic: "،").
    const label = pgettext("a zone's abbreviation, then its offset", "%(abbreviation)s, %(offset)s");
    suffix = " " + (abbr ? interpolate(label, { abbreviation: abbr, offset: startOffset }, true) : startOffset);
  }
  return [
    time(start, dateAndTime(dateText(start, zone), timeText(start, zone))),
    "–",
    time(end, crosses ? dateAndTime(dateText(end, zone), timeText(end, zone)) : timeText(end, zone)),
    suffix,
  ];
}

function shiftText(date, zone) {
  const local = dayKey(date, zone);
  const utc = dayKey(date, "UTC");
  if (local > utc) return " — " + gettext("that is the day after the date in UTC");
  if (local < utc) return " — " + gettext("that is the day before the date in UTC");
  return "";
}

export function showIn(zone) {
  for (const element of document.querySelectorAll("[data-window][data-start][data-end]")) {
    const start = new Date(element.dataset.start);
    const end = new Date(element.dataset.end);
    if (Number.isNaN(start.valueOf()) || Number.isNaN(end.valueOf())) continue;
    // One unit in the page's direction, as includes/window_text.html draws it.
    const unit = document.createElement("bdi");
    unit.className = "window-text";
    unit.dir = document.documentElement.dir || "ltr";
    unit.replaceChildren(...windowNodes(start, end, zone));
    element.replaceChildren(unit);
    for (const shift of document.querySelectorAll("[data-zone-shift]")) {
      shift.textContent = shiftText(start, zone);
    }
  }
  for (const element of document.querySelectorAll('time[data-local="datetime"]')) {
    const date = new Date(element.getAttribute("datetime"));
    if (Number.isNaN(date.valueOf())) continue;
    if (!ENGLISH) {
      const day = formatted(date, zone, { dateStyle: "long" });
      element.textContent = dateAndTime(day, timeText(date, zone));
      continue;
    }
    const p = parts(date, zone, { day: "numeric", month: "long", year: "numeric" });
    element.textContent = `${p.day} ${p.month} ${p.year}, ${timeText(date, zone)}`;
  }
  for (const element of document.querySelectorAll("[data-zone-name]")) {
    element.textContent = zone;
  }
  for (const element of document.querySelectorAll("[data-zone-said]")) {
    element.textContent = gettext("(your browser's or your chosen zone)");
  }
  // The world page: the row of this zone (named by the link in its last cell).
  for (const row of document.querySelectorAll("table.world-times tbody tr")) {
    row.classList.toggle("current-zone", row.querySelector("td:last-child a")?.textContent === zone);
  }
  const isUtc = zone === "UTC" || zone === "Etc/UTC";
  for (const element of document.querySelectorAll("[data-utc-only]")) element.hidden = !isUtc;
  for (const element of document.querySelectorAll("[data-not-utc]")) element.hidden = isUtc;
  document.body.dataset.zone = zone;
  document.dispatchEvent(new CustomEvent("wavesite:zone", { detail: { zone } }));
}

function start() {
  const remembered = readCookie();
  const zone = usable(remembered) ? remembered : browserZone();
  if (!usable(zone)) return;
  if (!usable(remembered)) remember(zone);
  // Only a page drawn in the default zone is redrawn: a shared link's zone (or a place's)
  // is what the sender meant, and a refused one is explained on the page in UTC.
  if (document.body.dataset.zoneSource !== "default" || document.querySelector("[data-zone-refused]")) return;
  if (document.body.dataset.zone === zone) return;
  showIn(zone);
}

start();
