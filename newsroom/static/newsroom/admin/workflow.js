// Workflow actions apply to the saved story: warn before one throws away unsaved edits.
"use strict";
(function () {
  const storyForm = document.getElementById("story_form");
  if (!storyForm) return;
  let edited = false;
  storyForm.addEventListener("input", () => { edited = true; });
  storyForm.addEventListener("change", () => { edited = true; });
  document.querySelectorAll("form.workflow-action").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (edited && !window.confirm("You have unsaved edits that this action will not keep. Continue?")) {
        event.preventDefault();
      }
    });
  });
})();
