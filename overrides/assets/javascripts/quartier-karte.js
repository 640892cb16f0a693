/*
 * Quartier: the optional tile map of /karte/ (extra.quartier.map_tiles).
 *
 * The page names the tile server first; nothing is requested from it until the visitor
 * clicks „Karte laden“. Then this script draws the tiles (Web Mercator, 256 px each) and
 * the same cities as the drawing above, each a link to its page. Drag or the arrow keys
 * move the map, the buttons or + and − zoom. No library, nothing else from elsewhere:
 * this file comes from the site itself, and the tiles from the one server the page named.
 */
const data = JSON.parse(document.getElementById("q-map-data").textContent);
const start = document.querySelector(".q-map-tiles__start");
const button = document.getElementById("q-map-load");
const view = document.getElementById("q-map-tiles-view");
const attribution = document.querySelector(".q-map-tiles__attribution");
const TILE = 256;
const MIN_ZOOM = 4;
const MAX_ZOOM = 14;
const GERMANY = { west: 5.8, east: 15.1, south: 47.2, north: 55.1 };

start.hidden = false;

function world(lon, lat, zoom) {
  const size = TILE * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((lon + 180) / 360) * size,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size,
  };
}

function tileUrl(z, x, y) {
  return data.tiles.replace("{z}", z).replace("{x}", x).replace("{y}", y).replace("{s}", "a");
}

const state = { zoom: MIN_ZOOM, x: 0, y: 0 };
const tiles = new Map();
const markers = [];
let layer;

function fit() {
  const width = view.clientWidth;
  const height = view.clientHeight;
  for (let zoom = MAX_ZOOM; zoom >= MIN_ZOOM; zoom -= 1) {
    const nw = world(GERMANY.west, GERMANY.north, zoom);
    const se = world(GERMANY.east, GERMANY.south, zoom);
    if (se.x - nw.x <= width && se.y - nw.y <= height) {
      Object.assign(state, { zoom, x: (nw.x + se.x) / 2, y: (nw.y + se.y) / 2 });
      return;
    }
  }
  const middle = world((GERMANY.west + GERMANY.east) / 2, (GERMANY.south + GERMANY.north) / 2, MIN_ZOOM);
  Object.assign(state, { zoom: MIN_ZOOM, x: middle.x, y: middle.y });
}

function draw() {
  const width = view.clientWidth;
  const height = view.clientHeight;
  const left = state.x - width / 2;
  const top = state.y - height / 2;
  const count = 2 ** state.zoom;
  const wanted = new Set();
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + height) / TILE); ty += 1) {
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + width) / TILE); tx += 1) {
      if (ty < 0 || ty >= count) continue;
      const wrapped = ((tx % count) + count) % count;
      const key = `${state.zoom}/${tx}/${ty}`;
      wanted.add(key);
      let img = tiles.get(key);
      if (!img) {
        img = document.createElement("img");
        img.className = "q-tile";
        img.alt = "";
        img.draggable = false;
        img.src = tileUrl(state.zoom, wrapped, ty);
        tiles.set(key, img);
        layer.append(img);
      }
      img.style.left = `${tx * TILE - left}px`;
      img.style.top = `${ty * TILE - top}px`;
    }
  }
  for (const [key, img] of tiles) {
    if (!wanted.has(key)) {
      img.remove();
      tiles.delete(key);
    }
  }
  for (const { link, point } of markers) {
    const at = world(point.lon, point.lat, state.zoom);
    link.style.left = `${at.x - left}px`;
    link.style.top = `${at.y - top}px`;
  }
}

function zoomBy(step) {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, state.zoom + step));
  const factor = 2 ** (zoom - state.zoom);
  Object.assign(state, { zoom, x: state.x * factor, y: state.y * factor });
  draw();
}

function controls() {
  const box = document.createElement("div");
  box.className = "q-map-tiles__zoom";
  for (const [label, name, step] of [
    ["+", "Vergrößern", 1],
    ["−", "Verkleinern", -1],
  ]) {
    const control = document.createElement("button");
    control.type = "button";
    control.textContent = label;
    control.setAttribute("aria-label", name);
    control.addEventListener("click", () => zoomBy(step));
    box.append(control);
  }
  return box;
}

function build() {
  view.hidden = false;
  attribution.hidden = false;
  view.tabIndex = 0;
  view.setAttribute("role", "region");
  view.setAttribute("aria-label", "Interaktive Karte: Pfeiltasten verschieben, Plus und Minus zoomen");
  layer = document.createElement("div");
  view.append(layer, controls());
  const base = new URL("../../", import.meta.url);
  for (const point of data.points) {
    const link = document.createElement("a");
    link.className = "q-map-tiles__marker";
    link.href = new URL(point.path, base).href;
    link.textContent = point.upcoming ? `${point.name} (${point.upcoming})` : point.name;
    markers.push({ link, point });
    view.append(link);
  }
  fit();
  draw();
  let drag = null;
  view.addEventListener("pointerdown", (event) => {
    if (event.target.closest("a, button")) return;
    drag = { x: event.clientX, y: event.clientY };
    view.setPointerCapture(event.pointerId);
  });
  view.addEventListener("pointermove", (event) => {
    if (!drag) return;
    state.x -= event.clientX - drag.x;
    state.y -= event.clientY - drag.y;
    drag = { x: event.clientX, y: event.clientY };
    draw();
  });
  view.addEventListener("pointerup", () => {
    drag = null;
  });
  view.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-64, 0], ArrowRight: [64, 0], ArrowUp: [0, -64], ArrowDown: [0, 64] };
    if (event.target !== view) return;
    if (moves[event.key]) {
      state.x += moves[event.key][0];
      state.y += moves[event.key][1];
      draw();
    } else if (event.key === "+" || event.key === "-") {
      zoomBy(event.key === "+" ? 1 : -1);
    } else {
      return;
    }
    event.preventDefault();
  });
  window.addEventListener("resize", draw);
}

button.addEventListener("click", () => {
  start.hidden = true;
  build();
  view.focus();
});
