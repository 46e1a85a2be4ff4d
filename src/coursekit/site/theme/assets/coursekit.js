// coursekit: what the schedule page adds in the browser, from the visitor's own date (the
// site is static). Rows carry data-date/data-kind; without JavaScript the table reads fine.
(function () {
  "use strict";

  function iso(day) {
    return day.getFullYear() + "-" + String(day.getMonth() + 1).padStart(2, "0") + "-" +
      String(day.getDate()).padStart(2, "0");
  }

  function addDays(day, n) {
    var copy = new Date(day.getTime());
    copy.setDate(copy.getDate() + n);
    return copy;
  }

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function item(row, cell, schedule) {
    var li = document.createElement("li");
    var when = document.createElement("a");
    when.href = (schedule || "") + (row.id ? "#" + row.id : schedule ? "" : "#");
    when.textContent = text(row.querySelector(".ck-date time")) || row.dataset.date;
    li.appendChild(when);
    li.appendChild(document.createTextNode(" "));
    // Copies of the cell's nodes, never its HTML re-parsed: text stays text.
    Array.prototype.forEach.call(cell.childNodes, function (node) {
      li.appendChild(node.cloneNode(true));
    });
    return li;
  }

  function heading(words) {
    var h2 = document.createElement("h2");
    h2.textContent = words;
    return h2;
  }

  // The panel before `table`: up next and the deadlines of the next 14 days; null after
  // the term. `schedule` is the schedule page's URL when the panel is shown elsewhere.
  function panel(table, schedule) {
    // The panel's words come from the table, in the course's language (schedule.md.j2).
    var words = table.dataset;
    var today = new Date();
    var todayIso = iso(today);
    var horizon = iso(addDays(today, 14));
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr.ck-session[data-date]"));
    if (!rows.length) return null;
    rows.forEach(function (row) {
      if (row.dataset.date === todayIso) {
        row.classList.add("ck-today");
        row.setAttribute("aria-current", "date");
      }
    });
    var last = rows[rows.length - 1].dataset.date;
    if (todayIso > last) return null; // the term is over: nothing is next

    var next = rows.find(function (row) {
      return row.dataset.date >= todayIso && row.dataset.kind !== "break";
    });
    var deadlines = rows.filter(function (row) {
      return row.dataset.date >= todayIso && row.dataset.date <= horizon &&
        text(row.querySelector(".ck-due"));
    });
    var box = document.createElement("section");
    box.className = "ck-thisweek";
    box.setAttribute("aria-label", words.thisWeek || "This week");
    var upNext = document.createElement("div");
    upNext.className = "ck-upnext";
    upNext.appendChild(heading(words.upNext || "Up next"));
    var list = document.createElement("ul");
    if (next) {
      list.appendChild(item(next, next.querySelector(".ck-title"), schedule));
    }
    upNext.appendChild(list);
    var due = document.createElement("div");
    due.className = "ck-deadlines";
    due.appendChild(heading(words.upcoming || "Upcoming deadlines"));
    var dueList = document.createElement("ul");
    deadlines.forEach(function (row) {
      dueList.appendChild(item(row, row.querySelector(".ck-due"), schedule));
    });
    if (!deadlines.length) {
      var none = document.createElement("li");
      none.textContent = words.nothingDue || "Nothing due in the next 14 days.";
      dueList.appendChild(none);
    }
    due.appendChild(dueList);
    box.appendChild(upNext);
    box.appendChild(due);
    return box;
  }

  function openOnWeek(table) {
    // Open on the current week, unless the link asked for a particular row.
    var todayIso = iso(new Date());
    var first = table.querySelector("tr.ck-session[data-date]");
    if (!location.hash && first && todayIso >= first.dataset.date) {
      var weeks = table.querySelectorAll("tr.ck-week[data-week]");
      var current = null;
      weeks.forEach(function (week) {
        if (week.dataset.week <= todayIso) current = week;
      });
      if (current) current.scrollIntoView({block: "start"});
    }
  }

  function webcal() {
    // Calendar apps subscribe to webcal:// URLs; the plain https link stays as the fallback.
    document.querySelectorAll("a[data-webcal]").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), location.href);
      if (url.protocol === "https:" || url.protocol === "http:") {
        link.href = "webcal://" + url.host + url.pathname;
      }
    });
  }

  // The semester switcher keeps the page: from S2027/schedule/ to S2022/schedule/ when that
  // offering has the page, else to its home. Material does this only from the sitemap, which
  // needs site_url. The other offering's home is always there (a built home or a redirect
  // stub) and its navigation names its pages; asking for a page that may be missing would
  // log a 404. URLs are relative to this page: it works under any base path.
  function switchOffering(event) {
    var link = event.target instanceof Element && event.target.closest("a.md-version__link");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var config = document.getElementById("__config");
    if (!config) return;
    var root = new URL(JSON.parse(config.textContent).base || ".", location.href);
    var home = new URL(link.getAttribute("href"), location.href);
    var path = location.pathname;
    var rest = path.indexOf(root.pathname) === 0 ? path.slice(root.pathname.length) : "";
    if (!rest || home.href === root.href) return; // the home, or this offering: as linked
    event.preventDefault();
    event.stopPropagation(); // Material's handler would look in the sitemap
    var page = new URL(rest, home);
    fetch(home.href).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      var links = new DOMParser().parseFromString(html, "text/html").querySelectorAll("a[href]");
      var known = Array.prototype.some.call(links, function (a) {
        return new URL(a.getAttribute("href"), home).href === page.href;
      });
      location.href = known ? page.href + location.hash : home.href;
    }, function () {
      location.href = home.href;
    });
  }

  document.addEventListener("click", switchOffering, true);

  function shortTitle() {
    // A phone's header leaves the course title ~70 px beside the switcher and buttons
    // ("Machi…"): where the full title is cut, the course's short title stands in for it.
    var meta = document.querySelector('meta[name="coursekit:short-title"]');
    var name = document.querySelector(".md-header__topic:first-child > .md-ellipsis");
    if (!meta || !meta.content || !name || name.querySelector(".ck-title-short")) return;
    var header = name.closest(".md-header__title");
    var full = document.createElement("span");
    full.className = "ck-title-full";
    full.textContent = name.textContent.trim();
    var short = document.createElement("abbr");
    short.className = "ck-title-short";
    short.title = full.textContent;
    short.textContent = meta.content;
    name.textContent = "";
    name.appendChild(full);
    name.appendChild(short);
    function fit() {
      header.classList.remove("ck-title--short");
      if (name.scrollWidth > name.clientWidth + 1) header.classList.add("ck-title--short");
    }
    fit();
    window.addEventListener("resize", fit);
    // Material adds the semester switcher beside the title once versions.json has loaded.
    new MutationObserver(fit).observe(name.parentNode, {childList: true});
  }

  function enhance() {
    shortTitle();
    webcal();
    var table = document.querySelector("table.ck-schedule");
    if (table && !document.querySelector(".ck-thisweek")) {
      var box = panel(table, "");
      if (box) {
        table.parentNode.insertBefore(box, table);
        openOnWeek(table);
      }
    }
    var slot = document.querySelector(".ck-thisweek-home[data-schedule]");
    if (slot && !slot.firstChild) homePanel(slot);
  }

  // An offering's home page shows the same panel, made from the schedule page's table
  // (fetched): the table's links are relative to that page, so they are resolved first.
  function homePanel(slot) {
    var schedule = new URL(slot.dataset.schedule, location.href);
    fetch(schedule.href).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var table = doc.querySelector("table.ck-schedule");
      if (!table || slot.firstChild) return;
      table.querySelectorAll("a[href]").forEach(function (link) {
        link.setAttribute("href", new URL(link.getAttribute("href"), schedule).href);
      });
      var box = panel(table, schedule.href);
      if (box) slot.appendChild(document.importNode(box, true));
    }, function () {});
  }

  if (window.document$) {
    window.document$.subscribe(enhance); // Material's instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
