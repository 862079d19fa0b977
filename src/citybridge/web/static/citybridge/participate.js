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

// Repeat groups: "Add another" copies the repeat's <template> (an empty instance whose key holds a
// placeholder such as __0__) under a number no instance uses, and "Remove" takes an instance out;
// the server numbers the instances again in page order. Without JavaScript both buttons submit the
// form and the server answers with the same page, one instance more or less, every answer kept.
let instancesAdded = 0;
function addInstance(repeat) {
  const template = repeat.querySelector(":scope > template");
  const placeholder = template.innerHTML.match(/\[(__\d+__)\]/)[1];
  instancesAdded += 1;
  const list = repeat.querySelector(":scope > .instances");
  list.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll(placeholder, String(1000 + instancesAdded)));
  return list.lastElementChild;
}
function numberInstances(repeat) {
  repeat.querySelectorAll(":scope > .instances > .instance").forEach((instance, n) => {
    instance.querySelector(":scope > legend .instance-number").textContent = String(n + 1);
  });
}
document.addEventListener("click", (event) => {
  const add = event.target.closest("button[name=add_instance]");
  const remove = event.target.closest("button[name=remove_instance]");
  if (!add && !remove) return;
  event.preventDefault();
  const repeat = (add || remove).closest(".repeat");
  if (add) {
    addInstance(repeat).querySelector("input:not([type=hidden]), textarea")?.focus();
  } else {
    remove.closest(".instance").remove();
    repeat.querySelector(":scope > button[name=add_instance]")?.focus();
  }
  numberInstances(repeat);
  repeat.closest("form")?.dispatchEvent(new Event("change", { bubbles: true }));  // relevance, again
});

// A repeat with a repeat_count: #relevance (htmx) says how many instances it has now, and the page
// adds or removes instances at the end to match (the server does the same when the form is sent).
document.addEventListener("htmx:afterSettle", () => {
  const holder = document.getElementById("relevance");
  let changed = false;
  for (const entry of (holder?.dataset.counts || "").split(" ").filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const repeat = document.getElementById(entry.slice(0, at));
    if (!repeat) continue;
    const wanted = Number(entry.slice(at + 1));
    const instances = () => repeat.querySelectorAll(":scope > .instances > .instance");
    changed = changed || instances().length !== wanted;
    while (instances().length < wanted) addInstance(repeat);
    while (instances().length > wanted) instances()[instances().length - 1].remove();
    numberInstances(repeat);
  }
  // The new instances' questions are checked too (the next answer says the count is met).
  if (changed) document.getElementById("answers")?.dispatchEvent(new Event("change", { bubbles: true }));
});

// Cascading selects: #relevance (htmx) names the choices each one offers now, by the form's own
// choice_filter evaluated on the server; the others are hidden, and a choice picked that is no
// longer offered is unpicked (which may narrow the next select of the cascade in turn).
document.addEventListener("htmx:afterSettle", () => {
  const holder = document.getElementById("relevance");
  if (!holder) return;
  let unpicked = false;
  for (const entry of (holder.dataset.offered || "").split(" ").filter(Boolean)) {
    const at = entry.lastIndexOf("=");
    const question = document.getElementById(entry.slice(0, at));
    if (!question) continue;
    const offered = new Set(entry.slice(at + 1).split("|"));
    for (const input of question.querySelectorAll("input[type=radio], input[type=checkbox]")) {
      const label = input.closest("label");
      label.hidden = !offered.has(input.value);
      if (label.hidden && input.checked) { input.checked = false; unpicked = true; }
    }
  }
  if (unpicked) document.getElementById("answers")?.dispatchEvent(new Event("change", { bubbles: true }));
});
