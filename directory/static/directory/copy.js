// "Copier" buttons next to a handle (progressive enhancement: CSS hides them without JavaScript, so they
// take their place before the first paint; without the clipboard API they are removed).
(function () {
  if (!navigator.clipboard) {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) { button.remove(); });
    return;
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) return;
    var label = button.firstChild.nodeValue;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.firstChild.nodeValue = button.getAttribute("data-copied") || "Copié";
        window.setTimeout(function () { button.firstChild.nodeValue = label; }, 2000);
      });
    });
  });
})();
