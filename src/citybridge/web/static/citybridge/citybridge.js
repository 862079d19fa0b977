// What the pages do in the browser, kept out of the HTML: the Content-Security-Policy refuses inline
// script and style (citybridge/web/headers.py).

// A language chosen in the header's list applies at once (the form's button stays for no script).
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-submit-on-change]");
  if (select) select.form.submit();
});

// The participant's form: htmx swaps in #relevance, naming the questions that do not apply.
document.addEventListener("htmx:afterSettle", () => {
  const holder = document.getElementById("relevance");
  if (!holder) return;
  const hidden = new Set((holder.dataset.hidden || "").split(" ").filter(Boolean));
  for (const question of document.querySelectorAll(".question[id^='q-']")) {
    question.hidden = hidden.has(question.id);
  }
});
