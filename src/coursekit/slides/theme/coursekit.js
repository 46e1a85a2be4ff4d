/* coursekit's additions to reveal.js 6, loaded by every deck page before Reveal.initialize().
   Below `scrollActivationWidth` (phones) reveal.js shows its scroll view, where it rewrites the
   URL before reading it and never writes it back: a link to #/3/2 opened the title slide, and
   a link copied while reading pointed to it too. This keeps both working there. */
(function () {
  "use strict";
  var link = window.location.hash;  // read before reveal.js replaces it

  // reveal.js's own reading of a hash: #/h/v (numbers, hashOneBasedIndex) or #/id.
  function target(hash) {
    var name = hash.replace(/^#\/?/, "");
    if (!name) { return null; }
    var bits = name.split("/");
    if (/^[0-9]+$/.test(bits[0])) {
      var base = Reveal.getConfig().hashOneBasedIndex ? 1 : 0;
      return { h: (parseInt(bits[0], 10) - base) || 0, v: (parseInt(bits[1], 10) - base) || 0 };
    }
    var element = document.getElementById(decodeURIComponent(bits[0]));
    var slide = element && element.closest(".slides section");
    return slide ? Reveal.getIndices(slide) : null;
  }

  // reveal.js's own writing of one: the slide's id, else its indices (none for the first).
  function hashOf(slide) {
    if (slide && slide.id) { return "#/" + encodeURIComponent(slide.id); }
    var at = Reveal.getIndices(), base = Reveal.getConfig().hashOneBasedIndex ? 1 : 0;
    if (!at.h && !at.v) { return ""; }
    return "#/" + (at.h + base) + (at.v ? "/" + (at.v + base) : "");
  }

  // Scroll the slide's page to the top of the window. Not Reveal.slide(): its scroll
  // position is short by a fraction of a page per slide before it, which the scroll snap
  // then rounds to an earlier slide (#/3/2 of a 7-slide deck showed 3/1).
  function show(at) {
    var slide = document.querySelector(
      '.slides section[data-index-h="' + at.h + '"][data-index-v="' + at.v + '"]');
    var page = slide && slide.closest(".scroll-page");
    if (!page) { Reveal.slide(at.h, at.v); return; }
    var viewport = Reveal.getViewportElement();
    viewport.scrollTop += page.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
  }

  function follow(hash) {
    var at = Reveal.isScrollView() && Reveal.getConfig().hash ? target(hash) : null;
    if (at) { show(at); }
  }

  Reveal.on("ready", function () {
    follow(link);
    // After reveal.js's own listener, which scrolls to the wrong place (see show()).
    window.addEventListener("hashchange", function () { follow(window.location.hash); });
  });
  Reveal.on("slidechanged", function (event) {
    if (!Reveal.isScrollView() || !Reveal.getConfig().hash) { return; }
    var hash = hashOf(event.currentSlide);
    if (hash !== window.location.hash) {
      history.replaceState(null, "", window.location.pathname + window.location.search + hash);
    }
  });
})();
