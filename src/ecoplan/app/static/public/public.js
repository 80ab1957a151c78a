// Search boxes that hide the list items not containing the typed words (data-filter = selector).
document.querySelectorAll("input[data-filter]").forEach((box) => {
  box.addEventListener("input", () => {
    const words = box.value.trim().toLowerCase();
    document.querySelectorAll(box.dataset.filter).forEach((item) => {
      item.hidden = words !== "" && !item.textContent.toLowerCase().includes(words);
    });
  });
});
