// Search boxes that hide the list items not containing the typed words (data-filter = selector).
document.querySelectorAll("input[data-filter]").forEach((box) => {
  box.addEventListener("input", () => {
    const words = box.value.trim().toLowerCase();
    document.querySelectorAll(box.dataset.filter).forEach((item) => {
      item.hidden = words !== "" && !item.textContent.toLowerCase().includes(words);
    });
  });
});

// The report form's place picker: a tile (district) or a town square of the schematic map fills
// the district select and the town field; Enter or Space does the same as a click.
const picker = document.querySelector("#place-map");
if (picker) {
  const district = document.querySelector("#fb-district");
  const town = document.querySelector("#fb-town");
  const said = document.querySelector("#place-chosen");
  const choose = (target) => {
    picker.querySelectorAll("[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", "false"));
    target.setAttribute("aria-pressed", "true");
    district.value = target.dataset.district;
    town.value = target.dataset.town || "";
    said.textContent = `已选择：${target.dataset.district}${target.dataset.town || ""}`;
  };
  picker.querySelectorAll("[data-district]").forEach((target) => {
    target.addEventListener("click", (event) => { event.stopPropagation(); choose(target); });
    target.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(target); }
    });
  });
}

// "Use my location": the browser's own geolocation fills the hidden lat/lon (no map service).
const locate = document.querySelector("#use-location");
if (locate) {
  const state = document.querySelector("#location-state");
  locate.addEventListener("click", () => {
    if (!navigator.geolocation) { state.textContent = "此浏览器不能获取位置，请在上面点选辖市区、镇（街道）。"; return; }
    state.textContent = "正在获取位置……";
    navigator.geolocation.getCurrentPosition((pos) => {
      const lat = pos.coords.latitude.toFixed(5), lon = pos.coords.longitude.toFixed(5);
      document.querySelector("#fb-lat").value = lat;
      document.querySelector("#fb-lon").value = lon;
      state.textContent = `已记录位置：${lat}, ${lon}（只有生态环境部门能看到）`;
    }, () => { state.textContent = "没有取得位置（可能未允许），请在上面点选辖市区、镇（街道）。"; },
    { enableHighAccuracy: true, timeout: 10000 });
  });
}
