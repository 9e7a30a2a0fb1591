// E-tjänst: warn before the session times out, and keep it alive on request (docs/arkitektur.md: E-tjänst).
// Progressive enhancement: without JavaScript the session still ends, and drafts are saved.
(function () {
  "use strict";
  var body = document.body;
  var sekunder = parseInt(body.dataset.sessionSekunder || "0", 10);
  var varning = parseInt(body.dataset.sessionVarning || "0", 10);
  var ping = body.dataset.sessionPing;
  var ruta = document.getElementById("session-varning");
  var knapp = document.getElementById("session-fortsatt");
  if (!sekunder || !ruta || !knapp || !ping) { return; }
  var varningsTimer, utloggningsTimer;

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function starta() {
    clearTimeout(varningsTimer);
    clearTimeout(utloggningsTimer);
    varningsTimer = setTimeout(visa, Math.max(sekunder - varning, 1) * 1000);
    utloggningsTimer = setTimeout(function () { window.location.reload(); }, sekunder * 1000);
  }
  function visa() {
    ruta.hidden = false;
    knapp.focus();
  }
  knapp.addEventListener("click", function () {
    fetch(ping, { method: "POST", headers: { "X-CSRFToken": csrf() }, credentials: "same-origin" })
      .then(function () { ruta.hidden = true; starta(); });
  });
  starta();
})();
