// make serve: reload this page as soon as the preview has a newer build of it (or new problems).
(function () {
  var script = document.currentScript;
  var shown = script.getAttribute("data-version");
  var page = script.getAttribute("data-page");
  function listen() {
    var source = new EventSource("/__preview__/events?page=" + encodeURIComponent(page));
    source.onmessage = function (event) {
      if (event.data !== shown) {
        source.close();
        location.reload();
      }
    };
    source.onerror = function () {
      source.close();
      setTimeout(listen, 1000); // the preview restarting: try again
    };
  }
  listen();
})();
