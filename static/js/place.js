// The place picker, enhanced. Without JavaScript the same works on the server: the search
// form reloads the page with matching cities, and the coordinates form posts to /place/.
// This adds search as you type (JSON from /places/search/) and "use my location".

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
