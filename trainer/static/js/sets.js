/* The sets table of the workout form, enhanced: an "Add another set" button that copies the
   last set (same exercise, reps and load) and a "Remove" button on each row.

   Progressive enhancement: without JavaScript the form already works. It offers blank rows
   (ignored when left empty) and a "Remove" checkbox on each row. Loaded as an external file,
   since the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  var list = document.querySelector("[data-set-rows]");
  var addButton = document.querySelector("[data-add-set]");
  if (!list || !addButton) {
    return;
  }

  function rows() {
    return Array.prototype.slice.call(list.querySelectorAll("[data-set-row]"));
  }

  function inputs(row) {
    return Array.prototype.slice.call(row.querySelectorAll("select, input:not([type=checkbox])"));
  }

  function isBlank(row) {
    return !row.classList.contains("has-error") && inputs(row).every(function (field) {
      return field.value.trim() === "";
    });
  }

  function indexOf(row) {
    var match = /^sets-(\d+)-/.exec(row.querySelector("select").name);
    return match ? parseInt(match[1], 10) : 0;
  }

  /* Point the row's names, ids and labels at a new index: sets-3-reps -> sets-9-reps. */
  function reindex(row, index) {
    var prefix = /^sets-\d+-/;
    row.querySelectorAll("[name], [id], label[for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value && prefix.test(value)) {
          el.setAttribute(attr, value.replace(prefix, "sets-" + index + "-"));
        }
      });
    });
  }

  function renumber() {
    rows().forEach(function (row, i) {
      row.querySelectorAll("[data-set-number]").forEach(function (el) {
        el.textContent = String(i + 1);
      });
      var remove = row.querySelector("[data-remove-set]");
      if (remove) {
        remove.setAttribute("aria-label", "Remove set " + (i + 1));
      }
    });
  }

  /* Replace the row's "Remove" checkbox by a button that takes the row away. */
  function enhance(row) {
    var box = row.querySelector("[data-remove-box]");
    if (!box || row.querySelector("[data-remove-set]")) {
      return;
    }
    box.hidden = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = "Remove";
    button.setAttribute("data-remove-set", "");
    box.parentNode.appendChild(button);
  }

  function clearErrors(row) {
    row.classList.remove("has-error");
    row.querySelectorAll(".set-errors").forEach(function (el) {
      el.parentNode.removeChild(el);
    });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  function addRow() {
    var all = rows();
    var last = all[all.length - 1];
    var row = last.cloneNode(true);
    var next = Math.max.apply(null, all.map(indexOf)) + 1;
    reindex(row, next);
    clearErrors(row);
    var from = inputs(last);
    inputs(row).forEach(function (field, i) {
      // A new set starts as a copy of the last one (same exercise, reps and load), RPE empty.
      field.value = /-rpe$/.test(field.name) ? "" : from[i].value;
    });
    row.querySelector("input[type=checkbox]").checked = false;
    list.appendChild(row);
    renumber();
    var reps = row.querySelector("input[name$='-reps']");
    (reps && row.querySelector("select").value ? reps : row.querySelector("select")).focus();
  }

  function removeRow(row) {
    if (rows().length > 1) {
      list.removeChild(row);
    } else {
      inputs(row).forEach(function (field) {
        field.value = "";
      });
      clearErrors(row);
    }
    renumber();
    addButton.focus();
  }

  // With the button at hand, blank rows are clutter: keep them only when every row is blank
  // (then one is enough to start with).
  var blank = rows().filter(isBlank);
  blank.slice(blank.length === rows().length ? 1 : 0).forEach(function (row) {
    list.removeChild(row);
  });
  rows().forEach(enhance);
  renumber();

  addButton.hidden = false;
  addButton.addEventListener("click", addRow);
  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-set]");
    if (button) {
      removeRow(button.closest("[data-set-row]"));
    }
  });
})();
