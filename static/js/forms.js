// Forms marked with a [data-once] submit button cannot be sent twice by a double click.
// (The server is idempotent as well — this only spares the candidate a confusing second wait.)
document.querySelectorAll("form").forEach((form) => {
  const button = form.querySelector("[data-once]");
  if (!button) return;
  form.addEventListener("submit", () => {
    if (form.dataset.sent) return;
    form.dataset.sent = "1";
    // Disable after the browser has captured the submission.
    setTimeout(() => {
      button.disabled = true;
      button.textContent = "Preparing…";
    }, 0);
  });
});
