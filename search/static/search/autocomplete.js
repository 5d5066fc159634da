// Suggestions for text fields: the ARIA 1.2 combobox pattern ("list autocomplete without automatic
// selection"). Progressive enhancement: without this file each field is a plain field and its form submits.
//
// - input[data-autocomplete]: the search boxes; choosing a suggestion opens its page. The attribute's value is
//   the suggestions URL (empty: the form's action + "suggestions/").
// - input[data-suggest="<type>"]: any other field (data-suggest="communes": a "près de" town field);
//   choosing a suggestion writes its value into the field, the form is submitted as usual. The suggestions
//   URL is data-suggest-url (default /recherche/suggestions/), asked with type=<type>.
//
// The suggestions endpoint (search.views.suggestions) answers JSON: {results: [{title, url | value,
// kind_label, meta}], status: "3 suggestions…"}; its status text is already translated, so this file holds
// no UI string.
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DEBOUNCE_MS = 150;
  var REQUEST_TIMEOUT_MS = 2000;
  var counter = 0;

  function suggestionsUrl(input) {
    var type = input.getAttribute("data-suggest");
    if (type) {
      var base = input.getAttribute("data-suggest-url") || "/recherche/suggestions/";
      return base + (base.indexOf("?") === -1 ? "?" : "&") + "type=" + encodeURIComponent(type);
    }
    var url = input.getAttribute("data-autocomplete");
    if (url) return url;
    var action = input.form ? input.form.getAttribute("action") || "" : "";
    return action.replace(/\/?$/, "/") + "suggestions/";
  }

  function Combobox(input) {
    counter += 1;
    this.input = input;
    this.url = suggestionsUrl(input);
    this.results = [];
    this.active = -1;
    this.sequence = 0;
    this.timer = null;
    this.controller = null;

    this.listbox = document.createElement("ul");
    this.listbox.id = "pdn-suggestions-" + counter;
    this.listbox.className = "pdn-ac__listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "");
    this.listbox.hidden = true;

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.classList.add("pdn-ac");
    input.insertAdjacentElement("afterend", this.listbox);
    this.listbox.insertAdjacentElement("afterend", this.status);

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeydown.bind(this));
    input.addEventListener("blur", this.onBlur.bind(this));
    // mousedown, not click: keep the focus in the box until the choice is made.
    this.listbox.addEventListener("mousedown", this.onMousedown.bind(this));
  }

  Combobox.prototype.onInput = function () {
    var self = this;
    window.clearTimeout(this.timer);
    var query = this.input.value.trim();
    if (query.length < MIN_LENGTH) {
      this.sequence += 1;
      this.close();
      this.announce("");
      return;
    }
    this.timer = window.setTimeout(function () { self.fetch(query); }, DEBOUNCE_MS);
  };

  Combobox.prototype.fetch = function (query) {
    var self = this;
    var sequence = (this.sequence += 1);
    if (this.controller) this.controller.abort();
    this.controller = "AbortController" in window ? new AbortController() : null;
    var options = { headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (this.controller) {
      options.signal = this.controller.signal;
      var controller = this.controller;
      window.setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    }
    var separator = this.url.indexOf("?") === -1 ? "?" : "&";
    window.fetch(this.url + separator + "q=" + encodeURIComponent(query), options)
      .then(function (response) { return response.ok ? response.json() : { results: [], status: "" }; })
      .then(function (data) {
        // Answers can arrive out of order: only the latest question's answer is shown.
        if (sequence !== self.sequence) return;
        self.render(data.results || []);
        self.announce(data.status || "");
      })
      .catch(function () { /* offline, aborted or too slow: the plain form still works */ });
  };

  Combobox.prototype.render = function (results) {
    this.results = results;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.listbox.textContent = "";
    var self = this;
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.className = "pdn-ac__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      var title = document.createElement("span");
      title.className = "pdn-ac__title";
      title.textContent = result.title;
      var details = document.createElement("span");
      details.className = "pdn-ac__meta";
      details.textContent = [result.kind_label, result.meta].filter(Boolean).join(" · ");
      option.appendChild(title);
      option.appendChild(details);
      self.listbox.appendChild(option);
    });
    if (results.length) this.open(); else this.close();
  };

  Combobox.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.setActive(-1);
  };

  Combobox.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Combobox.prototype.setActive = function (index) {
    var options = this.listbox.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i += 1) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    this.active = index;
    if (index >= 0 && options[index]) {
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Combobox.prototype.move = function (step) {
    if (!this.results.length) return;
    if (!this.isOpen()) this.open();
    var count = this.results.length;
    var next = this.active === -1 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    this.setActive(next);
  };

  Combobox.prototype.choose = function (index) {
    var result = this.results[index];
    if (!result) return;
    if (typeof result.value === "string") {
      // A field's value (a town): written into the field; the visitor submits the form when ready.
      this.input.value = result.value;
      this.sequence += 1;
      this.close();
      this.announce("");
    } else if (result.url) {
      window.location.assign(result.url);
    }
  };

  Combobox.prototype.onKeydown = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (event.altKey) { if (this.results.length) this.open(); } else this.move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        // With a suggestion highlighted, go to it; otherwise let the form search for the typed words.
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.sequence += 1;
          this.announce("");
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Combobox.prototype.onBlur = function () {
    this.close();
  };

  Combobox.prototype.onMousedown = function (event) {
    var option = event.target.closest("[role=option]");
    if (!option) return;
    event.preventDefault();
    this.choose(Number(option.getAttribute("data-index")));
  };

  Combobox.prototype.announce = function (message) {
    // Emptied first so the same message ("0 suggestion…") is announced again.
    var status = this.status;
    status.textContent = "";
    if (message) window.setTimeout(function () { status.textContent = message; }, 50);
  };

  function init() {
    if (!("fetch" in window)) return;
    var inputs = document.querySelectorAll("input[data-autocomplete], input[data-suggest]");
    for (var i = 0; i < inputs.length; i += 1) {
      if (!inputs[i].hasAttribute("role")) new Combobox(inputs[i]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
