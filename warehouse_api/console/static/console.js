// The console's only script: the pick list's Print button (everything else is plain forms).
"use strict";
const printButton = document.getElementById("print");
if (printButton) {
  printButton.addEventListener("click", () => window.print());
}
