// An announcement's sending progress in the admin, kept current: while emails are still to
// go, the fragment (admin/events/announcement/progress.html) is fetched again every few
// seconds and put in place. Without JavaScript, reloading the page does the same.
const EVERY_MS = 3000;

async function refresh() {
  const current = document.getElementById("broadcast-progress");
  if (!current || !current.hasAttribute("data-running")) return;
  try {
    const response = await fetch(current.dataset.progressUrl, { headers: { Accept: "text/html" } });
    if (response.ok) {
      const fresh = new DOMParser()
        .parseFromString(await response.text(), "text/html")
        .getElementById("broadcast-progress");
      if (fresh) current.replaceWith(document.importNode(fresh, true));
    }
  } catch {
    // The next round tries again.
  }
  setTimeout(refresh, EVERY_MS);
}

setTimeout(refresh, EVERY_MS);
