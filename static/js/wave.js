// "I'm waving!" on the event page while the window is open: the tap is counted here (a
// POST with a token from /form-token/, once per browser), and the number of people waving
// is fetched again every few seconds from the cacheable /events/<slug>/waves.json.
// Without JavaScript the button is a link to the wave's own page.
const panel = document.querySelector("[data-wave-panel]");
const button = panel?.querySelector("[data-wave]");
const count = panel?.querySelector("[data-wave-count]");
const map = document.querySelector("[data-waves-map]");
const EVERY_MS = 5000;
let mine = ""; // the visitor's own square, "lat,lon", once they have waved

// The map of waves again: a new address every few seconds (each is cached a second).
function refreshMap() {
  if (!map) return;
  const url = new URL(map.src, location.href);
  url.searchParams.set("t", String(Math.floor(Date.now() / EVERY_MS)));
  if (mine) url.searchParams.set("mine", mine);
  map.src = url.pathname + url.search;
}

function people(number) {
  return `${number.toLocaleString()} ${number === 1 ? "person is" : "people are"} waving`;
}

async function refreshCount() {
  try {
    const response = await fetch(panel.dataset.wavesUrl, { headers: { Accept: "application/json" } });
    if (response.ok && !count.dataset.mine) count.textContent = `${people((await response.json()).count)}.`;
  } catch {
    // The next round tries again.
  }
}

async function wave(event) {
  event.preventDefault();
  try {
    const { token } = await (await fetch("/form-token/", { credentials: "same-origin" })).json();
    const body = new FormData();
    body.set("csrfmiddlewaretoken", token);
    body.set("tz", document.body.dataset.zone || "");
    const response = await fetch(button.href, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const answer = await response.json();
    count.dataset.mine = "1";
    if (response.ok && answer.cell) {
      mine = answer.cell.join(",");
      refreshMap();
    }
    count.textContent = response.ok
      ? `${answer.new ? "Counted" : "Counted already"}: ${people(answer.count)}, you among them.`
      : answer.error;
  } catch {
    location.href = button.href; // the page of its own still works
  }
}

if (panel && button && count) {
  button.addEventListener("click", wave);
  refreshCount();
  setInterval(() => {
    refreshCount();
    refreshMap();
  }, EVERY_MS);
}
