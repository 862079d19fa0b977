// The participant form's language buttons, with JavaScript: the answers given so far are posted
// as the button would without it, and only the form part of the page is replaced, in place (no
// reload, the scroll position kept). Without JavaScript the button submits the form: the server
// answers with the same page in the other language, every answer kept.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[name=switch_language]");
  if (!button || !button.form) return;
  event.preventDefault();
  const body = new FormData(button.form);
  body.set(button.name, button.value);
  const response = await fetch(button.form.action, { method: "POST", body, credentials: "same-origin" });
  if (!response.ok) { button.form.requestSubmit(button); return; }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector(".participate");
  document.querySelector(".participate").replaceWith(fresh);
  document.documentElement.lang = page.documentElement.lang;
  document.title = page.title;
  if (window.htmx) window.htmx.process(fresh);
  fresh.querySelector("button[name=switch_language][aria-current]")?.focus();
});
