// A preview address is selected whole when focused, ready to copy (a file, not an inline
// handler: the Content-Security-Policy runs no inline script).
"use strict";
document.addEventListener("focusin", (event) => {
  if (event.target.matches("input.preview-address")) event.target.select();
});
