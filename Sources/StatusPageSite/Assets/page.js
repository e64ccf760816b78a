// statusd status page: adds "(3 hours ago)" after each time. Optional: the page reads the same
// without it, and the Content-Security-Policy admits only this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Intl === "undefined" || !Intl.RelativeTimeFormat) return;
  var format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  var steps = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  document.querySelectorAll("time[datetime]").forEach(function (element) {
    var seconds = (Date.parse(element.getAttribute("datetime")) - Date.now()) / 1000;
    if (isNaN(seconds)) return;
    var text = format.format(0, "minute");
    for (var i = 0; i < steps.length; i++) {
      if (Math.abs(seconds) >= steps[i][1]) { text = format.format(Math.round(seconds / steps[i][1]), steps[i][0]); break; }
    }
    var note = document.createElement("span");
    note.className = "relative";
    note.textContent = " (" + text + ")";
    element.after(note);
  });
});
