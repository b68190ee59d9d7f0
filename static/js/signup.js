// The sign-up form, enhanced. Without JavaScript it works as it is: "Find city" searches on
// the server and errors come back beside the fields on a new page. With it, cities are found
// as you type, the browser's own time zone is preselected, and the server's answer to a
// submission is shown in place. The server still checks everything: its error messages are
// the only ones, so both ways say the same. Listeners sit on the document, so a form swapped
// in after an error works like the first.

const SEARCH_DELAY_MS = 250;
const MIN_QUERY_LENGTH = 2;
// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const gettext = globalThis.gettext ?? ((text) => text);
const ngettext = globalThis.ngettext ?? ((one, other, count) => (count === 1 ? one : other));
const interpolate = globalThis.interpolate
  ?? ((text, values) => text.replace(/%\(([^)]+)\)s/g, (match, key) => String(values[key])));

let searchTimer = null;
let searchController = null;

function preselectBrowserZone() {
  let zone = null;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  for (const input of document.querySelectorAll("input[data-browser-zone]")) {
    if (zone && (!input.value || input.value === "UTC")) input.value = zone;
  }
}

// Zone names suggested as you type (the same search as the zone picker's).
let zoneTimer = null;
document.addEventListener("input", (event) => {
  const input = event.target.closest?.("input[data-zone-suggest]");
  if (!input) return;
  clearTimeout(zoneTimer);
  zoneTimer = setTimeout(async () => {
    const query = input.value.trim();
    const list = document.getElementById(input.getAttribute("list"));
    if (!list || query.length < 2) return;
    try {
      const response = await fetch(`${input.dataset.zoneSuggest}?q=${encodeURIComponent(query)}`);
      const answer = await response.json();
      list.replaceChildren(
        ...answer.zones.map((zone) => {
          const option = document.createElement("option");
          option.value = zone.name;
          option.label = zone.label;
          return option;
        }),
      );
    } catch {
      // Suggestions are a convenience: the server checks the name either way.
    }
  }, SEARCH_DELAY_MS);
});

function cityParts(input) {
  const form = input.closest("form");
  const choice = form.querySelector("[data-city-choice]");
  return {
    choice,
    select: choice?.querySelector("select"),
    status: form.querySelector("[data-city-status]"),
  };
}

function showCities(input, results, query) {
  const { choice, select, status } = cityParts(input);
  if (!select) return;
  // new Option() sets text, never markup: city names are shown as they are.
  select.replaceChildren(
    ...results.map((city) => new Option(`${city.label} (${city.zone})`, String(city.id))),
  );
  choice.hidden = results.length === 0;
  if (status) {
    const count = results.length;
    // Translators: the sign-up form's city search; query is what the visitor typed.
    status.textContent = count
      ? interpolate(ngettext(
        "%(count)s place match: pick yours from the list.",
        "%(count)s places match: pick yours from the list.",
        count,
      ), { count }, true)
      : interpolate(
        gettext("No city matches “%(query)s”. Check the spelling, or pick your time zone."),
        { query },
        true,
      );
  }
}

function clearCities(input) {
  const { choice, select, status } = cityParts(input);
  if (!select) return;
  select.replaceChildren();
  choice.hidden = true;
  if (status) status.textContent = "";
}

async function searchCities(input, query) {
  searchController?.abort();
  searchController = new AbortController();
  const url = new URL(input.dataset.citySearch, location.href);
  url.searchParams.set("q", query);
  // The visitor's zone (as static/js/localtime.js found it): its cities come first.
  if (document.body.dataset.zone) url.searchParams.set("tz", document.body.dataset.zone);
  try {
    const response = await fetch(url, {
      signal: searchController.signal,
      headers: { Accept: "application/json" },
    });
    if (!response.ok) throw new Error(`search answered ${response.status}`);
    const data = await response.json();
    showCities(input, data.results ?? [], query);
  } catch (error) {
    if (error.name === "AbortError") return;
    const { status } = cityParts(input);
    if (status) {
      status.textContent = gettext("The city search is not answering: press “Find city” or pick your time zone.");
    }
  }
}

document.addEventListener("input", (event) => {
  const input = event.target.closest?.("[data-city-search]");
  if (!input) return;
  clearTimeout(searchTimer);
  const query = input.value.trim();
  if (query.length < MIN_QUERY_LENGTH) {
    clearCities(input);
    return;
  }
  searchTimer = setTimeout(() => searchCities(input, query), SEARCH_DELAY_MS);
});

document.addEventListener("click", (event) => {
  const button = event.target.closest?.("[data-find-city]");
  if (!button) return;
  const input = button.form?.querySelector("[data-city-search]");
  if (!input || !input.value.trim()) return;
  event.preventDefault();
  clearTimeout(searchTimer);
  searchCities(input, input.value.trim());
});

function formStatus(form, text) {
  const status = form.querySelector("[data-form-status]");
  if (status) status.textContent = text;
}

// A form on a cached page carries no CSRF token (its HTML is the same for everyone): ask the
// site for one when the visitor starts on the form, and at the latest before it is sent.
const TOKEN_URL = "/form-token/";
let tokenRequest = null;

function tokenInput(form) {
  return form.querySelector("input[name='csrfmiddlewaretoken']");
}

async function ensureToken(form) {
  const input = tokenInput(form);
  if (!input || input.value) return true;
  tokenRequest ??= fetch(TOKEN_URL, { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((answer) => answer.token)
    .catch(() => {
      tokenRequest = null;
      return null;
    });
  const token = await tokenRequest;
  if (!token) return false;
  input.value = token;
  return true;
}

document.addEventListener("focusin", (event) => {
  const form = event.target.closest?.("form[data-needs-token]");
  if (form) ensureToken(form);
});

// The inline form needs this script (for its token): without it the page offers a link to
// the sign-up page instead. With it, the form takes the link's place.
for (const inline of document.querySelectorAll("[data-signup-inline][hidden]")) {
  inline.hidden = false;
  for (const link of document.querySelectorAll("[data-signup-link]")) link.hidden = true;
  // The button at the top of the page leads to the form here, not to the sign-up page.
  for (const jump of document.querySelectorAll("[data-signup-jump]")) jump.href = "#signup";
}

// A native submission ("Find city" searches on the server) waits for the token too.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches?.("form[data-needs-token]") || tokenInput(form)?.value) return;
  if (form.matches("form[data-submit-in-place]") && event.submitter?.name !== "find_city") return;
  event.preventDefault();
  if (await ensureToken(form)) form.requestSubmit(event.submitter);
});

// Submitting in place: the same POST the browser would make. A redirect means it worked
// (go where it leads); a 400 brings back the form with the server's messages, which
// replaces this one; anything else (closed, too many, too large) shows the page's sentence.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches?.("form[data-submit-in-place]")) return;
  if (event.submitter?.name === "find_city") return;
  event.preventDefault();
  const button = event.submitter;
  if (button) button.disabled = true;
  form.setAttribute("aria-busy", "true");
  formStatus(form, gettext("Sending…"));
  let response;
  if (!(await ensureToken(form))) {
    formStatus(form, gettext("We could not reach the site. Check your connection and try again."));
    form.removeAttribute("aria-busy");
    if (button) button.disabled = false;
    return;
  }
  try {
    response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
  } catch {
    formStatus(form, gettext("We could not reach the site. Check your connection and try again."));
    form.removeAttribute("aria-busy");
    if (button) button.disabled = false;
    return;
  }
  if (response.redirected) {
    location.assign(response.url);
    return;
  }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector("form[data-submit-in-place]");
  if (response.status === 400 && fresh) {
    form.replaceWith(fresh);
    const summary = fresh.querySelector("[data-error-summary]");
    const firstInvalid = fresh.querySelector("[aria-invalid='true']");
    (summary ?? firstInvalid)?.focus();
    return;
  }
  const sentence = page.querySelector("main .lead")?.textContent?.trim();
  formStatus(form, sentence || interpolate(
    // Translators: status is an HTTP status code ("502").
    gettext("Something went wrong (%(status)s). Please try again."),
    { status: response.status },
    true,
  ));
  form.removeAttribute("aria-busy");
  if (button) button.disabled = false;
});

preselectBrowserZone();
