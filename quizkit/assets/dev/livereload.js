// MkDocs' live-reload poller, loaded as a same-origin file so the page's strict
// Content-Security-Policy (script-src 'self') lets it run. Only `mkdocs serve`
// adds it; the built site never carries it. The epoch and request id arrive as
// data attributes instead of an inline call.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var epoch = parseFloat(me.getAttribute("data-epoch"));
  var requestId = me.getAttribute("data-request-id");
  var req, timeout;

  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  }

  function stop() {
    if (req) req.abort();
    if (timeout) clearTimeout(timeout);
    req = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") poll();
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
