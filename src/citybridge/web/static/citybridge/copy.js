// Copy buttons (data-copy="text"): hidden without JavaScript, where the link itself can be
// selected; with it, one click puts the text on the clipboard and the button says so.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy[data-copy]")) button.hidden = false;
});
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy[data-copy]");
  if (!button) return;
  const label = button.dataset.label || (button.dataset.label = button.textContent);
  try {
    await navigator.clipboard.writeText(button.dataset.copy);
    button.textContent = button.dataset.done || "✓";
  } catch {
    button.textContent = "✗";
  }
  setTimeout(() => { button.textContent = label; }, 2000);
});
