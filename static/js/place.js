// The place picker, enhanced. Without JavaScript the same works on the server: the search
// form reloads the page with matching cities, and choosing one opens the page with ?city=
// (or ?lat=&lon=). This adds search as you type (JSON from /places/search/), "use my
// location", and a memory: the chosen place is kept in this browser (the `place` cookie)
// and, on the next visit, the page's "Where to look" section is fetched for it
// (/events/<slug>/sky/) and swapped in; the page itself stays the same for everyone.
// With no place remembered, the section is fetched for the visitor's zone instead (the
// server shows the sky from the zone's main city and says so). A remembered city is also
// put in the sign-up form, which starts with the place chosen for the sky.

const COOKIE = "place";
const PLACE_PARAMS = ["city", "lat", "lon"];
// The page's language for numbers ("en" as the site writes English: en-GB).
const LANGUAGE = document.documentElement.lang || "en";
const LOCALE = LANGUAGE === "en" ? "en-GB" : LANGUAGE;
// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const gettext = globalThis.gettext ?? ((text) => text);
const ngettext = globalThis.ngettext ?? ((one, other, count) => (count === 1 ? one : other));
const interpolate = globalThis.interpolate
  ?? ((text, values) => text.replace(/%\(([^)]+)\)s/g, (match, key) => String(values[key])));

function readPlace() {
  const entry = document.cookie.split("; ").find((item) => item.startsWith(`${COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(COOKIE.length + 1)) : null;
}

function rememberPlace(value) {
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${COOKIE}=${encodeURIComponent(value)}; path=/; max-age=31536000; samesite=lax${secure}`;
}

function forgetPlace() {
  document.cookie = `${COOKIE}=; path=/; max-age=0; samesite=lax`;
}

// The remembered place, as the sky section's query: "city:<id>" or "<lat>:<lon>".
function placeQuery(value) {
  const params = new URLSearchParams();
  if (value.startsWith("city:")) {
    params.set("city", value.slice(5));
  } else {
    const [lat, lon] = value.split(":");
    params.set("lat", lat);
    params.set("lon", lon);
  }
  return params;
}

// The sign-up form starts with the city the sky is shown for, unless the visitor has
// begun to fill it in.
function startSignupWith(section) {
  const { chosenCity, chosenCityName, chosenCityLabel } = section.dataset;
  const form = document.querySelector("[data-signup-form]");
  const box = form?.querySelector("[data-city-search]");
  const choice = form?.querySelector("[data-city-choice]");
  const select = choice?.querySelector("select");
  if (!chosenCity || !box || !select || box.value.trim()) return;
  box.value = chosenCityName;
  select.replaceChildren(new Option(chosenCityLabel, chosenCity, true, true));
  choice.hidden = false;
}

// The visitor's zone as localtime.js found it (the page's own when a link named one).
function visitorZone() {
  return document.body.dataset.zone || "";
}

// The "Where to look" section for these parameters, from the server, with the one-line
// verdict for the top of the page: { section, verdict } (either may be null), or null.
async function fetchSkyPart(section, params) {
  try {
    const response = await fetch(`${section.dataset.skyPart}?${params}`);
    if (!response.ok) return null;
    const part = new DOMParser().parseFromString(await response.text(), "text/html");
    const imported = (id) => {
      const element = part.getElementById(id);
      return element ? document.importNode(element, true) : null;
    };
    const fresh = { section: imported("where"), verdict: imported("verdict") };
    return fresh.section ? fresh : null;
  } catch {
    return null; // the page still works: the visitor can choose the place
  }
}

// Put the fresh section in place of the live one without taking the visitor's typing away:
// a field they are typing in (the city search, while the section arrives) keeps its focus,
// its text and its cursor. (Moving or replacing a focused field blurs it, and the keys
// typed next would go nowhere.) `keep`: a part of the live section that stays as it is.
function replaceSection(live, fresh, keep = null) {
  const active = document.activeElement;
  const typing = active && active.id && live.contains(active) ? active : null;
  const value = typing?.value;
  const cursor = typing && typeof typing.selectionStart === "number"
    ? [typing.selectionStart, typing.selectionEnd]
    : null;
  const kept = keep && live.querySelector(keep);
  if (kept) fresh.querySelector(keep)?.replaceWith(kept);
  live.replaceWith(fresh);
  if (!typing) return;
  const field = document.getElementById(typing.id);
  if (!field) return;
  if (field !== typing && typeof value === "string") field.value = value;
  field.focus({ preventScroll: true });
  if (cursor) {
    try {
      field.setSelectionRange(...cursor);
    } catch {
      // not a text field: the focus is enough
    }
  }
}

// The verdict at the top of the page follows the section it sums up.
function swapVerdict(fresh) {
  const live = document.getElementById("verdict");
  if (live && fresh) live.replaceWith(fresh);
}

async function bringBackRememberedPlace() {
  const section = document.getElementById("where");
  const remembered = readPlace();
  const page = new URLSearchParams(location.search);
  if (!section || !remembered || !section.dataset.skyPart) return;
  if (PLACE_PARAMS.some((name) => page.has(name))) return; // a link's place wins
  const params = placeQuery(remembered);
  if (page.has("tz")) params.set("tz", page.get("tz"));
  params.set("remembered", "1");
  const fresh = await fetchSkyPart(section, params);
  if (!fresh) return;
  replaceSection(section, fresh.section);
  swapVerdict(fresh.verdict);
  startSignupWith(fresh.section);
}

// No place chosen or remembered, the page drawn in UTC but the visitor's zone known: the
// sky from that zone's main city (the server draws it at once when a link names the zone).
// Not waited for: the picker works meanwhile, and is kept as it is, with what was typed.
async function showZoneReference() {
  const section = document.getElementById("where");
  const page = new URLSearchParams(location.search);
  const zone = visitorZone();
  if (!section || !section.dataset.skyPart || readPlace()) return;
  if (page.has("tz") || PLACE_PARAMS.some((name) => page.has(name))) return;
  if (!zone || zone === "UTC") return;
  const fresh = await fetchSkyPart(section, new URLSearchParams({ tz: zone }));
  const live = document.getElementById("where");
  if (!fresh || !live || readPlace()) return;
  // The picker as the visitor left it (what they typed, the cities found so far).
  replaceSection(live, fresh.section, "#place");
  swapVerdict(fresh.verdict);
}

await bringBackRememberedPlace();

for (const form of document.querySelectorAll("[data-place-choose], [data-place-coordinates]")) {
  form.addEventListener("submit", () => {
    const data = new FormData(form);
    if (data.get("city")) rememberPlace(`city:${data.get("city")}`);
    else if (data.get("lat") && data.get("lon")) rememberPlace(`${data.get("lat")}:${data.get("lon")}`);
  });
}

const forget = document.querySelector("[data-place-forget]");
if (forget && readPlace() && !new URLSearchParams(location.search).has("city")) {
  forget.hidden = false;
  forget.querySelector("button").addEventListener("click", () => {
    forgetPlace();
    location.assign(location.pathname + location.search.replace(/([?&])(city|lat|lon)=[^&]*/g, "$1"));
  });
}

const input = document.querySelector("[data-place-search]");
const select = input ? document.getElementById(input.dataset.placeSelect) : null;
const chooseForm = document.querySelector("[data-place-choose]");
const status = document.getElementById("place-search-status");

if (input && select && chooseForm && status) {
  let controller = null;
  let timer = null;

  const search = async () => {
    const query = input.value.trim();
    if (controller) controller.abort();
    if (!query) {
      status.textContent = "";
      return;
    }
    const mine = new AbortController();
    controller = mine;
    try {
      const params = new URLSearchParams({ q: query });
      if (visitorZone()) params.set("tz", visitorZone()); // their zone's cities first
      const url = `${input.dataset.placeSearch}?${params}`;
      const response = await fetch(url, { signal: mine.signal, headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`search answered ${response.status}`);
      const { results } = await response.json();
      // A later search has begun meanwhile: its answer, not this older one, is shown.
      if (controller !== mine) return;
      select.replaceChildren(
        ...results.map((city) => {
          const option = document.createElement("option");
          option.value = String(city.id);
          // Translators: a city in the place search's list: "Lyon, France (522,250 people)".
          option.textContent = interpolate(
            ngettext("%(city)s (%(count)s person)", "%(city)s (%(count)s people)", city.population),
            { city: city.label, count: city.population.toLocaleString(LOCALE) },
            true,
          );
          return option;
        }),
      );
      chooseForm.hidden = results.length === 0;
      // Translators: the place search's answer; query is what the visitor typed.
      status.textContent = results.length
        ? interpolate(ngettext(
          "%(count)s city matches “%(query)s”: pick one and press “Use this city”.",
          "%(count)s cities match “%(query)s”: pick one and press “Use this city”.",
          results.length,
        ), { count: results.length, query }, true)
        : interpolate(
          gettext("No city matches “%(query)s”. Try another spelling or a bigger city nearby, or give coordinates."),
          { query },
          true,
        );
    } catch (error) {
      if (error.name === "AbortError" || controller !== mine) return;
      // The server-side search (the Search button) still works.
      status.textContent = gettext("The search did not answer; press Search to try again.");
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
}

// "Use my location": the browser asks the visitor, then the coordinates are rounded to 0.1°
// (about 11 km) here, before they leave the browser, and posted like typed coordinates.
const locate = document.querySelector("[data-use-location]");
const coordinatesForm = document.querySelector("[data-place-coordinates]");
const locationStatus = document.querySelector("[data-location-status]");

function tenth(value) {
  return (Math.round(value * 10) / 10).toFixed(1);
}

if (locate && coordinatesForm && "geolocation" in navigator) {
  locate.hidden = false;
  locate.addEventListener("click", () => {
    locate.disabled = true;
    if (locationStatus) locationStatus.textContent = gettext("Asking your browser for your location…");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        coordinatesForm.elements.lat.value = tenth(position.coords.latitude);
        coordinatesForm.elements.lon.value = tenth(position.coords.longitude);
        coordinatesForm.requestSubmit();
      },
      (error) => {
        locate.disabled = false;
        if (!locationStatus) return;
        locationStatus.textContent = error.code === error.PERMISSION_DENIED
          ? gettext("Your browser did not share your location. Search for your city instead.")
          : gettext("Your location could not be found. Search for your city instead.");
      },
      // A coarse fix is all we keep, so ask for no more; a recent one will do.
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
}

showZoneReference();
