// The embed widget sits in a frame on another site, where the server cannot know the
// visitor's zone (framed pages get no cookie). Unless the host chose a zone with ?tz=,
// show the window in the browser's own time zone; the server's UTC text stays otherwise.
const card = document.querySelector("[data-window-start]");
const line = document.querySelector("[data-local-window]");

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
    const day = new Intl.DateTimeFormat("en-GB", {
      weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: zone,
    });
    const clock = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit", minute: "2-digit", timeZone: zone,
    });
    const zoneName = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "short" })
      .formatToParts(start).find((part) => part.type === "timeZoneName")?.value ?? zone;
    // "Saturday 26 December 2026", as the rest of the site writes dates.
    const dayText = (date) => {
      const parts = Object.fromEntries(day.formatToParts(date).map((p) => [p.type, p.value]));
      return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
    };
    const endText = dayText(start) === dayText(end)
      ? clock.format(end) : `${dayText(end)}, ${clock.format(end)}`;
    line.replaceChildren(
      timeElement(start, `${dayText(start)}, ${clock.format(start)}`),
      "–",
      timeElement(end, endText),
      ` ${zoneName} (your time)`,
    );
  }
}
