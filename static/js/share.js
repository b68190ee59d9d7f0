// Sharing without anybody else's script: "Copy link" (the link keeps the zone the page is
// shown in, ?tz=) and the browser's own share sheet where there is one (phones mostly).
// Without JavaScript the link stays selectable in its field and the plain links work.
const box = document.querySelector("[data-share]");
// Django's JavaScript catalogue (base.html loads it first) gives the page's language; where
// it is missing the English text stays.
const gettext = globalThis.gettext ?? ((text) => text);

if (box) {
  const { shareUrl: url, shareTitle: title, shareText: text } = box.dataset;
  const status = box.querySelector("[data-share-status]");
  const say = (message) => { if (status) status.textContent = message; };

  const copy = box.querySelector("[data-share-copy]");
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        say(gettext("Link copied."));
      } catch {
        say(gettext("Could not copy: select the link above and copy it."));
      }
    });
  }

  const native = box.querySelector("[data-share-native]");
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", async () => {
      try {
        await navigator.share({ title, text, url });
      } catch (error) {
        // Closing the share sheet is not a failure worth a message.
        if (error.name !== "AbortError") say(gettext("Could not open sharing: copy the link instead."));
      }
    });
  }
}
