// Resume upload: drag-and-drop onto the form and a progress bar while HTMX sends the file.
// Without JavaScript the same form posts normally; this only adds to it.

function wire(form) {
  if (form.dataset.wired) return;
  form.dataset.wired = "1";
  const input = form.querySelector('input[type="file"]');
  const progress = form.querySelector(".upload-progress");
  const status = form.querySelector(".upload-status");

  ["dragenter", "dragover"].forEach((name) =>
    form.addEventListener(name, (event) => {
      event.preventDefault();
      form.classList.add("is-over");
    }),
  );
  ["dragleave", "drop"].forEach((name) =>
    form.addEventListener(name, () => form.classList.remove("is-over")),
  );
  form.addEventListener("drop", (event) => {
    event.preventDefault();
    const files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length || !input) return;
    input.files = files;
    form.requestSubmit();
  });

  form.addEventListener("htmx:xhr:progress", (event) => {
    if (!progress || !event.detail.lengthComputable) return;
    progress.hidden = false;
    progress.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    if (status) {
      status.textContent = progress.value < 100 ? `Uploading… ${progress.value}%` : "Reading your resume…";
    }
  });
}

function wireAll(root) {
  root.querySelectorAll("form[data-dropzone]").forEach(wire);
}

wireAll(document);
document.body.addEventListener("htmx:load", (event) => wireAll(event.target.parentNode || document));
