// Autosave of long texts to the server (docs/regler.md: Utredning; docs/regler.md: Bakgrund — text is never lost).
// Every textarea with data-autosave="<key>" is sent while typing. If the session has ended the
// text stays in this page only (never in browser storage: shared PCs), a login box appears and,
// after the user logs in again in this tab, every unsent text is sent at once.
(function () {
  "use strict";
  var rot = document.getElementById("autosave");
  if (!rot || !window.fetch) { return; }
  var url = rot.dataset.url;
  var statusUrl = rot.dataset.statusUrl;
  var akt = rot.dataset.akt;
  // A page with its own draft key keeps it in the address, so a reload continues the same draft
  // while another tab has its own.
  if (rot.dataset.flik && window.history && window.URL) {
    var adress = new URL(window.location.href);
    if (adress.searchParams.get("flik") !== rot.dataset.flik) {
      adress.searchParams.set("flik", rot.dataset.flik);
      window.history.replaceState(null, "", adress.toString());
    }
  }
  var dialog = document.getElementById("autosave-inloggning");
  var loginForm = document.getElementById("autosave-login");
  var felText = document.getElementById("autosave-fel");
  var vantande = {};   // key -> text not yet confirmed saved on the server
  var falt = {};       // key -> textarea
  var timers = {};
  var utloggad = false;
  var vantandeFormular = null;
  var kontroll = null;

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function klockslag() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function visaStatus(nyckel, text) {
    var el = falt[nyckel];
    var s = el && el.parentNode.querySelector(".autosave-status");
    if (s) { s.textContent = text; }
  }
  function data(nyckel, text) {
    var fd = new FormData();
    fd.append("nyckel", nyckel);
    fd.append("akt", akt);
    fd.append("text", text);
    fd.append("csrfmiddlewaretoken", csrf());
    return fd;
  }
  function blevUtloggad() {
    if (!utloggad) {
      utloggad = true;
      if (dialog) {
        dialog.hidden = false;
        var f = document.getElementById("autosave-losenord");
        if (f) { f.focus(); }
      }
      kontroll = setInterval(kollaInloggning, 10000);
    }
  }
  function blevInloggad() {
    utloggad = false;
    if (dialog) { dialog.hidden = true; }
    clearInterval(kontroll);
    skickaAlla();
    if (vantandeFormular) {
      var form = vantandeFormular;
      vantandeFormular = null;
      skickaFormular(form);
    }
  }
  function skicka(nyckel) {
    var text = vantande[nyckel];
    if (text === undefined) { return Promise.resolve(true); }
    return fetch(url, {
      method: "POST", body: data(nyckel, text), credentials: "same-origin",
      headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" }, redirect: "manual"
    }).then(function (r) {
      if (r.status === 200) {
        if (vantande[nyckel] === text) { delete vantande[nyckel]; }
        visaStatus(nyckel, "Utkast sparat " + klockslag());
        return true;
      }
      if (r.status === 401 || r.status === 403 || r.type === "opaqueredirect") {
        visaStatus(nyckel, "Inte sparat – du är utloggad. Texten finns kvar här.");
        blevUtloggad();
        return false;
      }
      visaStatus(nyckel, "Kunde inte spara utkastet. Vi försöker igen.");
      timers[nyckel] = setTimeout(function () { skicka(nyckel); }, 5000);
      return false;
    }).catch(function () {
      visaStatus(nyckel, "Ingen kontakt med servern. Texten finns kvar här; vi försöker igen.");
      timers[nyckel] = setTimeout(function () { skicka(nyckel); }, 5000);
      return false;
    });
  }
  function skickaAlla() {
    return Promise.all(Object.keys(vantande).map(skicka));
  }
  function kollaInloggning() {
    return fetch(statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (svar) { if (svar.inloggad) { blevInloggad(); } return svar.inloggad; })
      .catch(function () { return false; });
  }
  function skickaFormular(form) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { token.value = csrf(); }
    form.dataset.autosaveKlar = "1";
    form.submit();
  }

  document.querySelectorAll("textarea[data-autosave]").forEach(function (el) {
    var nyckel = el.dataset.autosave;
    falt[nyckel] = el;
    el.addEventListener("input", function () {
      vantande[nyckel] = el.value;
      clearTimeout(timers[nyckel]);
      if (utloggad) { return; }
      timers[nyckel] = setTimeout(function () { skicka(nyckel); }, 600);
    });
    var form = el.form;
    if (form && !form.dataset.autosaveBevakad) {
      form.dataset.autosaveBevakad = "1";
      form.addEventListener("submit", function (e) {
        // Never post into an ended session: the text would be lost on the login page.
        e.preventDefault();
        kollaInloggning().then(function (inne) {
          if (inne) { skickaFormular(form); } else { vantandeFormular = form; blevUtloggad(); }
        });
      });
    }
  });

  // A closed tab, a reload or a crash of the page: send what is left at once.
  function tomma() {
    Object.keys(vantande).forEach(function (nyckel) {
      if (navigator.sendBeacon) { navigator.sendBeacon(url, data(nyckel, vantande[nyckel])); }
    });
  }
  window.addEventListener("pagehide", tomma);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { tomma(); }
  });

  if (loginForm) {
    loginForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var fd = new FormData(loginForm);
      fd.append("csrfmiddlewaretoken", csrf());
      fd.append("next", statusUrl);
      fetch(loginForm.action, { method: "POST", body: fd, credentials: "same-origin" })
        .then(function (r) {
          if (r.redirected && r.url.indexOf(statusUrl) !== -1) {
            felText.hidden = true;
            document.getElementById("autosave-losenord").value = "";
            blevInloggad();
          } else {
            felText.textContent = "Fel användarnamn eller lösenord. Försök igen.";
            felText.hidden = false;
          }
        })
        .catch(function () {
          felText.textContent = "Ingen kontakt med servern. Texten finns kvar här. Försök igen.";
          felText.hidden = false;
        });
    });
  }
})();
