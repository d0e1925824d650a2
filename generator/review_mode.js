/* Parallax review mode: an editor's controls on the story page. Served by `parallax serve --review` only;
   never written into the site. Each control sends one edit to the preview server, which writes the
   story's _review.yaml; the rebuild then reloads the page. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) { return; }
  var token = me.getAttribute("data-token");
  var story = me.getAttribute("data-story");
  var status = null;

  var el = function (tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  };
  var say = function (text) { if (status) { status.textContent = text; } };
  var send = function (edit) {
    edit.story = story;
    say("Saving…");
    return fetch("/__parallax/review", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Parallax-Token": token },
      body: JSON.stringify(edit)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) { throw new Error(answer.error || ("error " + response.status)); }
        say("Saved to _review.yaml; rebuilding…");
      });
    }).catch(function (problem) { say("Not saved: " + problem.message); });
  };
  var button = function (text, control, onClick) {
    var b = el("button", { type: "button", "data-review": control }, text);
    b.addEventListener("click", onClick);
    return b;
  };

  // The panel: what review mode is, the story's state, its note.
  var panel = el("section", { "class": "review-panel", "aria-labelledby": "review-panel-heading" });
  panel.appendChild(el("h2", { id: "review-panel-heading" }, "Review mode"));
  panel.appendChild(el("p", {}, "Your changes are saved to content/" + story + "/_review.yaml and the page rebuilds. Open a fact to confirm or reject it, rename it, add a note or dismiss a difference."));
  var reviewer = el("input", { type: "text", id: "review-reviewer", autocomplete: "name" });
  var reviewerLabel = el("label", { "for": "review-reviewer" }, "Your name ");
  panel.appendChild(reviewerLabel); panel.appendChild(reviewer);
  panel.appendChild(button("Mark the story as reviewed", "reviewed", function () {
    send({ action: "reviewed", reviewed: true, reviewer: reviewer.value });
  }));
  var storyNote = el("input", { type: "text", id: "review-story-note" });
  var existing = document.querySelector(".review-note");
  if (existing) { storyNote.value = existing.textContent.replace(/^Editor’s note:\s*/, ""); }
  panel.appendChild(el("label", { "for": "review-story-note" }, " Note on the story "));
  panel.appendChild(storyNote);
  panel.appendChild(button("Save the note", "story-note", function () { send({ action: "story-note", note: storyNote.value }); }));
  status = el("p", { role: "status", "class": "review-status" });
  panel.appendChild(status);
  var header = document.querySelector(".story-header");
  if (header) { header.appendChild(panel); } else { document.body.insertBefore(panel, document.body.firstChild); }

  // Each fact: confirm, reject, label, note, dismiss a difference.
  Array.prototype.forEach.call(document.querySelectorAll("details.fact[data-sentences]"), function (fact, index) {
    var sentences = fact.getAttribute("data-sentences").split(" ");
    var says = fact.getAttribute("data-says") || "";
    var labelNode = fact.querySelector(".fact-label");
    var name = labelNode ? labelNode.textContent : "";
    var edit = function (fields) {
      var result = { sentences: sentences, says: says };
      Object.keys(fields).forEach(function (key) { result[key] = fields[key]; });
      return send(result);
    };
    var tools = el("div", { "class": "review-tools", role: "group", "aria-label": "Review: " + name });
    var verdict = fact.getAttribute("data-verdict");
    if (sentences.length > 1 || verdict) {
      tools.appendChild(button(verdict === "confirmed" ? "Undo confirm" : "Confirm: one fact", "confirm", function () {
        edit({ action: "status", status: verdict === "confirmed" ? "" : "confirmed" });
      }));
      tools.appendChild(button("Reject: not one fact", "reject", function () { edit({ action: "status", status: "rejected" }); }));
    }
    var labelId = "review-label-" + index;
    tools.appendChild(el("label", { "for": labelId }, "Label "));
    var labelInput = el("input", { type: "text", id: labelId, value: name, maxlength: "120" });
    tools.appendChild(labelInput);
    tools.appendChild(button("Save label", "label", function () { edit({ action: "label", label: labelInput.value }); }));
    var noteId = "review-note-" + index;
    var current = fact.querySelector(".fact-note");
    tools.appendChild(el("label", { "for": noteId }, " Note "));
    var noteInput = el("input", { type: "text", id: noteId, value: current ? current.textContent.replace(/^Editor’s note:\s*/, "") : "" });
    tools.appendChild(noteInput);
    tools.appendChild(button("Save note", "note", function () { edit({ action: "note", note: noteInput.value }); }));
    (fact.getAttribute("data-kinds") || "").split(" ").filter(Boolean).forEach(function (kind) {
      tools.appendChild(button("Dismiss the " + kind + " difference", "dismiss-" + kind, function () {
        edit({ action: "dismiss", kind: kind });
      }));
    });
    (fact.getAttribute("data-dismissed") || "").split(" ").filter(Boolean).forEach(function (kind) {
      tools.appendChild(button("Restore the " + kind + " difference", "restore-" + kind, function () {
        edit({ action: "dismiss", kind: kind, undo: true });
      }));
    });
    var summary = fact.querySelector("summary");
    if (summary && summary.nextSibling) { fact.insertBefore(tools, summary.nextSibling); } else { fact.appendChild(tools); }
  });

  // Each omission: really left out, or stated in other words.
  Array.prototype.forEach.call(document.querySelectorAll("li[data-article][data-sentences]"), function (item) {
    var sentences = item.getAttribute("data-sentences").split(" ");
    var article = item.getAttribute("data-article");
    var link = item.querySelector("a");
    var name = link ? link.textContent : "";
    var group = el("span", { "class": "review-tools", role: "group", "aria-label": "Review: " + name });
    group.appendChild(button("Really left out", "omission-real", function () {
      send({ action: "omission", sentences: sentences, article: article, real: true });
    }));
    group.appendChild(button("Not left out", "omission-not", function () {
      send({ action: "omission", sentences: sentences, article: article, real: false });
    }));
    item.appendChild(group);
  });
}());
