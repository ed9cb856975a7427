/* Self-check questions: plain HTML forms that give feedback without a kernel or a network. */
(function () {
  "use strict";
  function withoutYes(text) {
    var rest = text.replace(/^\s*(yes|correct)\s*[.,;:!]\s*/i, "");
    return rest ? rest.charAt(0).toUpperCase() + rest.slice(1) : text;
  }

  function check(form) {
    var inputs = form.querySelectorAll("input");
    var chosen = [];
    var allRight = true;
    for (var i = 0; i < inputs.length; i++) {
      var right = inputs[i].getAttribute("data-correct") === "true";
      if (inputs[i].checked) { chosen.push(inputs[i]); }
      if (inputs[i].checked !== right) { allRight = false; }
    }
    var out = form.querySelector(".toolkit-selfcheck-feedback");
    out.textContent = "";
    if (!chosen.length) {
      out.className = "toolkit-selfcheck-feedback";
      out.textContent = "Choose an answer first.";
      return;
    }
    var verdict = document.createElement("p");
    verdict.className = "toolkit-selfcheck-verdict";
    verdict.textContent = allRight ? "Correct." : "Not quite.";
    out.appendChild(verdict);
    var shown = {};
    for (var j = 0; j < chosen.length; j++) {
      var text = chosen[j].getAttribute("data-feedback");
      // After "Correct." an option's own "Yes." or "Yes," says it again: it goes, so that
      // three right ticks read as three reasons, not "Correct. Yes. Yes. Yes."
      if (text && allRight) { text = withoutYes(text); }
      // the same words once, not "Yes. Yes. Yes."
      if (text && !shown[text]) {
        shown[text] = true;
        var p = document.createElement("p");
        p.textContent = text;
        out.appendChild(p);
      }
    }
    var explanation = form.getAttribute("data-explanation");
    if (explanation) {
      var e = document.createElement("p");
      e.textContent = explanation;
      out.appendChild(e);
    }
    out.className = "toolkit-selfcheck-feedback " + (allRight ? "is-right" : "is-wrong");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.classList && form.classList.contains("toolkit-selfcheck")) {
      event.preventDefault();
      check(form);
    }
  });
})();
