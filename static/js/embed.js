// The embed widget sits in a frame on another site, where the server cannot know the
// visitor's zone (framed pages get no cookie). Unless the host chose a zone with ?tz=,
// show the window in the browser's own time zone; the server's UTC text stays otherwise.
const card = document.querySelector("[data-window-start]");
const line = document.querySelector("[data-local-window]");
// The widget's page may come without Django's JavaScript catalogue: then its text comes
// from the page (data-your-time), or stays English.
const gettext = globalThis.gettext ?? ((text) => text);
// The page's language ("en" as the site writes English: en-GB).
const LANGUAGE = document.documentElement.lang || "en";
const ENGLISH = LANGUAGE === "en" || LANGUAGE.startsWith("en-");
const LOCALE = LANGUAGE === "en" ? "en-GB" : LANGUAGE;

function timeElement(date, text) {
  const element = document.createElement("time");
  element.dateTime = date.toISOString();
  element.textContent = text;
  return element;
}

if (card && line && card.dataset.zoneSource === "default") {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const start = new Date(card.dataset.windowStart);
  const end = new Date(card.dataset.windowEnd);
  if (zone && !Number.isNaN(start.getTime()) && !Number.isNaN(end.getTime())) {
    const day = new Intl.DateTimeFormat(LOCALE, {
      weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: zone,
    });
    const clock = new Intl.DateTimeFormat(LOCALE, ENGLISH
      ? { hour: "2-digit", minute: "2-digit", timeZone: zone }
      : { timeStyle: "short", timeZone: zone });
    const zoneName = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: "short" })
      .formatToParts(start).find((part) => part.type === "timeZoneName")?.value ?? zone;
    // "Saturday 26 December 2026", as the rest of the site writes dates in English; the
    // other languages as they write them ("Samstag, 26. Dezember 2026").
    const dayText = (date) => {
      if (!ENGLISH) return day.format(date);
      const parts = Object.fromEntries(day.formatToParts(date).map((p) => [p.type, p.value]));
      return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
    };
    // Translators: after the window in the visitor's own zone in the embed widget.
    const yourTime = line.dataset.yourTime || gettext("(your time)");
    const endText = dayText(start) === dayText(end)
      ? clock.format(end) : `${dayText(end)}, ${clock.format(end)}`;
    line.replaceChildren(
      timeElement(start, `${dayText(start)}, ${clock.format(start)}`),
      "–",
      timeElement(end, endText),
      ` ${zoneName} ${yourTime}`,
    );
  }
}
