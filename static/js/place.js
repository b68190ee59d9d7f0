// The place picker, enhanced. Without JavaScript the same works on the server: the search
// form reloads the page with matching cities, and choosing one opens the page with ?city=
// (or ?lat=&lon=). This adds search as you type (JSON from /places/search/), "use my
// location", and a memory: the chosen place is kept in this browser (the `place` cookie)
// and, on the next visit, the page's "Where to look" section is fetched for it
// (/events/<slug>/sky/) and swapped in; the page itself stays the same for everyone.

const COOKIE = "place";
const PLACE_PARAMS = ["city", "lat", "lon"];

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

async function bringBackRememberedPlace() {
  const section = document.getElementById("where");
  const remembered = readPlace();
  const page = new URLSearchParams(location.search);
  if (!section || !remembered || !section.dataset.skyPart) return;
  if (PLACE_PARAMS.some((name) => page.has(name))) return; // a link's place wins
  const params = placeQuery(remembered);
  if (page.has("tz")) params.set("tz", page.get("tz"));
  params.set("remembered", "1");
  try {
    const response = await fetch(`${section.dataset.skyPart}?${params}`);
    if (!response.ok) return;
    const fresh = new DOMParser()
      .parseFromString(await response.text(), "text/html")
      .getElementById("where");
    if (fresh) section.replaceWith(document.importNode(fresh, true));
  } catch {
    // The page still works: the visitor can choose the place again.
  }
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

function plural(count) {
  return count === 1 ? "city matches" : "cities match";
}

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
    controller = new AbortController();
    try {
      const url = `${input.dataset.placeSearch}?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`search answered ${response.status}`);
      const { results } = await response.json();
      select.replaceChildren(
        ...results.map((city) => {
          const option = document.createElement("option");
          option.value = String(city.id);
          option.textContent = `${city.label} (${city.population.toLocaleString()} people)`;
          return option;
        }),
      );
      chooseForm.hidden = results.length === 0;
      status.textContent = results.length
        ? `${results.length} ${plural(results.length)} “${query}”: pick one and press “Use this city”.`
        : `No city matches “${query}”. Try another spelling or a bigger city nearby, or give coordinates.`;
    } catch (error) {
      if (error.name === "AbortError") return;
      // The server-side search (the Search button) still works.
      status.textContent = "The search did not answer; press Search to try again.";
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
    if (locationStatus) locationStatus.textContent = "Asking your browser for your location…";
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
          ? "Your browser did not share your location. Search for your city instead."
          : "Your location could not be found. Search for your city instead.";
      },
      // A coarse fix is all we keep, so ask for no more; a recent one will do.
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
}
