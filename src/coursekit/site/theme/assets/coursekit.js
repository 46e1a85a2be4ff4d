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

  function item(row, cell) {
    var li = document.createElement("li");
    var when = document.createElement("a");
    when.href = row.id ? "#" + row.id : "#";
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

  function panel(table) {
    // The panel's words come from the table, in the course's language (schedule.md.j2).
    var words = table.dataset;
    var today = new Date();
    var todayIso = iso(today);
    var horizon = iso(addDays(today, 14));
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr.ck-session[data-date]"));
    if (!rows.length) return;
    rows.forEach(function (row) {
      if (row.dataset.date === todayIso) {
        row.classList.add("ck-today");
        row.setAttribute("aria-current", "date");
      }
    });
    var last = rows[rows.length - 1].dataset.date;
    if (todayIso > last) return; // the term is over: nothing is next

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
      list.appendChild(item(next, next.querySelector(".ck-title")));
    }
    upNext.appendChild(list);
    var due = document.createElement("div");
    due.className = "ck-deadlines";
    due.appendChild(heading(words.upcoming || "Upcoming deadlines"));
    var dueList = document.createElement("ul");
    deadlines.forEach(function (row) {
      dueList.appendChild(item(row, row.querySelector(".ck-due")));
    });
    if (!deadlines.length) {
      var none = document.createElement("li");
      none.textContent = words.nothingDue || "Nothing due in the next 14 days.";
      dueList.appendChild(none);
    }
    due.appendChild(dueList);
    box.appendChild(upNext);
    box.appendChild(due);
    table.parentNode.insertBefore(box, table);

    // Open on the current week, unless the link asked for a particular row.
    if (!location.hash && todayIso >= rows[0].dataset.date) {
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
    if (table && !document.querySelector(".ck-thisweek")) panel(table);
  }

  if (window.document$) {
    window.document$.subscribe(enhance); // Material's instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
})();
