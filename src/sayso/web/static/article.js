// Article page: selecting (click, Enter) or hovering an account shows its card.
(function () {
  "use strict";
  function select(id, scroll) {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    document.querySelectorAll('mark.account[data-account="' + id + '"]').forEach(function (el) { el.classList.add("selected"); });
    var card = document.getElementById(id);
    if (card) {
      card.classList.add("selected");
      if (scroll) { card.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("mark.account").forEach(function (mark) {
      var id = mark.getAttribute("data-account");
      mark.addEventListener("click", function () { select(id, true); });
      mark.addEventListener("mouseenter", function () { select(id, false); });
      mark.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(id, true); } });
    });
    if (window.location.hash.length > 1) { select(window.location.hash.slice(1), true); }
  });
})();
