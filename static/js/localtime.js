// Tell the server the browser's own time zone through the `tz` cookie, on the first visit.
// The server renders every time itself; this only spares the visitor a second click.
const COOKIE = "tz";
const ZONE_NAME = /^[A-Za-z0-9_+\-\/]{1,64}$/;

function readCookie() {
  const entry = document.cookie.split("; ").find((item) => item.startsWith(`${COOKIE}=`));
  return entry ? entry.slice(COOKIE.length + 1) : null;
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

if (browserZone && ZONE_NAME.test(browserZone) && readCookie() === null) {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${COOKIE}=${browserZone}; path=/; max-age=31536000; samesite=lax${secure}`;
  const shown = document.body.dataset;
  const sharedZone = new URLSearchParams(location.search).has("tz");
  // Reload once, only if the cookie stuck (no loop when cookies are blocked) and only when
  // the page was drawn in the default zone rather than a zone from a shared link.
  if (readCookie() === browserZone && shown.zoneSource === "default" && !sharedZone
      && shown.zone !== browserZone) {
    location.reload();
  }
}
