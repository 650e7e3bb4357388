// Shows each story block only the fields its kind uses; the server validates the same rules.
"use strict";
{
  const FIELDS_BY_KIND = {
    paragraph: ["body"],
    update_note: ["body"],
    quote: ["quote"],
    cast_list: ["season", "chosen_credits"],
    credits: ["season", "job", "chosen_credits"],
  };
  const ALL_FIELDS = ["body", "quote", "season", "job", "chosen_credits"];

  function showFieldsFor(block) {
    const kind = block.querySelector("select[name$='-kind']");
    if (!kind) return;
    const shown = FIELDS_BY_KIND[kind.value] || ALL_FIELDS;
    for (const name of ALL_FIELDS) {
      for (const box of block.querySelectorAll(`.field-${name}`)) {
        box.hidden = !shown.includes(name);
      }
    }
  }

  function watch(block) {
    showFieldsFor(block);
    block.addEventListener("change", (event) => {
      if (event.target.name && event.target.name.endsWith("-kind")) showFieldsFor(block);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("#blocks-group .inline-related").forEach(watch);
  });
  document.addEventListener("formset:added", (event) => {
    if (event.target.closest("#blocks-group")) watch(event.target);
  });
}
