package org.flowmeter.report;

/**
 * The triage report's only script: sort the flow table by a column, filter its rows, and let
 * the talker tables fill the filter. The page's address may preset both
 * ({@code report.html#q="10.0.0.5"&sort=bytes}), so a link can point at one host's flows.
 */
final class FlowTableScript {
    private FlowTableScript() {
    }

    static final String JS = """
            (function () {
              var table = document.getElementById('flow-table');
              var input = document.getElementById('flow-filter');
              var counter = document.getElementById('flow-count');
              if (!table) { return; }
              var body = table.tBodies[0];
              var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
              var rows = Array.prototype.slice.call(body.rows);
              function terms(text) {
                var out = [], re = /"([^"]*)"|(\\S+)/g, m;
                while ((m = re.exec(text)) !== null) {
                  out.push(m[1] !== undefined ? {whole: true, text: m[1].toLowerCase()} : {whole: false, text: m[2].toLowerCase()});
                }
                return out;
              }
              function matches(row, term) {
                for (var c = 0; c < row.cells.length; c++) {
                  var cell = row.cells[c].textContent.toLowerCase();
                  if (term.whole ? cell === term.text : cell.indexOf(term.text) >= 0) { return true; }
                }
                return false;
              }
              function filter() {
                var wanted = terms(input.value), shown = 0;
                rows.forEach(function (row) {
                  var ok = wanted.every(function (t) { return matches(row, t); });
                  row.hidden = !ok;
                  if (ok) { shown++; }
                });
                counter.textContent = shown + ' of ' + rows.length + ' flows shown';
              }
              function key(row, c, numeric) {
                var cell = row.cells[c];
                if (!numeric) { return cell.textContent; }
                var v = parseFloat(cell.getAttribute('data-v') || cell.textContent);
                return isNaN(v) ? -Infinity : v;
              }
              function sortBy(c, ascending) {
                var numeric = heads[c].classList.contains('num');
                heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
                heads[c].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                rows.sort(function (a, b) {
                  var x = key(a, c, numeric), y = key(b, c, numeric);
                  var d = numeric ? x - y : x.localeCompare(y);
                  return ascending ? d : -d;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              }
              heads.forEach(function (h, c) {
                h.tabIndex = 0;
                h.title = 'sort';
                function toggle() { sortBy(c, h.getAttribute('aria-sort') !== 'ascending'); }
                h.addEventListener('click', toggle);
                h.addEventListener('keydown', function (e) {
                  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
                });
              });
              input.addEventListener('input', filter);
              document.querySelectorAll('[data-filter]').forEach(function (a) {
                a.addEventListener('click', function () { input.value = a.getAttribute('data-filter'); filter(); });
              });
              var hash = new URLSearchParams(location.hash.slice(1));
              if (hash.has('q')) { input.value = hash.get('q'); }
              if (hash.has('sort')) {
                var name = hash.get('sort'), descending = name.charAt(0) === '-';
                name = name.replace(/^-/, '');
                heads.forEach(function (h, c) { if (h.textContent === name) { sortBy(c, !descending); } });
              }
              filter();
            })();
            """;
}
